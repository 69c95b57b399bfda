package dev.rubric.junit.engine;

import dev.rubric.core.Rubrics;
import dev.rubric.junit.Case;
import dev.rubric.junit.Cases;
import dev.rubric.junit.Response;
import dev.rubric.junit.RubricTest;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ModifierSupport;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds {@code @RubricTest} methods and checks their shape, reporting what is wrong as a discovery issue that names
 * the method (never throwing): static, private, parameters the engine cannot supply, an unsupported return type,
 * bad annotation values, a broken cases file.
 */
final class RubricMethods {

    private final DiscoveryIssueReporter issues;

    RubricMethods(DiscoveryIssueReporter issues) {
        this.issues = issues;
    }

    /** A class the engine runs: concrete, top level or static nested, with at least one {@code @RubricTest}. */
    static boolean isTestClass(Class<?> type) {
        return !ModifierSupport.isAbstract(type) && !type.isInterface() && !type.isAnonymousClass()
                && !type.isLocalClass() && !type.isSynthetic()
                && (type.getEnclosingClass() == null || ModifierSupport.isStatic(type))
                && !annotatedMethods(type).isEmpty();
    }

    static List<Method> annotatedMethods(Class<?> type) {
        return ReflectionSupport.findMethods(type, m -> AnnotationSupport.isAnnotated(m, RubricTest.class),
                HierarchyTraversalMode.TOP_DOWN);
    }

    /** Checks the class can be instantiated; reports it when not. */
    boolean instantiable(Class<?> type) {
        try {
            type.getDeclaredConstructor();
            return true;
        } catch (NoSuchMethodException e) {
            issues.reportIssue(DiscoveryIssue.builder(Severity.WARNING, "the @RubricTest class " + type.getName()
                    + " has no constructor without parameters: add one (the rubric engine creates one instance per"
                    + " class) - its tests are not run").source(org.junit.platform.engine.support.descriptor.ClassSource.from(type)));
            return false;
        }
    }

    /** The method's descriptor, or empty (with an issue reported) when the method cannot run. */
    Optional<MethodDescriptor> describe(UniqueId classId, Class<?> testClass, Method method) {
        RubricTest annotation = AnnotationSupport.findAnnotation(method, RubricTest.class).orElseThrow();
        Optional<Cases> cases = AnnotationSupport.findAnnotation(method, Cases.class);
        List<String> problems = problems(method, annotation, cases.isPresent());
        MethodSource source = MethodSource.from(testClass, method);
        if (!problems.isEmpty()) {
            issues.reportIssue(DiscoveryIssue.builder(Severity.WARNING, "@RubricTest method "
                    + testClass.getName() + "#" + method.getName() + " is not run: " + String.join("; ", problems))
                    .source(source));
            return Optional.empty();
        }
        List<String> ignored = ignoredAttributes(annotation);
        if (!ignored.isEmpty()) {
            issues.reportIssue(DiscoveryIssue.builder(Severity.WARNING, "@RubricTest method " + testClass.getName()
                    + "#" + method.getName() + " runs, but " + String.join("; ", ignored)).source(source));
        }
        List<Case> loaded = null;
        if (cases.isPresent()) {
            try {
                loaded = CasesFile.load(testClass, cases.get().value());
            } catch (CasesFile.Problem e) {
                issues.reportIssue(DiscoveryIssue.builder(Severity.ERROR, "@RubricTest method " + testClass.getName()
                        + "#" + method.getName() + " is not run: " + e.getMessage()).source(source));
                return Optional.empty();
            }
        }
        return Optional.of(new MethodDescriptor(classId, testClass, method, annotation, loaded));
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
        Class<?>[] params = method.getParameterTypes();
        if (hasCases && (params.length != 1 || params[0] != Case.class)) {
            problems.add("with @Cases it must take exactly one parameter of type " + Case.class.getName());
        } else if (!hasCases && params.length > 0) {
            problems.add("it has parameters the rubric engine cannot supply (" + java.util.Arrays.toString(params)
                    + "): take none, or one " + Case.class.getSimpleName() + " together with @Cases(\"file\")");
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
