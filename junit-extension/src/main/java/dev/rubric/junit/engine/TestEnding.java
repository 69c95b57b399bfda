package dev.rubric.junit.engine;

import dev.rubric.junit.JudgeAbortedException;
import dev.rubric.results.AbortRecord;
import dev.rubric.results.Outcome;
import org.junit.platform.engine.TestExecutionResult;

/**
 * How a test ended, as a results file records it: the one rule for the rubric engine's tests and for the Jupiter
 * tests that the launcher listener records. It decides by the exception's type, never its message: a
 * {@link JudgeAbortedException} is ABORTED with its reason (the gate counts it against {@code maxAborted}), a
 * {@link SampleFailedException} (a sample that failed, reported to JUnit as aborted) FAILED, and any other abort (a
 * failed assumption) SKIPPED. Internal to Rubric (public for its launcher listener).
 *
 * @param outcome passed, failed, aborted or skipped
 * @param message the failure's or abort's message, or {@code null}
 * @param abort   for an aborted test, why the judge gave no verdict, else {@code null}
 */
public record TestEnding(Outcome outcome, String message, AbortRecord abort) {

    /** The ending of a test that JUnit reports with {@code result}. */
    public static TestEnding of(TestExecutionResult result) {
        Throwable thrown = result.getThrowable().orElse(null);
        Outcome outcome = switch (result.getStatus()) {
            case SUCCESSFUL -> Outcome.PASSED;
            case FAILED -> Outcome.FAILED;
            case ABORTED -> thrown instanceof SampleFailedException ? Outcome.FAILED
                    : thrown instanceof JudgeAbortedException ? Outcome.ABORTED : Outcome.SKIPPED;
        };
        AbortRecord abort = outcome == Outcome.ABORTED && thrown instanceof JudgeAbortedException j
                ? new AbortRecord(j.reason(), j.reasonMessage()) : null;
        return new TestEnding(outcome, thrown == null ? null : message(thrown), abort);
    }

    /**
     * A failure's message; for one without a message of its own, such as the ExceptionInInitializerError of a test
     * class whose static field could not be built (a bad rubric YAML file), its type and the cause that says why.
     */
    static String message(Throwable t) {
        if (t.getMessage() != null) {
            return t.getMessage();
        }
        Throwable cause = t.getCause();
        if (cause == null || cause == t) {
            return t.toString();
        }
        return t.getClass().getName() + ", caused by " + (cause.getMessage() != null ? cause.toString()
                : message(cause));
    }
}
