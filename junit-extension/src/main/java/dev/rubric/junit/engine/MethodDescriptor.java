package dev.rubric.junit.engine;

import dev.rubric.junit.Case;
import dev.rubric.junit.RubricTest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.MethodSource;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A {@code @RubricTest} method. A test by itself; a container when it is sampled (children: {@link SampleDescriptor})
 * or data-driven (children: {@link CaseDescriptor}, each with samples of its own when the method is sampled too). A
 * sampled method passes when enough samples passed.
 */
final class MethodDescriptor extends RubricNode {

    static final String SEGMENT_TYPE = "method";

    private final Class<?> testClass;
    private final ClassModel classModel;
    private final Method method;
    private final RubricTest annotation;
    private final Set<TestTag> tags;
    private final List<Case> cases;
    private volatile boolean wholeSelected;
    private final Set<UniqueId> selectedChildren = ConcurrentHashMap.newKeySet();

    MethodDescriptor(ClassDescriptor parent, Class<?> testClass, Method method, RubricTest annotation,
                     String displayName, List<Case> cases) {
        super(parent.getUniqueId().append(SEGMENT_TYPE, segmentValue(method)), displayName,
                MethodSource.from(testClass, method));
        this.testClass = testClass;
        this.classModel = parent.model();
        this.method = method;
        this.annotation = annotation;
        Set<TestTag> all = new LinkedHashSet<>(validTags(Arrays.asList(annotation.tags())));
        all.addAll(ClassDescriptor.tagsOf(method));
        all.addAll(parent.getTags());
        this.tags = Set.copyOf(all);
        this.cases = cases;
        if (cases != null) {
            Map<String, Long> labelCounts = cases.stream()
                    .collect(Collectors.groupingBy(CaseDescriptor::label, Collectors.counting()));
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                addChild(new CaseDescriptor(this, i + 1, c, labelCounts.get(CaseDescriptor.label(c)) == 1));
            }
        } else if (annotation.samples() > 1) {
            SampleDescriptor.addSamples(this, this, null);
        }
    }

    /** "name(type1, type2)": the unique-id segment value, like Jupiter's. */
    static String segmentValue(Method method) {
        return method.getName() + "(" + Arrays.stream(method.getParameterTypes()).map(Class::getName)
                .collect(Collectors.joining(",")) + ")";
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

    /** The method's tags ({@code @Tag} and {@code @RubricTest(tags)}) and its classes'. */
    @Override
    public Set<TestTag> getTags() {
        return tags;
    }

    /** {@code @Disabled} and Jupiter's conditions on the method (with PER_CLASS they may read the instance). */
    @Override
    public SkipResult shouldBeSkipped(RubricExecutionContext context) {
        ClassScope scope = context.scope();
        ConditionContext conditions = new ConditionContext(this, method, classModel.classes(), method,
                scope == null ? null : scope.sharedInstance(), classModel.lifecycle(), context.run().configuration(),
                null);
        return Conditions.disabledReason(method, conditions).map(SkipResult::skip).orElseGet(SkipResult::doNotSkip);
    }

    ClassModel classModel() {
        return classModel;
    }

    @Override
    Class<?> testClass() {
        return testClass;
    }

    @Override
    Method testMethod() {
        return method;
    }

    @Override
    Optional<UniqueId> parentTestId() {
        return Optional.empty();
    }

    @Override
    MethodDescriptor method() {
        return this;
    }

    @Override
    Case testCase() {
        return null;
    }

    RubricTest annotation() {
        return annotation;
    }

    boolean isDeclarative() {
        return annotation.minScore() > 0;
    }

    @Override
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

    /**
     * After discovery: when only some samples or cases (or samples of a case) were selected, drops the rest; a
     * selected case keeps all its samples.
     */
    void pruneUnselectedChildren() {
        if (wholeSelected || selectedChildren.isEmpty()) {
            return;
        }
        prune(this);
    }

    private void prune(TestDescriptor node) {
        for (TestDescriptor child : List.copyOf(node.getChildren())) {
            UniqueId id = child.getUniqueId();
            if (child instanceof PassRateDescriptor) {
                continue; // a sampled test that keeps any sample keeps its verdict
            }
            if (selectedChildren.stream().anyMatch(id::hasPrefix)) {
                continue; // selected itself, or inside a selected case
            }
            if (selectedChildren.stream().anyMatch(selected -> selected.hasPrefix(id))) {
                prune(child); // holds a selected sample: keep it, with only what was selected
            } else {
                node.removeChild(child);
            }
        }
    }
}
