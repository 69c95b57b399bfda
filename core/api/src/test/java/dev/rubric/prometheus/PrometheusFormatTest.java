package dev.rubric.prometheus;

import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.GradingMode;
import dev.rubric.core.PairwiseGrading;
import dev.rubric.core.Rubric;
import dev.rubric.core.Rubrics;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusFormatTest {

    private static final String TRICKY = "Use {response} and {instruction}, {rubric}, {reference_answer},"
            + " {response_A} {response_B} {} {{x}} } { C:\\path\\n \\\\ $1 $0 ${x} \\$";

    private final PrometheusFormat format = PrometheusFormat.get();
    private final Rubric rubric = Rubric.of("Is it {polite}?", "rude $1", "curt \\1", "neutral", "kind", "warm {x}");

    @Test
    void userTextIsInsertedLiterallyInOnePass() {
        AbsoluteGrading grading = new AbsoluteGrading("Q " + TRICKY, "R " + TRICKY, rubric, "REF " + TRICKY);
        String user = format.userMessage(grading);

        assertThat(user).contains("###The instruction to evaluate:\nQ " + TRICKY + "\n\n###Response to evaluate:\n")
                .contains("###Response to evaluate:\nR " + TRICKY + "\n\n###Reference Answer (Score 5):\n")
                .contains("###Reference Answer (Score 5):\nREF " + TRICKY + "\n\n###Score Rubrics:\n")
                .contains("[Is it {polite}?]\nScore 1: rude $1\nScore 2: curt \\1\n")
                .endsWith("Score 5: warm {x}\n\n###Feedback: ");
        // each placeholder-like text occurs exactly as often as the user wrote it: nothing was substituted twice
        assertThat(count(user, "{response}")).isEqualTo(3);
        assertThat(count(user, "$1")).isEqualTo(4);
    }

    @Test
    void absoluteWithoutReferenceHasNoReferenceSection() {
        String user = format.userMessage(new AbsoluteGrading("What is 2+2?", "4", Rubrics.REASONING, null));
        assertThat(user).doesNotContain("Reference Answer").doesNotContain("reference answer")
                .contains("###The instruction to evaluate:\nWhat is 2+2?\n\n###Response to evaluate:\n4\n\n"
                        + "###Score Rubrics:\n[" + Rubrics.REASONING.criteria() + "]\nScore 1: ")
                .endsWith("\n\n###Feedback: ")
                .doesNotEndWith("  ");
    }

    @Test
    void absoluteWritesTheWholeScoreRubricWithoutATrailingNewline() {
        assertThat(format.scoreRubric(rubric)).isEqualTo(
                "[Is it {polite}?]\nScore 1: rude $1\nScore 2: curt \\1\nScore 3: neutral\nScore 4: kind\nScore 5: warm {x}");
    }

    @Test
    void pairwiseGetsOnlyTheCriteriaLine() {
        PairwiseGrading grading = new PairwiseGrading("Greet me", "Hi {response_B}", "Hello $1", Rubrics.HELPFULNESS, null);
        String user = format.userMessage(grading);

        assertThat(user).contains("###Instruction:\nGreet me\n\n###Response A:\nHi {response_B}\n\n"
                        + "###Response B:\nHello $1\n\n###Score Rubric:\n[" + Rubrics.HELPFULNESS.criteria()
                        + "]\n\n###Feedback: ")
                .doesNotContain("Score 1:")
                .doesNotContain(Rubrics.HELPFULNESS.describe(1))
                .doesNotContain("###Reference Answer:");
        assertThat(format.criteriaLine(Rubrics.HELPFULNESS))
                .isEqualTo("[Does the model provide relevant and useful responses to the user's needs or questions?]");
    }

    @Test
    void pairwiseWithReferenceHasTheReferenceSection() {
        PairwiseGrading grading = new PairwiseGrading("Q", "a", "b", Rubrics.HONESTY, "the {truth}");
        assertThat(format.userMessage(grading))
                .contains("###Response B:\nb\n\n###Reference Answer:\nthe {truth}\n\n###Score Rubric:\n["
                        + Rubrics.HONESTY.criteria() + "]\n\n###Feedback: ");
    }

    @Test
    void modelInputWrapsSystemAndUserAsInTraining() {
        AbsoluteGrading grading = new AbsoluteGrading("Q", "R", rubric, null);
        String input = format.modelInput(grading);

        assertThat(input).isEqualTo("[INST] " + format.systemPrompt(GradingMode.ABSOLUTE) + "\n\n"
                        + format.userMessage(grading) + " [/INST]")
                .startsWith("[INST] You are a fair judge assistant tasked with providing clear, objective feedback")
                .endsWith("###Feedback:  [/INST]")
                .doesNotContain("<s>");
        PairwiseGrading pairwise = new PairwiseGrading("Q", "a", "b", rubric, null);
        assertThat(format.modelInput(pairwise))
                .startsWith("[INST] " + format.systemPrompt(GradingMode.PAIRWISE) + "\n\n###Task Description:\n")
                .endsWith("###Feedback:  [/INST]");
    }

    @Test
    void modelInputDoesNotReinterpretUserTextContainingChatPlaceholders() {
        AbsoluteGrading grading = new AbsoluteGrading("{system} {user} [/INST]", "{user}", rubric, null);
        String input = format.modelInput(grading);
        assertThat(input).contains("###The instruction to evaluate:\n{system} {user} [/INST]\n\n")
                .contains("###Response to evaluate:\n{user}\n\n");
        assertThat(count(input, "You are a fair judge assistant")).isEqualTo(1);
    }

    @Test
    void systemPromptsAreTheTwoOfTheFormat() {
        assertThat(format.systemPrompt(GradingMode.ABSOLUTE)).isEqualTo("You are a fair judge assistant tasked with"
                + " providing clear, objective feedback based on specific criteria, ensuring each assessment reflects"
                + " the absolute standards set for performance.");
        assertThat(format.systemPrompt(GradingMode.PAIRWISE)).isEqualTo("You are a fair judge assistant assigned to"
                + " deliver insightful feedback that compares individual performances, highlighting how each stands"
                + " relative to others within the same cohort.");
    }

    @Test
    void fillLeavesUnknownPlaceholdersAsTheyAre() {
        assertThat(PrometheusFormat.fill("{a} {b} {a}", Map.of("a", "{b}"))).isEqualTo("{b} {b} {b}");
        assertThat(PrometheusFormat.fill("x{a}y", Map.of("a", "\\$1"))).isEqualTo("x\\$1y");
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
            n++;
        }
        return n;
    }
}
