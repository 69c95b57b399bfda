package dev.rubric.junit.engine;

import dev.rubric.junit.Case;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;

import java.util.Optional;
import java.util.Set;

/**
 * The verdict of a sampled test: a test node that runs after the samples and passes when enough of them passed, else
 * fails (or aborts, when some had no verdict). It is the sampled test's outcome as tools see it.
 *
 * <p>Why a node of its own: a build tool reports and reruns <em>tests</em>. Surefire's
 * {@code rerunFailingTestsCount} reruns the unique ids of the nodes that failed, and counts a test as a flake when the
 * same name failed and then passed; a container that fails is rerun, but its pass is never reported, so a sampled test
 * that failed on its container stayed failed for Surefire while the rerun passed. This node fails and passes under
 * the sampled test's own name ("method", or "method[case]" for a sampled case), and its unique id selects the whole
 * sampled test again: all its samples, since rerunning only the failed ones would bias the pass rate upwards. The
 * results file keeps one result for the sampled test (its method or case node), with this node's outcome.
 */
final class PassRateDescriptor extends RubricNode {

    static final String SEGMENT_TYPE = "rate";
    static final String SEGMENT_VALUE = "pass-rate";

    private final RubricNode sampled;
    private final MethodDescriptor method;
    private final Case testCase;

    PassRateDescriptor(RubricNode sampled, MethodDescriptor method, Case testCase) {
        super(sampled.getUniqueId().append(SEGMENT_TYPE, SEGMENT_VALUE), "pass rate", method.getSource().orElse(null));
        this.sampled = sampled;
        this.method = method;
        this.testCase = testCase;
    }

    /** Surefire names a test by this: the sampled test's own name, so that a rerun that passes reads as a flake. */
    @Override
    public String getLegacyReportingName() {
        return sampled == method ? method.testMethod().getName() : sampled.getLegacyReportingName();
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

    @Override
    boolean sampled() {
        return false;
    }

    @Override
    public Optional<UniqueId> parentTestId() {
        return Optional.of(sampled.getUniqueId());
    }

    /** After the samples, in their thread. */
    @Override
    public ExecutionMode getExecutionMode() {
        return ExecutionMode.SAME_THREAD;
    }

    /** Decides from the tally; the method is not called again. */
    @Override
    public RubricExecutionContext execute(RubricExecutionContext context, DynamicTestExecutor dynamicTestExecutor) {
        Sampling.decide(context);
        return context;
    }

    /** Hands the outcome to the sampled test's own result; this node has none in the results file. */
    @Override
    public void nodeFinished(RubricExecutionContext context, TestDescriptor descriptor, TestExecutionResult result) {
        if (context.tally() != null) {
            context.tally().decided(result);
        }
    }

    @Override
    public void nodeSkipped(RubricExecutionContext context, TestDescriptor descriptor, SkipResult result) {
        // the sampled test was skipped as a whole: its own node records that
    }

    /** Whether a unique id names a sampled test's verdict node. */
    static boolean isPassRate(UniqueId id) {
        return SEGMENT_TYPE.equals(id.getLastSegment().getType());
    }
}
