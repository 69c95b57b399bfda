package dev.rubric.junit.engine;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.ConfigurationParameters;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

/**
 * Display names as Jupiter gives them: {@code @DisplayName}, else the generator of {@code @DisplayNameGeneration} on
 * the class (or an enclosing class), else the one {@code junit.jupiter.displayname.generator.default} names, else
 * Jupiter's standard one ({@code refunds()}, {@code SupportBotTest}).
 */
final class DisplayNames {

    /** Jupiter 5.12 gave the generator the enclosing classes; older versions only have the methods without them. */
    private static final boolean WITH_ENCLOSING = hasMethod("generateDisplayNameForMethod", List.class, Class.class,
            Method.class);

    private final ConfigurationParameters configuration;

    DisplayNames(ConfigurationParameters configuration) {
        this.configuration = configuration;
    }

    /** The display name of the last of {@code classes}, which are enclosing ones first, the class itself last. */
    String forClass(List<Class<?>> classes) {
        Class<?> type = classes.get(classes.size() - 1);
        Optional<String> declared = declared(type);
        if (declared.isPresent()) {
            return declared.get();
        }
        DisplayNameGenerator generator = generator(classes);
        if (classes.size() == 1) {
            return generator.generateDisplayNameForClass(type);
        }
        List<Class<?>> enclosing = List.copyOf(classes.subList(0, classes.size() - 1));
        return WITH_ENCLOSING ? generator.generateDisplayNameForNestedClass(enclosing, type)
                : generator.generateDisplayNameForNestedClass(type);
    }

    /** The display name of a test method of the last of {@code classes}. */
    String forMethod(List<Class<?>> classes, Method method) {
        Optional<String> declared = AnnotationSupport.findAnnotation(method, DisplayName.class).map(DisplayName::value)
                .filter(s -> !s.isBlank()).map(String::strip);
        if (declared.isPresent()) {
            return declared.get();
        }
        Class<?> type = classes.get(classes.size() - 1);
        DisplayNameGenerator generator = generator(classes);
        List<Class<?>> enclosing = List.copyOf(classes.subList(0, classes.size() - 1));
        return WITH_ENCLOSING ? generator.generateDisplayNameForMethod(enclosing, type, method)
                : generator.generateDisplayNameForMethod(type, method);
    }

    private static Optional<String> declared(Class<?> type) {
        return AnnotationSupport.findAnnotation(type, DisplayName.class).map(DisplayName::value)
                .filter(s -> !s.isBlank()).map(String::strip);
    }

    private DisplayNameGenerator generator(List<Class<?>> classes) {
        for (int i = classes.size() - 1; i >= 0; i--) {
            Optional<DisplayNameGeneration> generation = AnnotationSupport.findAnnotation(classes.get(i),
                    DisplayNameGeneration.class);
            if (generation.isPresent()) {
                return ReflectionSupport.newInstance(generation.get().value());
            }
        }
        return configuration.get(DisplayNameGenerator.DEFAULT_GENERATOR_PROPERTY_NAME).map(String::strip)
                .filter(s -> !s.isEmpty())
                .flatMap(name -> ReflectionSupport.tryToLoadClass(name).toOptional())
                .filter(DisplayNameGenerator.class::isAssignableFrom)
                .map(c -> (DisplayNameGenerator) ReflectionSupport.newInstance(c))
                .orElseGet(() -> DisplayNameGenerator.getDisplayNameGenerator(DisplayNameGenerator.Standard.class));
    }

    private static boolean hasMethod(String name, Class<?>... parameterTypes) {
        try {
            DisplayNameGenerator.class.getMethod(name, parameterTypes);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
