package dev.rubric.junit.engine;

import dev.rubric.core.JudgeException;
import dev.rubric.junit.JudgeAbortedException;
import dev.rubric.results.AbortRecord;
import dev.rubric.results.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;

class TestEndingTest {

    @Test
    void aJudgesAbortIsAbortedWithItsReason() {
        var judge = new JudgeException(JudgeException.Reason.UNREACHABLE, "no judge server at http://127.0.0.1:1");

        TestEnding ending = TestEnding.of(TestExecutionResult.aborted(new JudgeAbortedException(judge)));

        assertThat(ending.outcome()).isEqualTo(Outcome.ABORTED);
        assertThat(ending.abort()).isEqualTo(new AbortRecord(JudgeException.Reason.UNREACHABLE,
                "the judge gave no verdict (UNREACHABLE): no judge server at http://127.0.0.1:1"));
        assertThat(ending.message()).startsWith("the judge gave no verdict (UNREACHABLE)");
    }

    @Test
    void anyOtherAbortIsSkippedEvenWithAJudgeExceptionInItsCauses() {
        var judge = new JudgeException(JudgeException.Reason.SERVER_ERROR, "500");

        TestEnding ending = TestEnding.of(TestExecutionResult.aborted(new TestAbortedException("no key here", judge)));

        assertThat(ending.outcome()).as("decided by the type, not the causes").isEqualTo(Outcome.SKIPPED);
        assertThat(ending.abort()).isNull();
        assertThat(ending.message()).isEqualTo("no key here");
    }

    @Test
    void aFailedSampleIsFailed() {
        TestEnding ending = TestEnding.of(TestExecutionResult.aborted(
                new SampleFailedException("sample 2 of 5 failed", new AssertionError("scored 2"))));

        assertThat(ending.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(ending.abort()).isNull();
    }

    @Test
    void passedAndFailedAreAsJUnitSays() {
        assertThat(TestEnding.of(TestExecutionResult.successful()))
                .isEqualTo(new TestEnding(Outcome.PASSED, null, null));
        assertThat(TestEnding.of(TestExecutionResult.failed(new AssertionError("scored 2, expected at least 4"))))
                .isEqualTo(new TestEnding(Outcome.FAILED, "scored 2, expected at least 4", null));
    }

    @Test
    void aFailureWithoutMessageIsDescribedByItsCause() {
        var yaml = new IllegalArgumentException("classpath:rubrics/tone.yaml line 8: unknown field \"scor5\"");

        assertThat(TestEnding.message(new ExceptionInInitializerError(yaml))).isEqualTo(
                "java.lang.ExceptionInInitializerError, caused by java.lang.IllegalArgumentException: "
                        + "classpath:rubrics/tone.yaml line 8: unknown field \"scor5\"");
    }

    @Test
    void aFailureWithAMessageKeepsIt() {
        assertThat(TestEnding.message(new AssertionError("scored 2, expected at least 4")))
                .isEqualTo("scored 2, expected at least 4");
        assertThat(TestEnding.message(new NullPointerException())).isEqualTo("java.lang.NullPointerException");
    }
}
