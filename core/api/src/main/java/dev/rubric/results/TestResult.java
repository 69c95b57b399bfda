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
 */
@API(status = INTERNAL, since = "0.1")
public record TestResult(String uniqueId, String parentId, String className, String methodName, String displayName,
                         List<String> tags, Outcome outcome, String message, long durationMs,
                         List<AssertionRecord> assertions, List<VerdictRecord> verdicts, SampleStats samples) {

    public TestResult {
        tags = tags == null ? List.of() : List.copyOf(tags);
        assertions = assertions == null ? List.of() : List.copyOf(assertions);
        verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
    }
}
