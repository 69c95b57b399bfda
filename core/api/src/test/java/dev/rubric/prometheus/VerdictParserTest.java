package dev.rubric.prometheus;

import dev.rubric.core.Winner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The conformance vectors of shared/prometheus/FORMAT.md (from prometheus-eval's own tests), plus our additions. */
class VerdictParserTest {

    static Stream<Arguments> absoluteVectors() {
        return Stream.of(
                arguments("Reference (Score 5) two results [RESULT] 3", OptionalInt.of(3)),
                arguments("Reference (Score 5) not results", OptionalInt.empty()),
                arguments("Excellent. [RESULT] 5 out of 5", OptionalInt.of(5)),
                arguments("Poor performance. [RESULT] score of 1", OptionalInt.of(1)),
                arguments("Good job. [Result] 3", OptionalInt.of(3)),
                arguments("Needs improvement. [Result] Score: 2", OptionalInt.of(2)),
                arguments("Well done. [Result] Result: 4", OptionalInt.of(4)),
                arguments("Average. [Result] 4/5", OptionalInt.of(4)),
                arguments("Good job. (Score 5)", OptionalInt.of(5)),
                arguments("Good job. [Score 4]", OptionalInt.of(4)),
                arguments("Good job. score: 3", OptionalInt.of(3)),
                arguments("Good job. score of 1", OptionalInt.of(1)),
                arguments("Good job. [RESULT] (5)", OptionalInt.of(5)),
                arguments("The score is definitely not 3.", OptionalInt.empty()),
                arguments("I rate this a perfect 10!", OptionalInt.empty()),
                arguments("Score: 2.5", OptionalInt.empty()),
                arguments("Result: A", OptionalInt.empty()),
                arguments("", OptionalInt.empty()));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("absoluteVectors")
    void absoluteConformanceVectors(String output, OptionalInt expected) {
        assertThat(VerdictParser.parseScore(output)).isEqualTo(expected);
    }

    static Stream<Arguments> pairwiseVectors() {
        return Stream.of(
                arguments("[Response B is not better. [RESULT] A", Optional.of(Winner.A)),
                arguments("Result A or B, not results", Optional.empty()),
                arguments("Response A is better. [RESULT] A", Optional.of(Winner.A)),
                arguments("Prefer Response B. [RESULT] B", Optional.of(Winner.B)),
                arguments("Feedback: Both responses are similar... [Response B]", Optional.of(Winner.B)),
                arguments("Feedback: Both responses are clear... [Result] Response B", Optional.of(Winner.B)),
                arguments("Feedback: Both responses are clear... Response B Response A", Optional.empty()),
                arguments("Feedback: Both responses are clear... [RESULT: B]", Optional.of(Winner.B)),
                arguments("Feedback: Both responses are clear... [Result: B]", Optional.of(Winner.B)),
                arguments("Feedback: Both responses are clear...Response A. [RESULT] B", Optional.of(Winner.B)),
                arguments("After careful consideration, I select Response B.", Optional.empty()),
                arguments("Both responses have their merits.", Optional.empty()),
                arguments("Response C is clearly superior.", Optional.empty()),
                arguments("The better response is obviously B... or is it A? It's hard to decide.", Optional.empty()),
                arguments("", Optional.empty()));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("pairwiseVectors")
    void pairwiseConformanceVectors(String output, Optional<Winner> expected) {
        assertThat(VerdictParser.parseWinner(output)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Feedback: Clear and correct. [RESULT] 4</s>",
            "Feedback: Clear and correct. [RESULT] 4 </s>",
            "Feedback: Clear and correct. [RESULT] 4</s>\n",
            "Feedback: Clear and correct. [RESULT] 4.",
            "Feedback: Clear and correct. [RESULT] 4.</s>",
            "Feedback: Clear and correct. [RESULT] 4\n\n"})
    void acceptsATrailingEndOfSequenceOrPeriodAfterTheScore(String output) {
        assertThat(VerdictParser.parseScore(output)).hasValue(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Feedback: A is concise. [RESULT] A</s>",
            "Feedback: A is concise. [RESULT] A.",
            "Feedback: A is concise. [RESULT] A.</s>"})
    void acceptsATrailingEndOfSequenceOrPeriodAfterTheWinner(String output) {
        assertThat(VerdictParser.parseWinner(output)).hasValue(Winner.A);
    }

    @Test
    void aTrailingPeriodDoesNotTurnProseIntoAScore() {
        assertThat(VerdictParser.parseScore("The score is definitely not 3.</s>")).isEmpty();
        assertThat(VerdictParser.parseScore("Feedback: fine. I would give it 4.")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[RESULT] 0", "[RESULT] 6", "[RESULT] 99999999999999999999", "[RESULT] -3"})
    void scoresOutsideOneToFiveAreNotScores(String output) {
        assertThat(VerdictParser.parseScore(output)).isEmpty();
    }

    @Test
    void theLastScoreCountsNotAnEarlierOne() {
        assertThat(VerdictParser.parseScore("Feedback: a [RESULT] 2 would be unfair here. [RESULT] 5")).hasValue(5);
    }

    @Test
    void aNullOutputHasNoScoreWinnerOrFeedback() {
        assertThat(VerdictParser.parseScore(null)).isEmpty();
        assertThat(VerdictParser.parseWinner(null)).isEmpty();
        assertThat(VerdictParser.feedback(null)).isEmpty();
    }

    @Test
    void feedbackDropsTheLeadingLabelAndTheResultTail() {
        assertThat(VerdictParser.feedback("Feedback: The answer is accurate and complete. [RESULT] 5"))
                .isEqualTo("The answer is accurate and complete.");
        assertThat(VerdictParser.feedback("Feedback: The answer is accurate.\n[RESULT] 4</s>"))
                .isEqualTo("The answer is accurate.");
        assertThat(VerdictParser.feedback("  Feedback:   Response A is clearer. [RESULT] A.</s>"))
                .isEqualTo("Response A is clearer.");
        assertThat(VerdictParser.feedback("Feedback: lower case marker. [result] 3"))
                .isEqualTo("lower case marker.");
    }

    @Test
    void feedbackWithoutAResultTailIsKeptWhole() {
        assertThat(VerdictParser.feedback("The response covers every point of the rubric."))
                .isEqualTo("The response covers every point of the rubric.");
        assertThat(VerdictParser.feedback("Feedback: cut off mid-sentence because the budget ran o"))
                .isEqualTo("cut off mid-sentence because the budget ran o");
    }

    @Test
    void feedbackKeepsItsOwnLineBreaksAndSpacing() {
        assertThat(VerdictParser.feedback("Feedback: First point.\n\n- a\n- b  c\n[RESULT] 4"))
                .isEqualTo("First point.\n\n- a\n- b  c");
    }

    @Test
    void whitespaceRunsDoNotChangeWhatIsParsed() {
        assertThat(VerdictParser.parseScore("Feedback: ok. [RESULT] \t\n  4 \n\n")).hasValue(4);
        assertThat(VerdictParser.parseScore("Feedback: ok. score   of\t\t2")).hasValue(2);
        assertThat(VerdictParser.parseWinner("Feedback: tie-ish.\r\n\r\nResult:   B  \n")).hasValue(Winner.B);
        assertThat(VerdictParser.parseWinner("Feedback: first line ends\n  \nResult: A\nthen more prose")).hasValue(Winner.A);
    }

    /** Upstream's pattern wants "Result" right after a line break; spaces before it are not a line start. */
    @Test
    void whitespaceIsNeverCollapsedIntoALineStart() {
        assertThat(VerdictParser.parseWinner("text\n  Result: A")).isEmpty();
        assertThat(VerdictParser.parseWinner("text\nResult: A")).hasValue(Winner.A);
    }

    /** Python's {@code $} and multi-line {@code ^} know only \n as a line end; Java's also \r, U+0085, U+2028. */
    @Test
    void onlyANewlineEndsALine() {
        assertThat(VerdictParser.parseWinner("[RESULT] A\u2028more")).isEmpty();
        assertThat(VerdictParser.parseWinner("[RESULT] A\u0085foo")).isEmpty();
        assertThat(VerdictParser.parseWinner("x\rResult: B")).isEmpty();
        assertThat(VerdictParser.parseWinner("x\u2028Result: A")).isEmpty();
        assertThat(VerdictParser.parseWinner("[RESULT] A\r\nfoo")).as("\\r is whitespace before the \\n")
                .hasValue(Winner.A);
    }

    /** Python's \s on text is str.isspace(): non-breaking and other Unicode spaces, and U+001C..U+001F. */
    @ParameterizedTest
    @ValueSource(strings = {"\u00A0", "\u2028", "\u2007", "\u202F", "\u3000", "\u001C", "\u001F", "\u0085"})
    void pythonWhitespaceIsWhitespace(String space) {
        assertThat(VerdictParser.parseScore("[RESULT]" + space + "4")).hasValue(4);
        assertThat(VerdictParser.parseScore("[RESULT] 4" + space)).hasValue(4);
        assertThat(VerdictParser.parseWinner("[RESULT]" + space + "B")).hasValue(Winner.B);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u200B", "\uFEFF", "\u180E"})
    void zeroWidthCharactersAreNotWhitespace(String notSpace) {
        assertThat(VerdictParser.parseScore("[RESULT]" + notSpace + "4")).isEmpty();
    }

    @Test
    void theWhitespaceClassAndTheStripPredicateAgreeWithEachOther() {
        java.util.regex.Pattern cls = java.util.regex.Pattern.compile(VerdictParser.WHITESPACE);
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            assertThat(VerdictParser.isWhitespace((char) c)).as("U+%04X", c)
                    .isEqualTo(cls.matcher(String.valueOf((char) c)).matches());
        }
    }

    /** Python's \d is any Unicode decimal digit and int() reads them: upstream reads these as 4. */
    @ParameterizedTest
    @ValueSource(strings = {"\uFF14", "\u0664", "04", "\uD835\uDFD2"})
    void unicodeDigitsAndLeadingZerosAreReadLikeIntDoes(String four) {
        assertThat(VerdictParser.parseScore("[RESULT] " + four)).hasValue(4);
    }

    @Test
    void caseInsensitivityIsUnicodeAware() {
        assertThat(VerdictParser.parseScore("\u017Fcore: 4")).as("long s folds to s, as in Python").hasValue(4);
        assertThat(VerdictParser.parseWinner("[result] b")).hasValue(Winner.B);
    }

    @Test
    void aVerdictIsLocatedAtItsOwnCharacters() {
        String output = "Feedback: [RESULT] 4 would be kind.\nScore: 3";
        var located = VerdictParser.locateScore(output).orElseThrow();
        assertThat(located.verdict()).isEqualTo(3);
        assertThat(output.substring(located.start(), located.end())).isEqualTo("3");
        var winner = VerdictParser.locateWinner("[RESULT] A\n\n[RESULT] B").orElseThrow();
        assertThat(winner.verdict()).isEqualTo(Winner.A);
        assertThat(winner.start()).isEqualTo(9);
        assertThat(VerdictParser.locateScore("[RESULT] 4.").orElseThrow().start()).as("through the accepted tail")
                .isEqualTo(9);
    }

    @Test
    void anOutputUpstreamReadsIsNeverReadDifferentlyThroughTheAcceptedTails() {
        assertThat(VerdictParser.parseWinner("[RESULT] B\n[RESULT] A</s>")).hasValue(Winner.B);
    }

    /** Judge output is untrusted: a degenerate one must neither hang the parser nor overflow its stack. */
    @ParameterizedTest
    @ValueSource(strings = {" ", "\n", " \n", "(", "[", "( ", "[RESULT] ", "</s>", "9", "Result: ", "\u00A0", "score ",
            "[RESULT: ", "[Response ", "\nResult", "score 1 ", "[Result] ", "[RESULT] 4 "})
    void degenerateOutputsAreParsedQuicklyWithoutStackOverflow(String unit) {
        String output = "Feedback: " + unit.repeat(100_000 / unit.length()) + "x"; // 100,000 characters
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> {
            VerdictParser.parseScore(output);
            VerdictParser.parseWinner(output);
            VerdictParser.feedback(output);
            VerdictParser.parseScore(output + " [RESULT] 3</s>");
            VerdictParser.parseWinner(output + " [RESULT] B");
        });
        assertThat(VerdictParser.parseScore(output + " [RESULT] 3</s>")).hasValue(3);
        assertThat(VerdictParser.parseWinner(output + "\n[RESULT] B")).isPresent();
    }

    /** Upstream reads a number behind any run of brackets; a repeated group in Java's engine would overflow. */
    @Test
    void aLongRunOfBracketsBeforeTheScoreIsReadAsUpstreamReadsIt() {
        String output = "Feedback: ok [RESULT] " + "(".repeat(100_000) + "4";
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
                () -> assertThat(VerdictParser.parseScore(output)).hasValue(4));
        String spaced = "Feedback: ok [RESULT]" + " ".repeat(100_000) + "4" + " \n".repeat(50_000);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
                () -> assertThat(VerdictParser.parseScore(spaced)).hasValue(4));
    }

    @Test
    void manyEndOfSequenceMarkersAreAllStripped() {
        assertThat(VerdictParser.parseScore("Feedback: ok [RESULT] 5" + "</s> ".repeat(50_000))).hasValue(5);
    }

    @Test
    void feedbackKeepsTheWordFeedbackInsideTheText() {
        assertThat(VerdictParser.feedback("My feedback: Feedback: is repeated. [RESULT] 2"))
                .isEqualTo("My feedback: Feedback: is repeated.");
    }
}
