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

/** One data-driven case of a {@code @Cases} method: the method runs with this {@link Case}. */
public final class CaseDescriptor extends AbstractTestDescriptor implements Node<RubricExecutionContext>, RubricNode {

    static final String SEGMENT_TYPE = "case";
    private static final int MAX_NAME = 80;

    private final MethodDescriptor method;
    private final Case testCase;
    private final String legacyName;
    private final Set<TestTag> tags;

    CaseDescriptor(MethodDescriptor method, int index, Case testCase) {
        super(method.getUniqueId().append(SEGMENT_TYPE, String.valueOf(index)), name(index, testCase),
                method.getSource().orElse(null));
        this.method = method;
        this.legacyName = method.testMethod().getName() + "[" + index + "]";
        this.testCase = testCase;
        List<String> names = new ArrayList<>(method.getTags().stream().map(TestTag::getName).toList());
        names.addAll(testCase.tags());
        this.tags = MethodDescriptor.validTags(names);
    }

    private static String name(int index, Case c) {
        String label = c.label().strip().replaceAll("\\s+", " ");
        if (label.length() > MAX_NAME) {
            label = label.substring(0, MAX_NAME - 3) + "...";
        }
        return "[" + index + "] " + label;
    }

    public Case testCase() {
        return testCase;
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
    public RubricExecutionContext execute(RubricExecutionContext context, DynamicTestExecutor dynamicTestExecutor) {
        TestInvoker.invoke(context, this, method, testCase);
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
