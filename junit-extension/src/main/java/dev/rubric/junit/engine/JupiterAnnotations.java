package dev.rubric.junit.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.IndicativeSentencesGeneration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Tags;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.Extensions;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of Jupiter's annotations mean something in a rubric test class, and what to say about the others: each one
 * the engine would otherwise silently ignore is named in a discovery issue with the way out. Supported: the lifecycle
 * methods, {@code @TestInstance}, {@code @Nested}, {@code @Tag}, {@code @DisplayName} and its generators,
 * {@code @Timeout}, {@code @Disabled} and every execution condition (an {@code @ExtendWith} of an
 * {@code ExecutionCondition} alone), and Spring's {@code SpringExtension} on a class Spring manages.
 */
final class JupiterAnnotations {

    private static final Set<Class<? extends Annotation>> SUPPORTED = Set.of(BeforeAll.class, AfterAll.class,
            BeforeEach.class, AfterEach.class, TestInstance.class, Nested.class, Tag.class, Tags.class,
            DisplayName.class, DisplayNameGeneration.class, IndicativeSentencesGeneration.class, Timeout.class,
            Disabled.class, ExtendWith.class, Extensions.class);

    private static final String OUT_OF_EXTENSIONS = "the rubric engine runs Jupiter's lifecycle methods, conditions,"
            + " timeouts and Spring's test context, but no other Jupiter extension: do in a @BeforeEach method what"
            + " the extension would, or write the check as a Jupiter @Test with rubric assertions (Jupiter then runs"
            + " it with its extensions)";

    private JupiterAnnotations() {
    }

    /** What on the class (its annotations, superclasses and fields) the rubric engine would ignore, and what to do. */
    static List<String> unsupportedOnClass(Class<?> type, boolean springManaged) {
        Set<String> found = new LinkedHashSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Annotation a : c.getDeclaredAnnotations()) {
                unsupported(a, "class " + c.getName()).ifPresent(found::add);
            }
            for (Field f : c.getDeclaredFields()) {
                for (Annotation a : f.getDeclaredAnnotations()) {
                    unsupported(a, "field " + c.getName() + "." + f.getName()).ifPresent(found::add);
                }
            }
        }
        found.addAll(unsupportedExtensions(type, "class " + type.getName(), springManaged));
        return List.copyOf(found);
    }

    /** What on a rubric test or lifecycle method the rubric engine would ignore, and what to do. */
    static List<String> unsupportedOnMethod(Method method) {
        Set<String> found = new LinkedHashSet<>();
        String where = "method " + method.getDeclaringClass().getName() + "#" + method.getName();
        for (Annotation a : method.getDeclaredAnnotations()) {
            unsupported(a, where).ifPresent(found::add);
        }
        found.addAll(unsupportedExtensions(method, where, false));
        return List.copyOf(found);
    }

    private static java.util.Optional<String> unsupported(Annotation annotation, String where) {
        Class<? extends Annotation> type = annotation.annotationType();
        if (SUPPORTED.contains(type) || !type.getName().startsWith("org.junit.jupiter.")) {
            return java.util.Optional.empty();
        }
        List<Class<? extends Extension>> extensions = Conditions.extensions(type);
        if (!extensions.isEmpty() && extensions.stream().allMatch(Conditions::isConditionOnly)) {
            return java.util.Optional.empty(); // an execution condition: @EnabledOnOs, @DisabledIf, ...
        }
        return java.util.Optional.of("@" + type.getSimpleName() + " on " + where + " is ignored by the rubric engine: "
                + wayOut(type));
    }

    private static List<String> unsupportedExtensions(AnnotatedElement element, String where, boolean springManaged) {
        List<String> found = new ArrayList<>();
        for (Class<? extends Extension> extension : Conditions.extensions(element)) {
            if (Conditions.isConditionOnly(extension) || (springManaged && SpringSupport.isSpringExtension(extension))) {
                continue;
            }
            found.add("@ExtendWith(" + extension.getSimpleName() + ".class) on " + where + " is not applied to its"
                    + " rubric tests: " + OUT_OF_EXTENSIONS);
        }
        return found;
    }

    private static String wayOut(Class<? extends Annotation> type) {
        String name = type.getName();
        return switch (type.getSimpleName()) {
            case "Test", "RepeatedTest", "ParameterizedTest", "TestFactory", "TestTemplate" -> "Jupiter runs this"
                    + " method as well, so it would run twice: keep @RubricTest (samples = N repeats it, @Cases"
                    + " gives it data) or the Jupiter annotation, not both";
            case "RegisterExtension" -> OUT_OF_EXTENSIONS;
            case "TempDir" -> "create the folder in a @BeforeEach method (Files.createTempDirectory) and delete it in"
                    + " @AfterEach";
            case "AutoClose" -> "close the field in an @AfterEach (or @AfterAll) method";
            case "TestMethodOrder", "Order", "TestClassOrder" -> "rubric tests run in parallel, in no set order, so"
                    + " that the judge grades them together: make each test independent of the others";
            case "Execution", "ResourceLock", "ResourceLocks", "Isolated" -> "rubric tests run in parallel on"
                    + " rubric.execution.parallelism threads; set rubric.execution.parallelism=1 to run them one at"
                    + " a time";
            default -> name.startsWith("org.junit.jupiter.params") ? "parameterize a rubric test with @Cases(\"file\")"
                    + " instead" : "it is not part of what the rubric engine supports (lifecycle methods,"
                    + " @TestInstance, @Nested, @Tag, @DisplayName, @Timeout, @Disabled and conditions); remove it, or"
                    + " write the check as a Jupiter @Test with rubric assertions";
        };
    }
}
