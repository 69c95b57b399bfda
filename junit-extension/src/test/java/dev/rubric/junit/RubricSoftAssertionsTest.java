package dev.rubric.junit;

import dev.rubric.core.JudgeException;
import dev.rubric.core.Rubrics;
import dev.rubric.junit.testing.ScriptedJudge;
import dev.rubric.junit.testing.UsualAnswers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.MultipleFailuresError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Soft rubric checks: graded in one submission, every failure reported, no verdict never a pass. */
@ExtendWith(UsualAnswers.class)
class RubricSoftAssertionsTest {

    static final String Q = "How do I get a refund?";

    @Test
    void fiveChecksAreOneSubmissionAndEveryFailureIsReported() {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() ->
                RubricSoftAssertions.assertSoftly(softly -> {
                    softly.assertThat(Response.of(Q, "good answer")).scoresAtLeast(4);
                    softly.assertThat(Response.of(Q, "bad answer")).as("second").scoresAtLeast(4);
                    softly.assertThatAnswer("fair answer").to(Q).on(Rubrics.HONESTY).scoresAtLeast(4);
                    softly.assertThatAnswer("weak answer").to(Q).on("harmlessness").scoresAtLeast(4);
                    softly.assertThat(Response.of(Q, "good answer")).scoresAtMost(5);
                    assertThat(ScriptedJudge.CALLS).as("nothing is graded before assertAll").hasValue(0);
                }));

        assertThat(ScriptedJudge.SUBMISSIONS).as("gradings per call to the judge").containsExactly(5);
        assertThat(thrown).isInstanceOf(MultipleFailuresError.class);
        assertThat(((MultipleFailuresError) thrown).getFailures()).hasSize(2);
        assertThat(thrown.getMessage())
                .contains("[second] Expected the response to score at least 4 on \"helpfulness\", but the judge gave 2")
                .contains("to score at least 4 on \"harmlessness\", but the judge gave 3");
    }

    @Test
    void checksMadeAtOnceAreOneRoundTripEach() {
        for (String answer : new String[] {"good answer", "fair answer", "good answer", "fair answer", "good answer"}) {
            RubricAssertions.assertThat(Response.of(Q, answer)).scoresAtLeast(4);
        }

        assertThat(ScriptedJudge.SUBMISSIONS).containsExactly(1, 1, 1, 1, 1);
    }

    @Test
    void pairwiseChecksAskBothOrdersInTheSameSubmission() {
        try (RubricSoftAssertions softly = new RubricSoftAssertions()) {
            softly.assertThat(Response.of(Q, "good answer")).beats("bad answer");
            softly.assertThat(Response.of(Q, "fair answer")).losesTo("good answer");
            softly.assertThat(Response.of(Q, "weak answer")).scoresAtMost(3);
        }

        assertThat(ScriptedJudge.SUBMISSIONS).containsExactly(5);
    }

    @Test
    void assertJsOwnSoftAssertionsAreReportedWithTheRubricOnes() {
        RubricSoftAssertions softly = new RubricSoftAssertions();
        softly.assertThat("the answer").as("wording").contains("refund");
        softly.assertThat(Response.of(Q, "bad answer")).scoresAtLeast(3);

        assertThatThrownBy(softly::assertAll)
                .isInstanceOf(MultipleFailuresError.class)
                .hasMessageContaining("[wording]")
                .hasMessageContaining("but the judge gave 2");
    }

    @Test
    void checksWithoutAVerdictAndNoFailureAbortTheTest() {
        RubricSoftAssertions softly = new RubricSoftAssertions();
        softly.assertThat(Response.of(Q, "good answer")).scoresAtLeast(4);
        softly.assertThat(Response.of(Q, "explode")).scoresAtLeast(4);
        softly.assertThat(Response.of(Q, "explode")).on("honesty").scoresAtLeast(2);

        assertThatThrownBy(softly::assertAll)
                .isInstanceOfSatisfying(JudgeAbortedException.class, e -> assertThat(e.reason())
                        .as("a judge's abort, never a skip").isEqualTo(JudgeException.Reason.SERVER_ERROR))
                .hasMessageContaining("the judge gave no verdict (SERVER_ERROR)")
                .satisfies(t -> assertThat(t.getSuppressed()).singleElement().satisfies(s -> assertThat(s)
                        .hasMessageContaining("1 more rubric checks got no verdict: [scoresAtLeast 2 on honesty]")));
    }

    @Test
    void aFailureWinsOverChecksWithoutAVerdictAndNamesThem() {
        RubricSoftAssertions softly = new RubricSoftAssertions();
        softly.assertThat(Response.of(Q, "bad answer")).scoresAtLeast(4);
        softly.assertThat(Response.of(Q, "explode")).scoresAtLeast(3);

        assertThatThrownBy(softly::assertAll)
                .isInstanceOf(MultipleFailuresError.class)
                .hasMessageContaining("but the judge gave 2")
                .hasMessageContaining("scoresAtLeast 3 on helpfulness: no verdict, the judge failed (SERVER_ERROR)");
    }

    @Test
    void aCheckThatCannotBeDecidedWithThisJudgeIsAnErrorNotAFailure() {
        RubricSoftAssertions softly = new RubricSoftAssertions();
        softly.assertThat(Response.of(Q, "good answer")).hasExpectedScoreAtLeast(4.0);

        assertThatThrownBy(softly::assertAll).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gave no score probabilities");
    }

    @Test
    void allPassingChecksPassAndAssertingAgainGradesNothingTwice() {
        RubricSoftAssertions softly = new RubricSoftAssertions();
        softly.assertThat(Response.of(Q, "good answer")).scoresAtLeast(5);
        softly.assertThatAnswer("fair answer").to(Q).scoresAtLeast(4);

        assertThatCode(softly::assertAll).doesNotThrowAnyException();
        assertThatCode(softly::assertAll).doesNotThrowAnyException();
        assertThat(ScriptedJudge.SUBMISSIONS).containsExactly(2);
    }

    @Test
    void argumentsAreCheckedWhenTheCheckIsMadeNotAtTheEnd() {
        RubricSoftAssertions softly = new RubricSoftAssertions();

        assertThatThrownBy(() -> softly.assertThat(Response.of(Q, "good answer")).scoresAtLeast(6))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> softly.assertThatAnswer("good answer").scoresAtLeast(4))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(".to(\"the question\")");
    }
}
