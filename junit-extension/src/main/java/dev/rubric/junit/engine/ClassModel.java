package dev.rubric.junit.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ModifierSupport;
import org.junit.platform.engine.ConfigurationParameters;

import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the engine knows of a test class before running it, read the way Jupiter reads it: the instance lifecycle
 * ({@code @TestInstance}, else {@code junit.jupiter.testinstance.lifecycle.default}, else a new instance per
 * invocation), the lifecycle methods (inherited: {@code @BeforeAll}/{@code @BeforeEach} of superclasses first,
 * {@code @AfterEach}/{@code @AfterAll} of subclasses first) and what is wrong with them.
 *
 * @param classes    the enclosing classes of a {@code @Nested} class, outermost first, then the class itself
 * @param lifecycle  one instance per invocation (each sample and case) or one for the whole class
 * @param beforeAll  {@code @BeforeAll} methods, in the order they run
 * @param afterAll   {@code @AfterAll} methods, in the order they run
 * @param beforeEach {@code @BeforeEach} methods of this class, in the order they run
 * @param afterEach  {@code @AfterEach} methods of this class, in the order they run
 * @param problems   what keeps the class from running, each naming the method and the way out
 */
record ClassModel(List<Class<?>> classes, TestInstance.Lifecycle lifecycle, List<Method> beforeAll,
                  List<Method> afterAll, List<Method> beforeEach, List<Method> afterEach, List<String> problems) {

    static final String LIFECYCLE_DEFAULT = "junit.jupiter.testinstance.lifecycle.default";

    ClassModel {
        classes = List.copyOf(classes);
        problems = List.copyOf(problems);
    }

    Class<?> type() {
        return classes.get(classes.size() - 1);
    }

    boolean nested() {
        return classes.size() > 1;
    }

    boolean perClass() {
        return lifecycle == TestInstance.Lifecycle.PER_CLASS;
    }

    static ClassModel of(List<Class<?>> classes, ConfigurationParameters configuration) {
        Class<?> type = classes.get(classes.size() - 1);
        TestInstance.Lifecycle lifecycle = AnnotationSupport.findAnnotation(type, TestInstance.class)
                .map(TestInstance::value).orElseGet(() -> defaultLifecycle(configuration));
        List<String> problems = new ArrayList<>();
        List<Method> beforeAll = lifecycleMethods(type, BeforeAll.class, HierarchyTraversalMode.TOP_DOWN, problems);
        List<Method> afterAll = lifecycleMethods(type, AfterAll.class, HierarchyTraversalMode.BOTTOM_UP, problems);
        if (lifecycle == TestInstance.Lifecycle.PER_METHOD) {
            for (Method m : concat(beforeAll, afterAll)) {
                if (!ModifierSupport.isStatic(m)) {
                    problems.add(name(m) + " must be static, since each invocation gets a new instance: make it"
                            + " static, or annotate " + type.getSimpleName() + " with @TestInstance(Lifecycle.PER_CLASS)"
                            + " to share one instance");
                }
            }
        }
        List<Method> beforeEach = lifecycleMethods(type, BeforeEach.class, HierarchyTraversalMode.TOP_DOWN, problems);
        List<Method> afterEach = lifecycleMethods(type, AfterEach.class, HierarchyTraversalMode.BOTTOM_UP, problems);
        for (Method m : concat(beforeEach, afterEach)) {
            if (ModifierSupport.isStatic(m)) {
                problems.add(name(m) + " must not be static: it runs on the test instance");
            }
        }
        if (constructor(classes).isEmpty()) {
            problems.add("it has no constructor the rubric engine can call: give it one without parameters"
                    + (classes.size() > 1 ? " (besides the enclosing instance)" : ""));
        }
        return new ClassModel(classes, lifecycle, beforeAll, afterAll, beforeEach, afterEach, problems);
    }

    /** The constructor the engine calls: no parameters, or for a {@code @Nested} class only the enclosing instance. */
    static java.util.Optional<Constructor<?>> constructor(List<Class<?>> classes) {
        Class<?> type = classes.get(classes.size() - 1);
        try {
            return java.util.Optional.of(classes.size() > 1 && !ModifierSupport.isStatic(type)
                    ? type.getDeclaredConstructor(classes.get(classes.size() - 2))
                    : type.getDeclaredConstructor());
        } catch (NoSuchMethodException e) {
            return java.util.Optional.empty();
        }
    }

    private static TestInstance.Lifecycle defaultLifecycle(ConfigurationParameters configuration) {
        return configuration.get(LIFECYCLE_DEFAULT).map(s -> s.strip().toUpperCase(Locale.ROOT))
                .filter(s -> s.equals("PER_CLASS")).map(s -> TestInstance.Lifecycle.PER_CLASS)
                .orElse(TestInstance.Lifecycle.PER_METHOD);
    }

    private static List<Method> lifecycleMethods(Class<?> type, Class<? extends Annotation> annotation,
                                                 HierarchyTraversalMode order, List<String> problems) {
        List<Method> methods = AnnotationSupport.findAnnotatedMethods(type, annotation, order);
        List<Method> valid = new ArrayList<>();
        for (Method m : methods) {
            List<String> wrong = new ArrayList<>();
            if (ModifierSupport.isPrivate(m)) {
                wrong.add("must not be private");
            }
            if (m.getReturnType() != void.class) {
                wrong.add("must return void");
            }
            String parameters = Invocations.unsupportedParameters(m, false);
            if (parameters != null) {
                wrong.add(parameters);
            }
            if (wrong.isEmpty()) {
                valid.add(m);
            } else {
                problems.add("@" + annotation.getSimpleName() + " method " + name(m) + " " + String.join(", ", wrong));
            }
        }
        return List.copyOf(valid);
    }

    private static List<Method> concat(List<Method> a, List<Method> b) {
        List<Method> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static String name(Method m) {
        return m.getDeclaringClass().getName() + "#" + m.getName();
    }
}
