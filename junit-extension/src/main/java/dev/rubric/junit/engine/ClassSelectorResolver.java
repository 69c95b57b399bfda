package dev.rubric.junit.engine;

import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.NestedClassSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.SelectorResolver;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Resolves classes into {@link ClassDescriptor}s: class selectors, nested class selectors and
 * {@code [class:...]/[nested-class:...]} unique ids. A {@code @Nested} class is resolved below its enclosing class,
 * as Jupiter resolves it, whichever way it was selected.
 */
final class ClassSelectorResolver implements SelectorResolver {

    private final Predicate<String> classNameFilter;
    private final RubricMethods methods;

    ClassSelectorResolver(Predicate<String> classNameFilter, RubricMethods methods) {
        this.classNameFilter = classNameFilter;
        this.methods = methods;
    }

    @Override
    public Resolution resolve(ClassSelector selector, Context context) {
        Class<?> type = selector.getJavaClass();
        if (RubricMethods.isNestedTestClass(type)) {
            return Resolution.selectors(Set.of(selectorFor(classesOf(type))));
        }
        if (!RubricMethods.isTestClass(type) || !classNameFilter.test(type.getName())) {
            return Resolution.unresolved();
        }
        return context.addToParent(parent -> describe(parent, List.of(type)))
                .map(d -> Resolution.match(Match.exact(d, () -> childSelectors(d.model().classes()))))
                .orElse(Resolution.unresolved());
    }

    @Override
    public Resolution resolve(NestedClassSelector selector, Context context) {
        Class<?> type = selector.getNestedClass();
        if (!RubricMethods.isNestedTestClass(type)) {
            return Resolution.unresolved();
        }
        List<Class<?>> classes = new ArrayList<>(selector.getEnclosingClasses());
        classes.add(type);
        List<Class<?>> enclosing = selector.getEnclosingClasses();
        return context.addToParent(() -> selectorFor(enclosing), parent -> parent instanceof ClassDescriptor
                        ? describe(parent, classes) : Optional.empty())
                .map(d -> Resolution.match(Match.exact(d, () -> childSelectors(d.model().classes()))))
                .orElse(Resolution.unresolved());
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        UniqueId id = selector.getUniqueId();
        String last = id.getLastSegment().getType();
        if (!ClassDescriptor.SEGMENT_TYPE.equals(last) && !ClassDescriptor.NESTED_SEGMENT_TYPE.equals(last)) {
            return Resolution.unresolved();
        }
        return classesIn(id.getSegments(), id.getSegments().size())
                .map(classes -> Resolution.selectors(Set.of(selectorFor(classes))))
                .orElse(Resolution.unresolved());
    }

    /**
     * The classes named by the first {@code count} segments of a unique id that are {@code [class:...]} and its
     * {@code [nested-class:...]}s (after the engine's segment); empty when they name no such classes.
     */
    static Optional<List<Class<?>>> classesIn(List<UniqueId.Segment> segments, int count) {
        if (count < 2 || !ClassDescriptor.SEGMENT_TYPE.equals(segments.get(1).getType())) {
            return Optional.empty();
        }
        Optional<Class<?>> top = ReflectionSupport.tryToLoadClass(segments.get(1).getValue()).toOptional();
        if (top.isEmpty()) {
            return Optional.empty();
        }
        List<Class<?>> classes = new ArrayList<>(List.of(top.get()));
        for (int i = 2; i < count; i++) {
            UniqueId.Segment s = segments.get(i);
            if (!ClassDescriptor.NESTED_SEGMENT_TYPE.equals(s.getType())) {
                return Optional.empty();
            }
            Optional<Class<?>> nested = RubricMethods.nestedClassesOf(classes.get(classes.size() - 1)).stream()
                    .filter(c -> c.getSimpleName().equals(s.getValue())).findFirst();
            if (nested.isEmpty()) {
                return Optional.empty();
            }
            classes.add(nested.get());
        }
        return Optional.of(classes);
    }

    /** A class, or a {@code @Nested} class inside the classes before it. */
    static DiscoverySelector selectorFor(List<Class<?>> classes) {
        Class<?> type = classes.get(classes.size() - 1);
        return classes.size() == 1 ? DiscoverySelectors.selectClass(type)
                : DiscoverySelectors.selectNestedClass(List.copyOf(classes.subList(0, classes.size() - 1)), type);
    }

    /** A {@code @Nested} class's enclosing classes, outermost first, then the class. */
    static List<Class<?>> classesOf(Class<?> type) {
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> c = type; c != null; c = RubricMethods.isNestedTestClass(c) ? c.getEnclosingClass() : null) {
            classes.add(0, c);
        }
        return classes;
    }

    private Optional<ClassDescriptor> describe(TestDescriptor parent, List<Class<?>> classes) {
        Class<?> type = classes.get(classes.size() - 1);
        String segment = classes.size() == 1 ? ClassDescriptor.SEGMENT_TYPE : ClassDescriptor.NESTED_SEGMENT_TYPE;
        String value = classes.size() == 1 ? type.getName() : type.getSimpleName();
        Optional<? extends TestDescriptor> existing = parent.findByUniqueId(parent.getUniqueId().append(segment, value));
        if (existing.isPresent()) {
            return existing.map(ClassDescriptor.class::cast);
        }
        Set<TestTag> enclosingTags = parent instanceof ClassDescriptor c ? c.getTags() : Set.of();
        return methods.describeClass(classes).map(model -> new ClassDescriptor(parent.getUniqueId(), model,
                methods.classDisplayName(classes), enclosingTags));
    }

    private static Set<DiscoverySelector> childSelectors(List<Class<?>> classes) {
        Class<?> type = classes.get(classes.size() - 1);
        List<Class<?>> enclosing = List.copyOf(classes.subList(0, classes.size() - 1));
        Set<DiscoverySelector> selectors = new LinkedHashSet<>();
        for (Method m : RubricMethods.annotatedMethods(type)) {
            selectors.add(enclosing.isEmpty() ? DiscoverySelectors.selectMethod(type, m)
                    : DiscoverySelectors.selectNestedMethod(enclosing, type, m));
        }
        for (Class<?> nested : RubricMethods.nestedTestClasses(type)) {
            selectors.add(DiscoverySelectors.selectNestedClass(classes, nested));
        }
        return selectors;
    }
}
