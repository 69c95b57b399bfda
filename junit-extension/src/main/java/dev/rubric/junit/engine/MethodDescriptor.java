package dev.rubric.junit.engine;

import dev.rubric.junit.Case;
import dev.rubric.junit.RubricTest;
import dev.rubric.results.AbortReasons;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.hierarchical.Node;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A {@code @RubricTest} method. A test by itself; a container when it is sampled (children: {@link SampleDescriptor})
 * or data-driven (children: {@link CaseDescriptor}). A sampled method passes when enough samples passed.
 */
public final class MethodDescriptor extends AbstractTestDescriptor implements Node<RubricExecutionContext>, RubricNode {

    static final String SEGMENT_TYPE = "method";

    private final Class<?> testClass;
    private final Method method;
    private final RubricTest annotation;
    private final Set<TestTag> tags;
    private final List<Case> cases;
    private volatile boolean wholeSelected;
    private final Set<UniqueId> selectedChildren = ConcurrentHashMap.newKeySet();

    MethodDescriptor(UniqueId parentId, Class<?> testClass, Method method, RubricTest annotation, List<Case> cases) {
        super(parentId.append(SEGMENT_TYPE, segmentValue(method)), displayName(method, annotation),
                MethodSource.from(testClass, method));
        this.testClass = testClass;
        this.method = method;
        this.annotation = annotation;
        this.tags = validTags(Arrays.asList(annotation.tags()));
        this.cases = cases;
        if (cases != null) {
            for (int i = 0; i < cases.size(); i++) {
                addChild(new CaseDescriptor(this, i + 1, cases.get(i)));
            }
        } else if (annotation.samples() > 1) {
            for (int i = 1; i <= annotation.samples(); i++) {
                addChild(new SampleDescriptor(this, i, annotation.samples()));
            }
        }
    }

    /** "name(type1, type2)": the unique-id segment value, like Jupiter's. */
    static String segmentValue(Method method) {
        return method.getName() + "(" + Arrays.stream(method.getParameterTypes()).map(Class::getName)
                .collect(Collectors.joining(",")) + ")";
    }

    private static String displayName(Method method, RubricTest annotation) {
        return annotation.displayName().isBlank() ? method.getName() + "()" : annotation.displayName();
    }

    static Set<TestTag> validTags(List<String> names) {
        Set<TestTag> set = new LinkedHashSet<>();
        for (String n : names) {
            if (n != null && TestTag.isValid(n)) {
                set.add(TestTag.create(n.strip()));
            }
        }
        return set;
    }

    @Override
    public Type getType() {
        return sampled() || cases != null ? Type.CONTAINER : Type.TEST;
    }

    @Override
    public Set<TestTag> getTags() {
        return tags;
    }

    @Override
    public Class<?> testClass() {
        return testClass;
    }

    @Override
    public Method testMethod() {
        return method;
    }

    @Override
    public Optional<UniqueId> parentTestId() {
        return Optional.empty();
    }

    RubricTest annotation() {
        return annotation;
    }

    boolean takesCase() {
        return method.getParameterCount() == 1;
    }

    boolean isDeclarative() {
        return annotation.minScore() > 0;
    }

    boolean sampled() {
        return cases == null && annotation.samples() > 1;
    }

    /** The whole method was selected (by class, method or its own unique id): keep every sample or case. */
    void selectWhole() {
        wholeSelected = true;
    }

    /** Only this sample or case was selected (by its unique id), unless the whole method is selected too. */
    void selectChild(UniqueId child) {
        selectedChildren.add(child);
    }

    /** After discovery: drops the samples or cases that were not selected when only some were. */
    void pruneUnselectedChildren() {
        if (wholeSelected || selectedChildren.isEmpty()) {
            return;
        }
        for (TestDescriptor child : List.copyOf(getChildren())) {
            if (!selectedChildren.contains(child.getUniqueId())) {
                removeChild(child);
            }
        }
    }

    @Override
    public RubricExecutionContext before(RubricExecutionContext context) {
        if (sampled()) {
            context.run().results().start(getUniqueId()); // the method's clock: its samples' time together
            return context.withTally(new SampleTally(getChildren().size(), annotation.minPassRate()));
        }
        return context;
    }

    @Override
    public RubricExecutionContext execute(RubricExecutionContext context, DynamicTestExecutor dynamicTestExecutor) {
        if (getType() == Type.TEST) {
            TestInvoker.invoke(context, this, this, null);
        }
        return context;
    }

    @Override
    public void after(RubricExecutionContext context) {
        SampleTally tally = context.tally();
        if (!sampled() || tally == null || tally.met()) {
            return;
        }
        if (tally.anyAborted()) {
            throw new TestAbortedException("not enough samples passed and some had no verdict: " + tally.describe()
                    + AbortReasons.FIRST_ABORT + tally.firstAbort());
        }
        throw new AssertionFailedError("the sampled test failed: " + tally.describe()
                + (tally.firstFailure() == null ? "" : System.lineSeparator() + "first failure: " + tally.firstFailure()));
    }

    @Override
    public void nodeFinished(RubricExecutionContext context, TestDescriptor descriptor, TestExecutionResult result) {
        if (cases != null) {
            return; // its cases are the tests
        }
        SampleTally tally = context.tally();
        if (getType() == Type.TEST) {
            TestInvoker.publishVerdicts(context.run(), descriptor);
        } else if (tally != null) {
            context.run().listener().reportingEntryPublished(descriptor,
                    org.junit.platform.engine.reporting.ReportEntry.from("rubric.samples", tally.describe()));
        }
        context.run().results().finished(this, descriptor, result, sampled() && tally != null ? tally.stats() : null);
    }

    @Override
    public void nodeSkipped(RubricExecutionContext context, TestDescriptor descriptor, SkipResult result) {
        context.run().results().skipped(this, descriptor, result.getReason().orElse("skipped"));
    }
}
