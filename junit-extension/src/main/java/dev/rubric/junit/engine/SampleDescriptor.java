package dev.rubric.junit.engine;

import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;
import org.opentest4j.TestAbortedException;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.Set;

/**
 * One run of a sampled test method. Each run calls the method afresh; it is skipped when the earlier samples already
 * settled the method's outcome.
 */
public final class SampleDescriptor extends AbstractTestDescriptor implements Node<RubricExecutionContext>, RubricNode {

    static final String SEGMENT_TYPE = "sample";

    private final MethodDescriptor method;
    private final String legacyName;

    SampleDescriptor(MethodDescriptor method, int index, int of) {
        super(method.getUniqueId().append(SEGMENT_TYPE, String.valueOf(index)), "sample " + index + " of " + of,
                method.getSource().orElse(null));
        this.method = method;
        this.legacyName = method.testMethod().getName() + "[" + index + "]";
    }

    /** "method[2]", as Jupiter names parameterized invocations, for Surefire's XML report. */
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
        return method.getTags();
    }

    @Override
    public Class<?> testClass() {
        return method.testClass();
    }

    @Override
    public Method testMethod() {
        return method.testMethod();
    }

    @Override
    public Optional<UniqueId> parentTestId() {
        return Optional.of(method.getUniqueId());
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
            return SkipResult.skip("the outcome was settled by the earlier samples: " + tally.describe());
        }
        return SkipResult.doNotSkip();
    }

    @Override
    public RubricExecutionContext execute(RubricExecutionContext context, DynamicTestExecutor dynamicTestExecutor) {
        SampleTally tally = context.tally();
        try {
            TestInvoker.invoke(context, this, method, null);
            if (tally != null) {
                tally.passed();
            }
        } catch (TestAbortedException e) {
            if (tally != null) {
                tally.aborted(e.getMessage());
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

    @Override
    public void nodeFinished(RubricExecutionContext context, TestDescriptor descriptor, TestExecutionResult result) {
        TestInvoker.publishVerdicts(context.run(), descriptor);
        context.run().results().finished(this, descriptor, result, null);
    }

    @Override
    public void nodeSkipped(RubricExecutionContext context, TestDescriptor descriptor, SkipResult result) {
        context.run().results().skipped(this, descriptor, result.getReason().orElse("skipped"));
    }
}
