package dev.rubric.results;

import org.apiguardian.api.API;

import java.util.List;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * One test node: a test method, one of its samples, or one data-driven case.
 *
 * @param uniqueId    the JUnit unique id
 * @param parentId    the unique id of the containing test (for samples and cases), else {@code null}
 * @param className   the test class
 * @param methodName  the test method
 * @param displayName what IDEs show
 * @param tags        JUnit tags and case tags
 * @param outcome     passed, failed, aborted or skipped
 * @param message     the failure or abort message, or {@code null}
 * @param durationMs  wall time of the test
 * @param assertions  the rubric assertions the test made
 * @param verdicts    every verdict the judge gave for this test
 * @param samples     for {@code @RubricTest(samples = N)}: the sample statistics, else {@code null}
 * @param abort       for an aborted test: why the judge gave no verdict, else {@code null} (also in results files
 *                    written before this field existed: {@link AbortReasons} then reads the reason from the message)
 */
@API(status = INTERNAL, since = "0.1")
public record TestResult(String uniqueId, String parentId, String className, String methodName, String displayName,
                         List<String> tags, Outcome outcome, String message, long durationMs,
                         List<AssertionRecord> assertions, List<VerdictRecord> verdicts, SampleStats samples,
                         AbortRecord abort) {

    public TestResult {
        tags = tags == null ? List.of() : List.copyOf(tags);
        assertions = assertions == null ? List.of() : List.copyOf(assertions);
        verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
        if (abort != null && outcome != Outcome.ABORTED) {
            throw new IllegalArgumentException("the test " + uniqueId + " is " + outcome + " but carries an abort"
                    + " reason (" + abort.reason() + "): only an aborted test has one");
        }
    }

    /** A test that was not aborted for want of a verdict (or whose reason is only in its message). */
    public TestResult(String uniqueId, String parentId, String className, String methodName, String displayName,
                      List<String> tags, Outcome outcome, String message, long durationMs,
                      List<AssertionRecord> assertions, List<VerdictRecord> verdicts, SampleStats samples) {
        this(uniqueId, parentId, className, methodName, displayName, tags, outcome, message, durationMs, assertions,
                verdicts, samples, null);
    }

    /** Why the judge gave no verdict: the typed reason, or for older files the one read from the message. */
    public String abortReason() {
        return AbortReasons.of(abort, message);
    }
}
