package dev.rubric.junit.engine;

import dev.rubric.core.Rubrics;
import dev.rubric.junit.Case;
import dev.rubric.junit.Cases;
import dev.rubric.junit.Response;
import dev.rubric.junit.RubricTest;
import org.junit.jupiter.api.Nested;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ModifierSupport;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The engine's discovery rules: which classes and methods it runs, read the way Jupiter reads them, and what is wrong
 * with them, reported as a discovery issue that names the class or method and the way out (never thrown): static,
 * private, parameters the engine cannot supply, an unsupported return type, bad annotation values, a broken cases
 * file, lifecycle methods that cannot run, Jupiter annotations the engine would ignore.
 */
final class RubricMethods {

    private final DiscoveryIssues issues;
    private final ConfigurationParameters configuration;
    private final DisplayNames displayNames;

    RubricMethods(DiscoveryIssues issues, ConfigurationParameters configuration) {
        this.issues = issues;
        this.configuration = configuration;
        this.displayNames = new DisplayNames(configuration);
    }

    /**
     * A class the engine runs as a top-level class: concrete, top level or static nested, with at least one
     * {@code @RubricTest} (itself or in its {@code @Nested} classes).
     */
    static boolean isTestClass(Class<?> type) {
        return isRunnable(type) && (type.getEnclosingClass() == null || ModifierSupport.isStatic(type))
                && hasTests(type, 0);
    }

    /** A {@code @Nested} class of a rubric test class: an inner (non-static) class with rubric tests. */
    static boolean isNestedTestClass(Class<?> type) {
        return isRunnable(type) && type.getEnclosingClass() != null && !ModifierSupport.isStatic(type)
                && AnnotationSupport.isAnnotated(type, Nested.class) && hasTests(type, 0);
    }

    private static boolean isRunnable(Class<?> type) {
        return !ModifierSupport.isAbstract(type) && !type.isInterface() && !type.isAnonymousClass()
                && !type.isLocalClass() && !type.isSynthetic() && !type.isAnnotation() && !type.isEnum();
    }

    /** Rubric tests in the class or, below it, in its {@code @Nested} classes (bounded: a class may nest itself). */
    private static boolean hasTests(Class<?> type, int depth) {
        if (!annotatedMethods(type).isEmpty()) {
            return true;
        }
        return depth < 8 && nestedClassesOf(type).stream().anyMatch(n -> hasTests(n, depth + 1));
    }

    static List<Class<?>> nestedClassesOf(Class<?> type) {
        return ReflectionSupport.findNestedClasses(type, c -> !ModifierSupport.isStatic(c)
                && AnnotationSupport.isAnnotated(c, Nested.class) && isRunnable(c));
    }

    /** The {@code @Nested} rubric test classes directly inside {@code type}. */
    static List<Class<?>> nestedTestClasses(Class<?> type) {
        return nestedClassesOf(type).stream().filter(RubricMethods::isNestedTestClass).toList();
    }

    static List<Method> annotatedMethods(Class<?> type) {
        return ReflectionSupport.findMethods(type, m -> AnnotationSupport.isAnnotated(m, RubricTest.class),
                HierarchyTraversalMode.TOP_DOWN);
    }

    /**
     * The class's model, or empty (with an issue reported) when it cannot run; Jupiter annotations it would ignore
     * are reported too (the class still runs).
     */
    Optional<ClassModel> describeClass(List<Class<?>> classes) {
        ClassModel model = ClassModel.of(classes, configuration);
        Class<?> type = model.type();
        ClassSource source = ClassSource.from(type);
        boolean spring = SpringSupport.managedBySpring(classes);
        for (String unsupported : JupiterAnnotations.unsupportedOnClass(type, spring)) {
            issues.report(DiscoveryIssues.Severity.WARNING, unsupported, source);
        }
        for (Method m : lifecycleMethods(model)) {
            for (String unsupported : JupiterAnnotations.unsupportedOnMethod(m)) {
                issues.report(DiscoveryIssues.Severity.WARNING, unsupported, MethodSource.from(type, m));
            }
        }
        if (!model.problems().isEmpty()) {
            issues.report(DiscoveryIssues.Severity.ERROR, "the rubric test class " + type.getName() + " is not run: "
                    + String.join("; ", model.problems()), source);
            return Optional.empty();
        }
        return Optional.of(model);
    }

    private static List<Method> lifecycleMethods(ClassModel model) {
        List<Method> all = new ArrayList<>(model.beforeAll());
        all.addAll(model.afterAll());
        all.addAll(model.beforeEach());
        all.addAll(model.afterEach());
        return all;
    }

    String classDisplayName(List<Class<?>> classes) {
        return displayNames.forClass(classes);
    }

    /** The method's descriptor, or empty (with an issue reported) when the method cannot run. */
    Optional<MethodDescriptor> describe(ClassDescriptor parent, Class<?> testClass, Method method) {
        RubricTest annotation = AnnotationSupport.findAnnotation(method, RubricTest.class).orElseThrow();
        Optional<Cases> cases = AnnotationSupport.findAnnotation(method, Cases.class);
        List<String> problems = problems(method, annotation, cases.isPresent());
        MethodSource source = MethodSource.from(testClass, method);
        if (!problems.isEmpty()) {
            issues.report(DiscoveryIssues.Severity.WARNING, "@RubricTest method "
                    + testClass.getName() + "#" + method.getName() + " is not run: " + String.join("; ", problems),
                    source);
            return Optional.empty();
        }
        for (String unsupported : JupiterAnnotations.unsupportedOnMethod(method)) {
            issues.report(DiscoveryIssues.Severity.WARNING, unsupported, source);
        }
        List<String> ignored = ignoredAttributes(annotation);
        if (!ignored.isEmpty()) {
            issues.report(DiscoveryIssues.Severity.WARNING, "@RubricTest method " + testClass.getName()
                    + "#" + method.getName() + " runs, but " + String.join("; ", ignored), source);
        }
        List<Case> loaded = null;
        if (cases.isPresent()) {
            try {
                loaded = CasesFile.load(testClass, cases.get().value());
            } catch (CasesFile.Problem e) {
                issues.report(DiscoveryIssues.Severity.ERROR, "@RubricTest method " + testClass.getName()
                        + "#" + method.getName() + " is not run: " + e.getMessage(), source);
                return Optional.empty();
            }
        }
        List<Class<?>> classes = parent.model().classes();
        String displayName = annotation.displayName().isBlank() ? displayNames.forMethod(classes, method)
                : annotation.displayName();
        return Optional.of(new MethodDescriptor(parent, testClass, method, annotation, displayName, loaded));
    }

    /**
     * Attributes that do nothing on this method, each with the way to make it count: the declarative form's rubric,
     * instruction and reference without minScore, and a minPassRate without samples.
     */
    static List<String> ignoredAttributes(RubricTest annotation) {
        List<String> ignored = new ArrayList<>();
        if (annotation.minScore() == 0) {
            String declarativeOnly = " is ignored: it belongs to the declarative form, which needs minScore";
            if (isSet(annotation, "rubric")) {
                ignored.add("rubric = \"" + annotation.rubric() + "\"" + declarativeOnly + "; add minScore = 1..5 and"
                        + " return the Response so that the engine grades it, or name the rubric in the assertion:"
                        + " assertThat(...).on(\"" + annotation.rubric() + "\")");
            }
            if (isSet(annotation, "instruction")) {
                ignored.add("instruction = \"...\"" + declarativeOnly + "; add minScore = 1..5 and return the answer,"
                        + " or pass the instruction in the assertion: assertThat(answer).to(instruction)");
            }
            if (isSet(annotation, "reference")) {
                ignored.add("reference = \"...\"" + declarativeOnly + "; add minScore = 1..5, or pass it in the"
                        + " assertion: .withReference(reference)");
            }
        }
        if (annotation.samples() == 1 && isSet(annotation, "minPassRate")) {
            ignored.add("minPassRate = " + annotation.minPassRate() + " is ignored without samples: set samples = N"
                    + " (more than 1) to run the method N times and require that share of passes");
        }
        return ignored;
    }

    /** Whether the method sets {@code attribute} to something else than its default. */
    private static boolean isSet(RubricTest annotation, String attribute) {
        try {
            Method m = RubricTest.class.getMethod(attribute);
            return !m.invoke(annotation).equals(m.getDefaultValue());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("@RubricTest has no attribute " + attribute, e);
        }
    }

    static List<String> problems(Method method, RubricTest annotation, boolean hasCases) {
        List<String> problems = new ArrayList<>();
        if (ModifierSupport.isStatic(method)) {
            problems.add("it must not be static (the engine calls it on an instance of the class)");
        }
        if (ModifierSupport.isPrivate(method)) {
            problems.add("it must not be private");
        }
        if (ModifierSupport.isAbstract(method)) {
            problems.add("it must not be abstract");
        }
        long caseParameters = Arrays.stream(method.getParameterTypes()).filter(p -> p == Case.class).count();
        if (hasCases && caseParameters != 1) {
            problems.add("with @Cases it must take exactly one parameter of type " + Case.class.getName());
        }
        String unsupported = Invocations.unsupportedParameters(method, hasCases);
        if (unsupported != null) {
            problems.add(unsupported);
        }
        Class<?> returns = method.getReturnType();
        boolean declarative = annotation.minScore() != 0;
        if (declarative && (annotation.minScore() < 1 || annotation.minScore() > 5)) {
            problems.add("minScore = " + annotation.minScore() + " is outside 1..5");
        }
        if (returns == void.class) {
            if (declarative) {
                problems.add("it declares minScore = " + annotation.minScore() + " but returns void: return the"
                        + " Response (or the answer String) to grade, or drop minScore and assert in the method");
            }
        } else if (returns == Response.class || returns == String.class) {
            if (!declarative) {
                problems.add("it returns " + returns.getSimpleName() + " but sets no minScore: add minScore (1..5)"
                        + " so the engine grades what it returns, or return void and assert in the method");
            } else if (returns == String.class && annotation.instruction().isBlank() && !hasCases) {
                problems.add("it returns a String, so the engine needs the question it answers: set"
                        + " instruction = \"...\" on @RubricTest, or return a Response");
            }
        } else {
            problems.add("it returns " + returns.getName() + ": return void, or a Response or String together"
                    + " with minScore (the declarative form)");
        }
        if (declarative && Rubrics.find(annotation.rubric()).isEmpty()) {
            problems.add("rubric = \"" + annotation.rubric() + "\" is no predefined rubric (use one of "
                    + String.join(", ", Rubrics.all().keySet()) + ")");
        }
        if (annotation.samples() < 1) {
            problems.add("samples = " + annotation.samples() + " must be at least 1");
        }
        if (!(annotation.minPassRate() >= 0 && annotation.minPassRate() <= 1)) {
            problems.add("minPassRate = " + annotation.minPassRate() + " must be within 0..1");
        }
        return problems;
    }
}
