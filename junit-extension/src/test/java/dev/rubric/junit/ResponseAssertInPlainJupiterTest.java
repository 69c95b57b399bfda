package dev.rubric.junit;

import dev.rubric.core.Rubrics;
import dev.rubric.junit.Response;
import dev.rubric.junit.testing.ScriptedJudge;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.rubric.junit.RubricAssertions.assertThat;
import static dev.rubric.junit.RubricAssertions.assertThatAnswer;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The assertions in a plain Jupiter test: the judge comes from the launcher's configuration (here, system
 * properties), the one judge of the run.
 */
class ResponseAssertInPlainJupiterTest {

    static final String Q = "How do I get a refund?";

    @BeforeAll
    static void judgeFromSystemProperties() {
        System.setProperty("rubric.judge", ScriptedJudge.class.getName());
    }

    @BeforeEach
    void script() {
        ScriptedJudge.reset();
        ScriptedJudge.score("good answer", 5);
        ScriptedJudge.score("bad answer", 2);
        ScriptedJudge.score("explode", ScriptedJudge.FAIL);
        ScriptedJudge.score("long answer " + "word ".repeat(200), 1);
    }

    @Test
    void scoresAtLeastAndAtMostPassOnTheJudgesScore() {
        assertThatCode(() -> {
            assertThat(Response.of(Q, "good answer")).on(Rubrics.HELPFULNESS).scoresAtLeast(5);
            assertThatAnswer("bad answer").to(Q).scoresAtMost(2);
        }).doesNotThrowAnyException();
    }

    @Test
    void scoresAtMostFailsAboveTheLimit() {
        assertThatThrownBy(() -> assertThatAnswer("good answer").to(Q).scoresAtMost(3))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("score at most 3 on \"helpfulness\", but the judge gave 5");
    }

    @Test
    void theDefaultRubricIsHelpfulnessAndTheMessageQuotesItsWords() {
        assertThatThrownBy(() -> assertThatAnswer("bad answer").to(Q).scoresAtLeast(4))
                .hasMessageContaining("on \"helpfulness\"")
                .hasMessageContaining("Rubric: " + Rubrics.HELPFULNESS.criteria())
                .hasMessageContaining("Score 2 means: " + Rubrics.HELPFULNESS.describe(2));
    }

    @Test
    void aLongResponseIsShortenedAndFeedbackWrappedInTheMessage() {
        String answer = "long answer " + "word ".repeat(200);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> assertThatAnswer(answer).to(Q)
                .scoresAtLeast(2));
        org.assertj.core.api.Assertions.assertThat(t.getMessage()).contains("more characters]");
        org.assertj.core.api.Assertions.assertThat(t.getMessage().lines())
                .allSatisfy(line -> org.assertj.core.api.Assertions.assertThat(line.length()).isLessThanOrEqualTo(140));
    }

    @Test
    void aJudgeFailureAbortsInsteadOfPassingOrFailing() {
        assertThatThrownBy(() -> assertThatAnswer("explode").to(Q).scoresAtLeast(1))
                .isInstanceOf(JudgeAbortedException.class)
                .hasMessageContaining("SERVER_ERROR");
    }

    @Test
    void expectedScoreNeedsProbabilities() {
        assertThatThrownBy(() -> assertThatAnswer("good answer").to(Q).hasExpectedScoreAtLeast(4.0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gave no score probabilities")
                .hasMessageContaining("use scoresAtLeast(4)");
        ScriptedJudge.withProbabilities(true);
        assertThatCode(() -> assertThatAnswer("good answer").to(Q).hasExpectedScoreAtLeast(4.5))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThatAnswer("good answer").to(Q).hasExpectedScoreAtLeast(4.7))
                .hasMessageContaining("expected score of at least 4.70 (it is 4.60)");
    }

    @Test
    void pairwiseWinsHoldInBothOrders() {
        assertThatCode(() -> assertThatAnswer("good answer").to(Q).beats("bad answer")).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThatAnswer("bad answer").to(Q).beats("good answer"))
                .hasMessageContaining("it lost in both orders");
        assertThatThrownBy(() -> assertThatAnswer("good answer").to(Q).losesTo("bad answer"))
                .hasMessageContaining("it won in both orders");
    }

    @Test
    void anAnswerWithoutItsInstructionCannotBeGraded() {
        assertThatThrownBy(() -> assertThatAnswer("good answer").scoresAtLeast(4))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(".to(\"the question\")");
    }

    @Test
    void pairwiseNeedsOneInstruction() {
        assertThatThrownBy(() -> assertThat(Response.of("a", "good answer")).beats(Response.of("b", "bad answer")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same instruction");
    }

    @Test
    void theJudgeIsBuiltOnceForTheRun() {
        assertThatAnswer("good answer").to(Q).scoresAtLeast(1); // builds it, unless an earlier test did
        ScriptedJudge.CONSTRUCTED.set(0);
        assertThatAnswer("good answer").to(Q).scoresAtLeast(1);
        assertThatAnswer("bad answer").to(Q).scoresAtMost(2);
        org.assertj.core.api.Assertions.assertThat(ScriptedJudge.CONSTRUCTED.get()).isZero();
        org.assertj.core.api.Assertions.assertThat(ScriptedJudge.CALLS.get()).isEqualTo(3);
    }
}
