package dev.rubric.junit.engine;

import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.SelectorResolver;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Resolves classes (class selectors and {@code [class:...]} unique ids) into {@link ClassDescriptor}s. */
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
        if (!RubricMethods.isTestClass(type) || !classNameFilter.test(type.getName()) || !methods.instantiable(type)) {
            return Resolution.unresolved();
        }
        return context.addToParent(parent -> Optional.of(existingOrNew(parent, type)))
                .map(d -> Resolution.match(Match.exact(d, () -> methodSelectors(type))))
                .orElse(Resolution.unresolved());
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        UniqueId id = selector.getUniqueId();
        UniqueId.Segment last = id.getLastSegment();
        if (!ClassDescriptor.SEGMENT_TYPE.equals(last.getType())) {
            return Resolution.unresolved();
        }
        return ReflectionSupport.tryToLoadClass(last.getValue()).toOptional()
                .map(type -> Resolution.selectors(Set.of(DiscoverySelectors.selectClass(type))))
                .orElse(Resolution.unresolved());
    }

    private static ClassDescriptor existingOrNew(TestDescriptor parent, Class<?> type) {
        UniqueId id = parent.getUniqueId().append(ClassDescriptor.SEGMENT_TYPE, type.getName());
        return parent.findByUniqueId(id).map(ClassDescriptor.class::cast)
                .orElseGet(() -> new ClassDescriptor(parent.getUniqueId(), type));
    }

    private static Set<DiscoverySelector> methodSelectors(Class<?> type) {
        Set<DiscoverySelector> selectors = new LinkedHashSet<>();
        for (var m : RubricMethods.annotatedMethods(type)) {
            selectors.add(DiscoverySelectors.selectMethod(type, m));
        }
        return selectors;
    }
}
