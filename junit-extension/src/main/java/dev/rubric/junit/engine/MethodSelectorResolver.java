package dev.rubric.junit.engine;

import dev.rubric.junit.RubricTest;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.IterationSelector;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.discovery.NestedMethodSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.SelectorResolver;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves {@code @RubricTest} methods (method and nested method selectors, {@code [method:...]} unique ids) into
 * {@link MethodDescriptor}s; the unique ids of their samples, cases and samples of cases into those children; and
 * iteration selectors ({@code --select-iteration}) into the samples or cases they number, as Jupiter resolves them for
 * its repetitions and invocations.
 */
final class MethodSelectorResolver implements SelectorResolver {

    private final RubricMethods methods;

    MethodSelectorResolver(RubricMethods methods) {
        this.methods = methods;
    }

    @Override
    public Resolution resolve(MethodSelector selector, Context context) {
        Class<?> type = selector.getJavaClass();
        List<Class<?>> classes = RubricMethods.isNestedTestClass(type) ? ClassSelectorResolver.classesOf(type)
                : List.of(type);
        return whole(classes, selector.getJavaMethod(), context);
    }

    @Override
    public Resolution resolve(NestedMethodSelector selector, Context context) {
        List<Class<?>> classes = new ArrayList<>(selector.getEnclosingClasses());
        classes.add(selector.getNestedClass());
        return whole(classes, selector.getMethod(), context);
    }

    private Resolution whole(List<Class<?>> classes, Method method, Context context) {
        if (!AnnotationSupport.isAnnotated(method, RubricTest.class)) {
            return Resolution.unresolved();
        }
        return resolveMethod(classes, method, context).map(d -> {
            d.selectWhole();
            return Resolution.match(Match.exact(d));
        }).orElse(Resolution.unresolved());
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        // a sampled test's verdict (Surefire reruns the nodes that failed): the whole sampled test runs again
        UniqueId id = PassRateDescriptor.isPassRate(selector.getUniqueId())
                ? selector.getUniqueId().removeLastSegment() : selector.getUniqueId();
        String type = id.getLastSegment().getType();
        if (MethodDescriptor.SEGMENT_TYPE.equals(type)) {
            return findMethod(id).flatMap(m -> resolveMethod(m.classes(), m.method(), context)).map(d -> {
                d.selectWhole();
                return Resolution.match(Match.exact(d));
            }).orElse(Resolution.unresolved());
        }
        return resolveChild(id, context).map(child -> Resolution.match(Match.exact(child)))
                .orElse(Resolution.unresolved());
    }

    /**
     * {@code --select-iteration}: the samples of a sampled method or case, or the cases of a {@code @Cases} method,
     * by their index (counted from 0, as the Platform counts iterations).
     */
    @Override
    public Resolution resolve(IterationSelector selector, Context context) {
        Optional<? extends TestDescriptor> parent = resolveParent(selector.getParentSelector(), context);
        if (parent.isEmpty()) {
            return Resolution.unresolved();
        }
        List<? extends TestDescriptor> children = List.copyOf(parent.get().getChildren());
        MethodDescriptor method = parent.get() instanceof RubricNode n ? n.method() : null;
        if (method == null || children.isEmpty()) {
            return Resolution.unresolved();
        }
        Set<Match> matches = new LinkedHashSet<>();
        for (int index : selector.getIterationIndices()) {
            if (index >= 0 && index < children.size()) {
                TestDescriptor child = children.get(index);
                method.selectChild(child.getUniqueId());
                matches.add(Match.exact(child));
            }
        }
        return matches.isEmpty() ? Resolution.unresolved() : Resolution.matches(matches);
    }

    private Optional<? extends TestDescriptor> resolveParent(DiscoverySelector parent, Context context) {
        if (parent instanceof MethodSelector m) {
            Class<?> type = m.getJavaClass();
            List<Class<?>> classes = RubricMethods.isNestedTestClass(type) ? ClassSelectorResolver.classesOf(type)
                    : List.of(type);
            return AnnotationSupport.isAnnotated(m.getJavaMethod(), RubricTest.class)
                    ? resolveMethod(classes, m.getJavaMethod(), context) : Optional.empty();
        }
        if (parent instanceof NestedMethodSelector m) {
            List<Class<?>> classes = new ArrayList<>(m.getEnclosingClasses());
            classes.add(m.getNestedClass());
            return AnnotationSupport.isAnnotated(m.getMethod(), RubricTest.class)
                    ? resolveMethod(classes, m.getMethod(), context) : Optional.empty();
        }
        if (parent instanceof UniqueIdSelector u) {
            UniqueId id = u.getUniqueId();
            if (MethodDescriptor.SEGMENT_TYPE.equals(id.getLastSegment().getType())) {
                return findMethod(id).flatMap(m -> resolveMethod(m.classes(), m.method(), context));
            }
            return resolveChild(id, context);
        }
        return Optional.empty();
    }

    /** A sample, case or sample of a case by its unique id; only it (of its method's children) is kept. */
    private Optional<? extends TestDescriptor> resolveChild(UniqueId id, Context context) {
        return methodIdAbove(id)
                .flatMap(MethodSelectorResolver::findMethod)
                .flatMap(m -> resolveMethod(m.classes(), m.method(), context))
                .flatMap(d -> d.findByUniqueId(id).map(child -> {
                    d.selectChild(id);
                    return child;
                }));
    }

    /**
     * For the id of a case, a sample, or a sample of a case ({@code .../[method:m(...)]/[case:2]/[sample:3]}): the
     * id of their method; else empty.
     */
    private static Optional<UniqueId> methodIdAbove(UniqueId id) {
        List<UniqueId.Segment> segments = id.getSegments();
        int last = segments.size() - 1;
        int method = last;
        while (method >= 0 && !MethodDescriptor.SEGMENT_TYPE.equals(segments.get(method).getType())) {
            method--;
        }
        int below = last - method; // segments below the method: a case, a sample, or a case and its sample
        if (method < 0 || below < 1 || below > 2) {
            return Optional.empty();
        }
        String first = segments.get(method + 1).getType();
        boolean valid = below == 1
                ? first.equals(CaseDescriptor.SEGMENT_TYPE) || first.equals(SampleDescriptor.SEGMENT_TYPE)
                : first.equals(CaseDescriptor.SEGMENT_TYPE)
                        && segments.get(last).getType().equals(SampleDescriptor.SEGMENT_TYPE);
        if (!valid) {
            return Optional.empty();
        }
        UniqueId methodId = id;
        for (int i = 0; i < below; i++) {
            methodId = methodId.removeLastSegment();
        }
        return Optional.of(methodId);
    }

    private record ClassesAndMethod(List<Class<?>> classes, Method method) {
    }

    /** The classes and method a {@code [class:...](/[nested-class:...])*}/[method:name(params)]} id names. */
    private static Optional<ClassesAndMethod> findMethod(UniqueId methodId) {
        List<UniqueId.Segment> segments = methodId.getSegments();
        String value = methodId.getLastSegment().getValue();
        int open = value.indexOf('(');
        if (open < 0 || !value.endsWith(")")) {
            return Optional.empty();
        }
        String name = value.substring(0, open);
        String params = value.substring(open + 1, value.length() - 1);
        return ClassSelectorResolver.classesIn(segments, segments.size() - 1)
                .flatMap(classes -> ReflectionSupport.findMethod(classes.get(classes.size() - 1), name, params)
                        .map(m -> new ClassesAndMethod(classes, m)));
    }

    private Optional<MethodDescriptor> resolveMethod(List<Class<?>> classes, Method method, Context context) {
        Class<?> type = classes.get(classes.size() - 1);
        return context.addToParent(() -> ClassSelectorResolver.selectorFor(classes), parent -> {
            if (!(parent instanceof ClassDescriptor classNode)) {
                return Optional.empty();
            }
            UniqueId id = parent.getUniqueId().append(MethodDescriptor.SEGMENT_TYPE, MethodDescriptor.segmentValue(method));
            Optional<? extends TestDescriptor> existing = parent.findByUniqueId(id);
            if (existing.isPresent()) {
                return existing.map(MethodDescriptor.class::cast);
            }
            return methods.describe(classNode, type, method);
        });
    }
}
