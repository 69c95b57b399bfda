package dev.rubric.junit.engine;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Whether a test class gets Spring's test lifecycle: when spring-test is on the test classpath and the class (a
 * superclass, or for a {@code @Nested} class an enclosing class) carries Spring's test annotations
 * ({@code @SpringBootTest}, {@code @SpringJUnitConfig}, {@code @ContextConfiguration}, or anything else meta-annotated
 * with {@code @ContextConfiguration}, {@code @ContextHierarchy}, {@code @BootstrapWith} or
 * {@code @ExtendWith(SpringExtension.class)}). Spring's classes are named here, never linked: a project without
 * spring-test never loads any, and {@link SpringTestHooks} (which does link them) is only loaded for such a class.
 */
final class SpringSupport {

    static final String TEST_CONTEXT_MANAGER = "org.springframework.test.context.TestContextManager";
    static final String SPRING_EXTENSION = "org.springframework.test.context.junit.jupiter.SpringExtension";
    private static final List<String> MARKERS = List.of("org.springframework.test.context.ContextConfiguration",
            "org.springframework.test.context.ContextHierarchy", "org.springframework.test.context.BootstrapWith");

    private SpringSupport() {
    }

    /** Spring's hooks for this class (the last of {@code classes}, below its enclosing ones), or none. */
    static ClassHooks hooksFor(List<Class<?>> classes) {
        Class<?> testClass = classes.get(classes.size() - 1);
        if (!managedBySpring(classes)) {
            return ClassHooks.NONE;
        }
        try {
            return (ClassHooks) Class.forName("dev.rubric.junit.engine.SpringTestHooks", true,
                    SpringSupport.class.getClassLoader()).getDeclaredConstructor(Class.class).newInstance(testClass);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Spring's test context for " + testClass.getName()
                    + " could not be set up: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("the rubric engine could not drive Spring's test context for "
                    + testClass.getName() + " (" + e + "): spring-test 6 or newer must be on the test classpath", e);
        }
    }

    /** Whether spring-test is on the class's classpath and the class (or an enclosing one) asks for a context. */
    static boolean managedBySpring(List<Class<?>> classes) {
        ClassLoader loader = classes.get(0).getClassLoader();
        if (load(TEST_CONTEXT_MANAGER, loader).isEmpty()) {
            return false;
        }
        for (Class<?> type : classes) {
            for (String marker : MARKERS) {
                Optional<Class<? extends Annotation>> annotation = load(marker, loader)
                        .filter(Annotation.class::isAssignableFrom).map(SpringSupport::asAnnotation);
                if (annotation.isPresent() && AnnotationSupport.isAnnotated(type, annotation.get())) {
                    return true;
                }
            }
            if (extendedWithSpring(type)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the class carries {@code @ExtendWith(SpringExtension.class)}, itself or through a composed annotation. */
    static boolean extendedWithSpring(Class<?> type) {
        return AnnotationSupport.findRepeatableAnnotations(type, ExtendWith.class).stream()
                .flatMap(e -> Arrays.stream(e.value())).anyMatch(SpringSupport::isSpringExtension);
    }

    static boolean isSpringExtension(Class<?> extension) {
        return extension.getName().equals(SPRING_EXTENSION);
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Annotation> asAnnotation(Class<?> type) {
        return (Class<? extends Annotation>) type;
    }

    private static Optional<Class<?>> load(String name, ClassLoader loader) {
        try {
            return Optional.of(Class.forName(name, false, loader));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }
}
