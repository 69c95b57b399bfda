package dev.rubric.junit.engine;

import dev.rubric.junit.RubricTest;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.SelectorResolver;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

/**
 * Resolves {@code @RubricTest} methods (method selectors and {@code [method:...]} unique ids) into
 * {@link MethodDescriptor}s, and the unique ids of their samples, cases and samples of cases into those children.
 */
final class MethodSelectorResolver implements SelectorResolver {

    private final RubricMethods methods;

    MethodSelectorResolver(RubricMethods methods) {
        this.methods = methods;
    }

    @Override
    public Resolution resolve(MethodSelector selector, Context context) {
        Class<?> type = selector.getJavaClass();
        Method method = selector.getJavaMethod();
        if (!AnnotationSupport.isAnnotated(method, RubricTest.class)) {
            return Resolution.unresolved();
        }
        return resolveMethod(type, method, context).map(d -> {
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
            return findMethod(id).flatMap(m -> resolveMethod(m.type(), m.method(), context)).map(d -> {
                d.selectWhole();
                return Resolution.match(Match.exact(d));
            }).orElse(Resolution.unresolved());
        }
        return methodIdAbove(id)
                .flatMap(MethodSelectorResolver::findMethod)
                .flatMap(m -> resolveMethod(m.type(), m.method(), context))
                .flatMap(d -> d.findByUniqueId(id).map(child -> {
                    d.selectChild(id);
                    return Resolution.match(Match.exact(child));
                }))
                .orElse(Resolution.unresolved());
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

    private record ClassAndMethod(Class<?> type, Method method) {
    }

    /** The class and method a {@code [class:...]/[method:name(params)]} id names. */
    private static Optional<ClassAndMethod> findMethod(UniqueId methodId) {
        List<UniqueId.Segment> segments = methodId.getSegments();
        if (segments.size() < 2 || !ClassDescriptor.SEGMENT_TYPE.equals(segments.get(segments.size() - 2).getType())) {
            return Optional.empty();
        }
        String value = methodId.getLastSegment().getValue();
        int open = value.indexOf('(');
        if (open < 0 || !value.endsWith(")")) {
            return Optional.empty();
        }
        String name = value.substring(0, open);
        String params = value.substring(open + 1, value.length() - 1);
        return ReflectionSupport.tryToLoadClass(segments.get(segments.size() - 2).getValue()).toOptional()
                .flatMap(type -> ReflectionSupport.findMethod(type, name, params)
                        .map(m -> new ClassAndMethod(type, m)));
    }

    private Optional<MethodDescriptor> resolveMethod(Class<?> type, Method method, Context context) {
        return context.addToParent(() -> DiscoverySelectors.selectClass(type), parent -> {
            if (!(parent instanceof ClassDescriptor)) {
                return Optional.empty();
            }
            UniqueId id = parent.getUniqueId().append(MethodDescriptor.SEGMENT_TYPE, MethodDescriptor.segmentValue(method));
            Optional<? extends TestDescriptor> existing = parent.findByUniqueId(id);
            if (existing.isPresent()) {
                return existing.map(MethodDescriptor.class::cast);
            }
            return methods.describe(parent.getUniqueId(), type, method);
        });
    }
}
