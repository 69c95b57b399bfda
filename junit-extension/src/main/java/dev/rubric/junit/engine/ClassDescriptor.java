package dev.rubric.junit.engine;

import org.junit.jupiter.api.Tag;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ModifierSupport;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.hierarchical.Node;
import org.junit.platform.engine.support.hierarchical.OpenTest4JAwareThrowableCollector;
import org.junit.platform.engine.support.hierarchical.ThrowableCollector;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A test class, or a {@code @Nested} class inside one. Before its tests: its conditions, Spring's class hooks and the
 * {@code @BeforeAll} methods (with {@code PER_CLASS}, on the class's one instance); after them the {@code @AfterAll}
 * methods, even when something before them failed.
 */
final class ClassDescriptor extends AbstractTestDescriptor implements Node<RubricExecutionContext> {

    static final String SEGMENT_TYPE = "class";
    static final String NESTED_SEGMENT_TYPE = "nested-class";

    private final ClassModel model;
    private final Set<TestTag> tags;
    private volatile ClassScope started;
    private volatile boolean beforeAllStarted;

    ClassDescriptor(UniqueId parentId, ClassModel model, String displayName, Set<TestTag> enclosingTags) {
        super(parentId.append(segmentType(model), segmentValue(model)), displayName, ClassSource.from(model.type()));
        this.model = model;
        Set<TestTag> all = new LinkedHashSet<>(tagsOf(model.type()));
        all.addAll(enclosingTags);
        this.tags = Set.copyOf(all);
    }

    static String segmentType(ClassModel model) {
        return model.nested() ? NESTED_SEGMENT_TYPE : SEGMENT_TYPE;
    }

    static String segmentValue(ClassModel model) {
        return model.nested() ? model.type().getSimpleName() : model.type().getName();
    }

    /** {@code @Tag}s on an element: repeated, composed, and on a class inherited from its superclasses. */
    static Set<TestTag> tagsOf(AnnotatedElement element) {
        return MethodDescriptor.validTags(AnnotationSupport.findRepeatableAnnotations(element, Tag.class).stream()
                .map(Tag::value).toList());
    }

    ClassModel model() {
        return model;
    }

    /** Surefire's XML report and other legacy tools name the class in full, as for Jupiter classes. */
    @Override
    public String getLegacyReportingName() {
        return model.type().getName();
    }

    /** This class's tags and its enclosing classes'. */
    @Override
    public Set<TestTag> getTags() {
        return tags;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public SkipResult shouldBeSkipped(RubricExecutionContext context) {
        ConditionContext conditions = new ConditionContext(this, model.type(), model.classes(), null, null,
                model.lifecycle(), context.run().configuration(), null);
        return Conditions.disabledReason(model.type(), conditions).map(SkipResult::skip)
                .orElseGet(SkipResult::doNotSkip);
    }

    @Override
    public RubricExecutionContext before(RubricExecutionContext context) throws Exception {
        ClassScope scope = new ClassScope(model, context.scope(), SpringSupport.hooksFor(model.classes()));
        started = scope;
        if (model.perClass()) {
            scope.createShared();
        }
        beforeAllStarted = true;
        scope.hooks().beforeClass();
        Object instance = scope.sharedInstance();
        for (Method m : model.beforeAll()) {
            try {
                invokeLifecycle(context, m, instance, Timeouts.Kind.BEFORE_ALL);
            } catch (Throwable t) {
                throw Invocations.sneakyThrow(RedactedThrowables.of(t));
            }
        }
        return context.withScope(scope);
    }

    @Override
    public void after(RubricExecutionContext context) throws Exception {
        ClassScope scope = started;
        if (scope == null) {
            return;
        }
        ThrowableCollector collector = new OpenTest4JAwareThrowableCollector();
        if (beforeAllStarted) {
            Object instance = scope.sharedInstance();
            for (Method m : model.afterAll()) {
                collector.execute(() -> invokeLifecycle(context, m, instance, Timeouts.Kind.AFTER_ALL));
            }
            collector.execute(() -> scope.hooks().afterClass());
        }
        collector.execute(scope::closeShared);
        if (collector.isNotEmpty()) {
            throw Invocations.sneakyThrow(RedactedThrowables.of(collector.getThrowable()));
        }
    }

    private void invokeLifecycle(RubricExecutionContext context, Method m, Object instance, Timeouts.Kind kind)
            throws Throwable {
        Object target = ModifierSupport.isStatic(m) ? null : instance;
        Object[] args = Invocations.arguments(m, null, this, model.type(), null, context.run().listener());
        Timeouts.call(context.run().timeouts().forLifecycle(m, kind), m.getName() + "()", null,
                () -> ReflectionSupport.invokeMethod(m, target, args));
    }

    /** A class that did not run (disabled, or skipped by a condition): its tests are recorded as skipped. */
    @Override
    public void nodeSkipped(RubricExecutionContext context, TestDescriptor descriptor, SkipResult result) {
        context.run().results().classSkipped(this, result.getReason().orElse("skipped"));
    }

    @Override
    public void nodeFinished(RubricExecutionContext context, TestDescriptor descriptor, TestExecutionResult result) {
        context.run().results().classFailed(this, result);
    }
}
