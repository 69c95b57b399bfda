package dev.rubric.judge.openai;

import dev.rubric.prometheus.VerdictParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Which token holds the verdict, and when its top log-probabilities become the verdict's probabilities. */
class OpenAiScoreProbabilitiesTest {

    @Test
    void theScoresReportedAtTheVerdictTokenAreNormalisedAndTheirMassIsKept() {
        List<TokenAlternatives> tokens = tokens("▁The", "▁answer", "▁says", "▁[", "RESULT", "]", "▁is", "▁fine",
                ".", "▁[", "RESULT", "]", "▁");
        tokens.add(new TokenAlternatives("2", Map.of("2", Math.log(0.5), "▁2", Math.log(0.1),
                "1", Math.log(0.3), "▁Score", Math.log(0.1))));

        ScoreProbabilities.Distribution d = absolute(" The answer says [RESULT] is fine. [RESULT] 2", tokens)
                .orElseThrow();

        assertThat(d.probabilities()).hasSize(5);
        assertThat(d.probabilities().get(0)).isCloseTo(0.3 / 0.9, within(1e-12));
        assertThat(d.probabilities().get(1)).isCloseTo(0.6 / 0.9, within(1e-12));
        assertThat(d.probabilities().subList(2, 5)).containsOnly(0.0);
        assertThat(d.mass()).as("\"▁Score\" is no score: 10 % went elsewhere").isCloseTo(0.9, within(1e-12));
    }

    /** Without top log-probabilities the generated score is the only one reported: 1.0 on it would be made up. */
    @Test
    void onlyTheGeneratedScoreReportedGivesNoProbabilities() {
        List<TokenAlternatives> tokens = tokens("Fine.", " [RESULT]");
        tokens.add(new TokenAlternatives(" 5", Map.of(" 5", Math.log(0.9))));

        assertThat(absolute("Fine. [RESULT] 5", tokens)).isEmpty();
    }

    @Test
    void aTopListHoldingOneScoreInTwoSpellingsIsOneScoreAndGivesNoProbabilities() {
        List<TokenAlternatives> tokens = tokens("Fine.", " [RESULT]");
        tokens.add(new TokenAlternatives(" 4", Map.of(" 4", Math.log(0.97), "4", Math.log(0.01),
                " The", Math.log(0.01), "\n", Math.log(0.005))));

        assertThat(absolute("Fine. [RESULT] 4", tokens)).isEmpty();
    }

    @Test
    void theGeneratedScoreCountsAsAReportWhenTheTopListLeftItOut() {
        List<TokenAlternatives> tokens = tokens("Fine.", " [RESULT]");
        tokens.add(new TokenAlternatives(" 5", Map.of(" 5", Math.log(0.6), " 4", Math.log(0.3))));

        ScoreProbabilities.Distribution d = absolute("Fine. [RESULT] 5", tokens).orElseThrow();
        assertThat(d.probabilities().get(4)).isCloseTo(0.6 / 0.9, within(1e-12));
        assertThat(d.mass()).isCloseTo(0.9, within(1e-12));
    }

    /** The score is the end-anchored one (3); the token after the first marker ("4") says nothing about it. */
    @Test
    void probabilitiesComeFromTheTokenOfTheParsedScoreNotTheFirstAfterAMarker() {
        List<TokenAlternatives> tokens = tokens("Fine.", " [RESULT]");
        tokens.add(new TokenAlternatives(" 4", Map.of(" 4", Math.log(0.91), " 3", Math.log(0.05))));
        tokens.addAll(tokens("\n", "Score", ":"));
        tokens.add(new TokenAlternatives(" 3", Map.of(" 3", Math.log(0.7), " 2", Math.log(0.2))));
        String text = "Fine. [RESULT] 4\nScore: 3";
        assertThat(VerdictParser.parseScore(text)).hasValue(3);

        ScoreProbabilities.Distribution d = absolute(text, tokens).orElseThrow();

        assertThat(d.probabilities().get(2)).isCloseTo(0.7 / 0.9, within(1e-12));
        assertThat(d.probabilities().get(3)).isZero();

        List<TokenAlternatives> certainOfThree = new ArrayList<>(tokens.subList(0, tokens.size() - 1));
        certainOfThree.add(new TokenAlternatives(" 3", Map.of(" 3", -0.001)));
        assertThat(absolute(text, certainOfThree)).as("one score reported at the parsed token").isEmpty();
    }

    @Test
    void aTokenThatAlsoHoldsPartOfTheMarkerIsNotTheVerdict() {
        List<TokenAlternatives> tokens = tokens("Fine. [RESULT");
        tokens.add(new TokenAlternatives("] 4", Map.of("] 4", -0.1, "] 5", -2.0)));

        assertThat(absolute("Fine. [RESULT] 4", tokens)).isEmpty();
    }

    @Test
    void tokensThatDoNotEndAsTheTextDoesGiveNoProbabilities() {
        List<TokenAlternatives> tokens = tokens("Fine.", " [RESULT]");
        tokens.add(new TokenAlternatives(" 4", Map.of(" 4", Math.log(0.6), " 5", Math.log(0.3))));
        tokens.addAll(tokens(" more"));

        assertThat(absolute("Fine. [RESULT] 4", tokens)).isEmpty();
        assertThat(absolute("Fine. [RESULT] 4", List.of())).as("no log-probabilities at all").isEmpty();
    }

    @Test
    void spacesLostByDecodingEachTokenAloneDoNotMisplaceTheVerdict() {
        List<TokenAlternatives> tokens = tokens("Fine", ".", "[", "RESULT", "]");
        tokens.add(new TokenAlternatives("4", Map.of("4", Math.log(0.6), "5", Math.log(0.3))));
        tokens.addAll(tokens("\n"));

        assertThat(absolute("Fine. [RESULT] 4\n", tokens)).isPresent();
    }

    @Test
    void pairwiseIsTheProbabilityOfAAgainstB() {
        List<TokenAlternatives> tokens = tokens("A", " is", " better", ".", " [RESULT]");
        tokens.add(new TokenAlternatives("▁B", Map.of("▁B", Math.log(0.6), "▁A", Math.log(0.2),
                "B", Math.log(0.1), "▁Both", Math.log(0.05))));
        String text = "A is better. [RESULT] B";

        ScoreProbabilities.Distribution d = ScoreProbabilities.pairwise(new ServerOutput(text, "stop", tokens),
                VerdictParser.locateWinner(text).orElseThrow()).orElseThrow();

        assertThat(d.probabilities().get(0)).isCloseTo(0.2 / 0.9, within(1e-12));
        assertThat(d.mass()).isCloseTo(0.9, within(1e-12));
    }

    private static Optional<ScoreProbabilities.Distribution> absolute(String text, List<TokenAlternatives> tokens) {
        return ScoreProbabilities.absolute(new ServerOutput(text, "stop", tokens),
                VerdictParser.locateScore(text).orElseThrow());
    }

    private static List<TokenAlternatives> tokens(String... texts) {
        List<TokenAlternatives> out = new ArrayList<>();
        for (String t : texts) {
            out.add(new TokenAlternatives(t, Map.of(t, -0.01)));
        }
        return out;
    }
}
