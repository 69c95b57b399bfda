package dev.rubric.maven.merge;

import dev.rubric.core.GradingMode;
import dev.rubric.results.AbortReasons;
import dev.rubric.results.AbortRecord;
import dev.rubric.results.AssertionRecord;
import dev.rubric.results.Outcome;
import dev.rubric.results.SampleStats;
import dev.rubric.results.VerdictRecord;

import java.util.List;
import java.util.function.BiPredicate;
import org.apiguardian.api.API;

/**
 * A test as the gate counts it: a test method, one data-driven case, or a sampled test with its samples folded in.
 *
 * @param id          the JUnit unique id
 * @param className   the test class
 * @param methodName  the test method
 * @param displayName what IDEs show
 * @param tags        JUnit tags
 * @param outcome     passed, failed, aborted or skipped
 * @param message     the failure or abort message, or {@code null}
 * @param durationMs  wall time
 * @param samples     sample statistics of a sampled test, else {@code null}
 * @param assertions  the rubric assertions (of the test and, for a sampled test, of its samples)
 * @param verdicts    the verdicts (of the test and, for a sampled test, of its samples)
 * @param runId       the run (results file) this test's result was taken from
 * @param seenInRuns  in how many results files the test appeared (more than 1: a rerun or a duplicate run)
 * @param flaky       failed in an earlier run and passed in the last (a rerun healed it): it counts as passed, as
 *                    Surefire counts a flake
 * @param module      the module (artifact id) the test belongs to in an aggregate over several modules, else
 *                    {@code null}
 * @param abort       for an aborted test: why the judge gave no verdict (null in results files older than the field)
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record GatedTest(String id, String className, String methodName, String displayName, List<String> tags,
                        Outcome outcome, String message, long durationMs, SampleStats samples,
                        List<AssertionRecord> assertions, List<VerdictRecord> verdicts, String runId,
                        int seenInRuns, boolean flaky, String module, AbortRecord abort) {

    public GatedTest {
        tags = tags == null ? List.of() : List.copyOf(tags);
        assertions = assertions == null ? List.of() : List.copyOf(assertions);
        verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
    }

    /** The same test, as a test of {@code module}. */
    public GatedTest inModule(String module) {
        return new GatedTest(id, className, methodName, displayName, tags, outcome, message, durationMs, samples,
                assertions, verdicts, runId, seenInRuns, flaky, module, abort);
    }

    /** {@link #shortName()}, after its module in an aggregate ("[billing] RefundTest.explains"): what people read. */
    public String label() {
        return module == null ? shortName() : "[" + Printable.of(module) + "] " + shortName();
    }

    /** Why the judge gave no verdict: the typed reason, or in older results files the one read from the message. */
    public String abortReason() {
        return AbortReasons.of(abort, message);
    }

    /** Passed or failed: the tests that pass rates count. Aborted and skipped tests are not. */
    public boolean decided() {
        return outcome == Outcome.PASSED || outcome == Outcome.FAILED;
    }

    /**
     * Whether this sampled test ran every planned sample, so that its samples' pass rate is a full run's. A sampled
     * test that stopped once its outcome was settled ran only the samples the stop chose (all passes, or enough
     * failures): its passed / run fraction is not the rate a full run gives, and no sample-level rate counts it.
     */
    public boolean ranEverySample() {
        return samples != null && !samples.stoppedEarly() && samples.run() == samples.planned();
    }

    /**
     * {@code SimpleClass.method}, with the display name when it says more (data-driven cases): what people read,
     * with control and bidirectional characters escaped ({@link Text#printable}).
     */
    public String shortName() {
        return Printable.of(rawShortName());
    }

    private String rawShortName() {
        String simple = className == null ? "?" : className.substring(className.lastIndexOf('.') + 1);
        if (methodName == null || methodName.isBlank()) {
            return simple + "." + displayName;
        }
        boolean plain = displayName == null || displayName.equals(methodName) || displayName.startsWith(methodName + "(");
        if (plain) {
            return simple + "." + methodName;
        }
        return simple + "." + methodName + (displayName.startsWith("[") ? " " + displayName : " [" + displayName + "]");
    }

    /** The absolute scores this test's verdicts gave (expected scores where no discrete score was kept). */
    public List<Double> scores() {
        return scores((rubric, criteria) -> true);
    }

    /**
     * The absolute scores of this test's verdicts on the rubrics {@code rubric} accepts (by name and criteria text),
     * expected scores where no discrete score was kept.
     */
    public List<Double> scores(BiPredicate<String, String> rubric) {
        return verdicts.stream()
                .filter(v -> v.mode() == GradingMode.ABSOLUTE && rubric.test(v.rubric(), v.criteria()))
                .map(v -> v.score() != null ? Double.valueOf(v.score()) : v.expectedScore())
                .filter(s -> s != null && !s.isNaN())
                .toList();
    }
}
