package dev.rubric.junit.engine;

import dev.rubric.junit.Case;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One data-driven case of a {@code @Cases} method: the method runs with this {@link Case}. When the method is sampled
 * too ({@code samples = N}), the case is a container of N samples and passes when enough of them passed.
 */
public final class CaseDescriptor extends AbstractTestDescriptor implements Node<RubricExecutionContext>, RubricNode {

    static final String SEGMENT_TYPE = "case";
    private static final int MAX_NAME = 80;

    private final MethodDescriptor method;
    private final Case testCase;
    private final String legacyPrefix;
    private final Set<TestTag> tags;

    /** @param uniqueLabel whether no other case of the method has the same label (else the index tells them apart) */
    CaseDescriptor(MethodDescriptor method, int index, Case testCase, boolean uniqueLabel) {
        super(method.getUniqueId().append(SEGMENT_TYPE, String.valueOf(index)), "[" + index + "] " + label(testCase),
                method.getSource().orElse(null));
        this.method = method;
        this.testCase = testCase;
        this.legacyPrefix = method.testMethod().getName() + "[" + (uniqueLabel ? "" : index + ": ") + label(testCase);
        List<String> names = new ArrayList<>(method.getTags().stream().map(TestTag::getName).toList());
        names.addAll(testCase.tags());
        this.tags = MethodDescriptor.validTags(names);
        if (sampled()) {
            SampleDescriptor.addSamples(this, method, this);
        }
    }

    /** The case's name, or else its instruction, on one line and shortened. */
    static String label(Case c) {
        String label = c.label().strip().replaceAll("\\s+", " ");
        return label.length() <= MAX_NAME ? label : label.substring(0, MAX_NAME - 3) + "...";
    }

    public Case testCase() {
        return testCase;
    }

    private boolean sampled() {
        return method.annotation().samples() > 1;
    }

    /** "method[refund window": the legacy name without its closing bracket, for this case's samples to extend. */
    String legacyReportingPrefix() {
        return legacyPrefix;
    }

    /** "method[refund window]", for Surefire's XML report (which names tests by their legacy reporting name). */
    @Override
    public String getLegacyReportingName() {
        return legacyPrefix + "]";
    }

    @Override
    public Type getType() {
        return sampled() ? Type.CONTAINER : Type.TEST;
    }

    @Override
    public Set<TestTag> getTags() {
        return tags;
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

    @Override
    public RubricExecutionContext before(RubricExecutionContext context) {
        return sampled() ? Sampling.start(context, this, method.annotation().minPassRate()) : context;
    }

    @Override
    public RubricExecutionContext execute(RubricExecutionContext context, DynamicTestExecutor dynamicTestExecutor) {
        if (!sampled()) {
            TestInvoker.invoke(context, this, method, testCase);
        }
        return context;
    }

    @Override
    public void after(RubricExecutionContext context) {
        if (sampled()) {
            Sampling.decide(context);
        }
    }

    @Override
    public void nodeFinished(RubricExecutionContext context, TestDescriptor descriptor, TestExecutionResult result) {
        if (sampled()) {
            Sampling.finished(context, this, descriptor, result);
        } else {
            TestInvoker.publishVerdicts(context.run(), descriptor);
            context.run().results().finished(this, descriptor, result, null);
        }
    }

    @Override
    public void nodeSkipped(RubricExecutionContext context, TestDescriptor descriptor, SkipResult result) {
        context.run().results().skipped(this, descriptor, result.getReason().orElse("skipped"));
    }
}
