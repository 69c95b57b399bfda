package dev.rubric.junit.engine;

import dev.rubric.junit.Case;
import dev.rubric.junit.JudgeAbortedException;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.opentest4j.TestAbortedException;

import java.util.Optional;
import java.util.Set;

/**
 * One run of a sampled test: of a sampled method, or of one case of a sampled {@code @Cases} method. Each run calls the
 * method afresh; it is skipped when the earlier samples already settled the sampled test's outcome.
 */
final class SampleDescriptor extends RubricNode {

    static final String SEGMENT_TYPE = "sample";

    private final TestDescriptor sampled;
    private final MethodDescriptor method;
    private final Case testCase;
    private final String legacyName;

    private SampleDescriptor(TestDescriptor sampled, MethodDescriptor method, Case testCase, int index, int of,
                             String legacyPrefix) {
        super(sampled.getUniqueId().append(SEGMENT_TYPE, String.valueOf(index)), "sample " + index + " of " + of,
                method.getSource().orElse(null));
        this.sampled = sampled;
        this.method = method;
        this.testCase = testCase;
        this.legacyName = legacyPrefix == null ? method.testMethod().getName() + "[" + index + "]"
                : legacyPrefix + ", sample " + index + " of " + of + "]";
    }

    /**
     * Adds the method's {@code samples} runs to {@code sampled}, the method itself or one of its cases (then
     * {@code testCase} is that case's), and after them the {@link PassRateDescriptor} that decides its outcome.
     */
    static void addSamples(RubricNode sampled, MethodDescriptor method, CaseDescriptor testCase) {
        int of = method.annotation().samples();
        String legacyPrefix = testCase == null ? null : testCase.legacyReportingPrefix();
        Case c = testCase == null ? null : testCase.testCase();
        for (int i = 1; i <= of; i++) {
            sampled.addChild(new SampleDescriptor(sampled, method, c, i, of, legacyPrefix));
        }
        sampled.addChild(new PassRateDescriptor(sampled, method, c));
    }

    /**
     * Surefire's XML report names tests by it: "method[refund window, sample 2 of 5]" for a sample of a case, and
     * "method[2]" for a sample of a method, as Jupiter names repetitions (Surefire takes the legacy name of a
     * method without parameters only when it ends in "[number]"; else it reports the bare method name).
     */
    @Override
    public String getLegacyReportingName() {
        return legacyName;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public Set<TestTag> getTags() {
        return sampled.getTags();
    }

    @Override
    MethodDescriptor method() {
        return method;
    }

    @Override
    Case testCase() {
        return testCase;
    }

    /** A sample is one run of a sampled test, not a sampled test itself. */
    @Override
    boolean sampled() {
        return false;
    }

    @Override
    Optional<UniqueId> parentTestId() {
        return Optional.of(sampled.getUniqueId());
    }

    /** Samples run one after the other, so that the run stops as soon as the outcome is settled. */
    @Override
    public ExecutionMode getExecutionMode() {
        return ExecutionMode.SAME_THREAD;
    }

    @Override
    public SkipResult shouldBeSkipped(RubricExecutionContext context) {
        SampleTally tally = context.tally();
        if (tally != null && tally.settled()) {
            return SkipResult.skip(tally.skipReason() != null ? "an earlier sample skipped itself: "
                    + tally.skipReason() : "the outcome was settled by the earlier samples: " + tally.describe());
        }
        return SkipResult.doNotSkip();
    }

    @Override
    public RubricExecutionContext execute(RubricExecutionContext context, DynamicTestExecutor dynamicTestExecutor) {
        SampleTally tally = context.tally();
        try {
            super.execute(context, dynamicTestExecutor);
            if (tally != null) {
                tally.passed();
            }
        } catch (JudgeAbortedException e) {
            if (tally != null) {
                tally.aborted(e);
            }
            throw e;
        } catch (TestAbortedException e) {
            if (tally != null) {
                tally.skipped(e.getMessage()); // a failed assumption
            }
            throw e;
        } catch (Throwable t) {
            String message = t.getMessage() != null ? t.getMessage() : t.toString();
            if (tally == null) {
                throw t;
            }
            tally.failed(message);
            throw new SampleFailedException(getDisplayName() + " failed; it counts against the pass rate, and the"
                    + " test's own result says whether the rate was met: " + message, t);
        }
        return context;
    }
}
