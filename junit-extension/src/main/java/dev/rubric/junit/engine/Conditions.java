package dev.rubric.junit.engine;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.Extension;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.reflect.AnnotatedElement;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code @Disabled} and Jupiter's execution conditions on a rubric test class or method. Every condition annotation
 * ({@code @EnabledOnOs}, {@code @DisabledIfEnvironmentVariable}, {@code @EnabledIf}, ... and the user's own) is
 * meta-annotated with {@code @ExtendWith} of an {@link ExecutionCondition}: the engine evaluates those conditions, the
 * first that disables wins, and its reason is the skip reason, as in Jupiter.
 */
final class Conditions {

    private Conditions() {
    }

    /** The {@code @ExtendWith} extensions on an element (itself, composed annotations, inherited). */
    static List<Class<? extends Extension>> extensions(AnnotatedElement element) {
        return AnnotationSupport.findRepeatableAnnotations(element, ExtendWith.class).stream()
                .flatMap(e -> Arrays.stream(e.value())).distinct().toList();
    }

    /** Whether an extension is an execution condition and nothing else the engine would have to call. */
    static boolean isConditionOnly(Class<? extends Extension> extension) {
        return ExecutionCondition.class.isAssignableFrom(extension) && Arrays.stream(allInterfaces(extension))
                .filter(Extension.class::isAssignableFrom)
                .allMatch(i -> i == ExecutionCondition.class || i == Extension.class);
    }

    private static Class<?>[] allInterfaces(Class<?> type) {
        java.util.Set<Class<?>> all = new java.util.LinkedHashSet<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                addWithSuperInterfaces(i, all);
            }
        }
        return all.toArray(new Class<?>[0]);
    }

    private static void addWithSuperInterfaces(Class<?> type, java.util.Set<Class<?>> all) {
        if (all.add(type)) {
            for (Class<?> i : type.getInterfaces()) {
                addWithSuperInterfaces(i, all);
            }
        }
    }

    /**
     * Why the element is disabled: {@code @Disabled}'s reason, or the first disabling condition's; empty when it runs.
     * A condition that throws disables nothing: the exception propagates and fails the node, as in Jupiter.
     */
    static Optional<String> disabledReason(AnnotatedElement element, ConditionContext context) {
        Optional<Disabled> disabled = AnnotationSupport.findAnnotation(element, Disabled.class);
        if (disabled.isPresent()) {
            String reason = disabled.get().value();
            // as Jupiter words it: "class com.example.Foo is @Disabled", "void com.example.Foo.bar() is @Disabled"
            return Optional.of(reason.isBlank() ? element + " is @Disabled" : reason);
        }
        for (Class<? extends Extension> type : extensions(element)) {
            if (!ExecutionCondition.class.isAssignableFrom(type)) {
                continue;
            }
            ExecutionCondition condition = (ExecutionCondition) ReflectionSupport.newInstance(type);
            ConditionEvaluationResult result;
            try {
                result = condition.evaluateExecutionCondition(context);
            } catch (RuntimeException e) {
                throw new IllegalStateException("the condition " + type.getSimpleName() + " on " + element
                        + " failed: " + e.getMessage() + (context.getTestInstance().isEmpty() ? " (the rubric engine"
                        + " evaluates conditions before it creates a test instance: a condition method such as"
                        + " @EnabledIf's must be static unless the class is @TestInstance(PER_CLASS))" : ""), e);
            }
            if (result.isDisabled()) {
                return Optional.of(result.getReason().orElse(type.getSimpleName() + " disabled it"));
            }
        }
        return Optional.empty();
    }
}
