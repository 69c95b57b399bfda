package dev.rubric.junit.engine;

import dev.rubric.junit.Case;
import dev.rubric.junit.Response;
import dev.rubric.junit.RubricAssertions;
import dev.rubric.junit.RubricTest;
import dev.rubric.results.VerdictRecord;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.hierarchical.OpenTest4JAwareThrowableCollector;
import org.junit.platform.engine.support.hierarchical.ThrowableCollector;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs one invocation of a test method (the method, one of its cases, or one sample) the way Jupiter runs a test: on
 * its own instance (unless the class is PER_CLASS), with Spring's hooks, the {@code @BeforeEach} methods (enclosing
 * classes' first), the test method under its timeout, then the {@code @AfterEach} methods (which run even when
 * something before them failed). A grading scope bound to the thread records every verdict on the node; the
 * declarative form is graded after the method returns. The first failure is thrown, later ones suppressed, and a
 * failure wins over an abort, as in Jupiter.
 */
final class TestInvoker {

    private TestInvoker() {
    }

    static void invoke(RubricExecutionContext context, TestDescriptor node, MethodDescriptor method, Case testCase) {
        RunState run = context.run();
        ClassScope scope = context.scope();
        TestRecord record = run.results().start(node.getUniqueId());
        GradingScope grading = new GradingScope(run.judge(), record, run.progress());
        ThrowableCollector collector = new OpenTest4JAwareThrowableCollector();
        List<Object> owned = new ArrayList<>();
        Method testMethod = method.testMethod();
        try (GradingScope.Binding ignored = grading.bind()) {
            List<List<Object>> chain = new ArrayList<>(1);
            collector.execute(() -> chain.add(scope.instancesForInvocation(owned)));
            if (collector.isEmpty()) {
                List<Object> instances = chain.get(0);
                Object target = instances.get(instances.size() - 1);
                ClassHooks hooks = scope.hooks();
                collector.execute(() -> hooks.beforeEach(target, testMethod));
                if (collector.isEmpty()) {
                    List<ClassScope> levels = scope.levels();
                    eachMethod(collector, run, node, method, grading, levels, instances, true);
                    if (collector.isEmpty()) {
                        collector.execute(() -> hooks.beforeExecution(target, testMethod));
                        if (collector.isEmpty()) {
                            collector.execute(() -> callTest(run, node, method, testCase, grading, target));
                        }
                        collector.execute(() -> hooks.afterExecution(target, testMethod, collector.getThrowable()));
                    }
                    eachMethod(collector, run, node, method, grading, levels, instances, false);
                }
                collector.execute(() -> hooks.afterEach(target, testMethod, collector.getThrowable()));
            }
            collector.execute(() -> ClassScope.close(owned));
        }
        if (collector.isNotEmpty()) {
            throw Invocations.sneakyThrow(collector.getThrowable());
        }
    }

    /**
     * The {@code @BeforeEach} methods of every level, outermost class first (stopping at the first failure), or the
     * {@code @AfterEach} methods, innermost first (every one of them, whatever fails).
     */
    private static void eachMethod(ThrowableCollector collector, RunState run, TestDescriptor node,
                                   MethodDescriptor method, GradingScope grading, List<ClassScope> levels,
                                   List<Object> instances, boolean before) {
        for (int i = 0; i < levels.size(); i++) {
            int level = before ? i : levels.size() - 1 - i;
            ClassModel model = levels.get(level).model();
            Object instance = instances.get(level);
            for (Method m : before ? model.beforeEach() : model.afterEach()) {
                if (before && collector.isNotEmpty()) {
                    return;
                }
                Object[] args = Invocations.arguments(m, null, node, method.testClass(), method.testMethod(),
                        run.listener());
                collector.execute(() -> Timeouts.call(run.timeouts().forLifecycle(m, before
                        ? Timeouts.Kind.BEFORE_EACH : Timeouts.Kind.AFTER_EACH), m.getName() + "()", grading,
                        () -> ReflectionSupport.invokeMethod(m, instance, args)));
            }
        }
    }

    private static void callTest(RunState run, TestDescriptor node, MethodDescriptor method, Case testCase,
                                 GradingScope grading, Object target) throws Throwable {
        Method m = method.testMethod();
        Object[] args = Invocations.arguments(m, testCase, node, method.testClass(), m, run.listener());
        Object returned = Timeouts.call(run.timeouts().forTest(m, method.classModel().classes()), jupiterName(m),
                grading, () -> ReflectionSupport.invokeMethod(m, target, args));
        if (method.isDeclarative()) {
            assertDeclared(method, returned, testCase);
        }
    }

    /** "refunds()", "answers(Case)": how Jupiter names a method in a timeout's message. */
    private static String jupiterName(Method m) {
        return m.getName() + "(" + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(", ")) + ")";
    }

    /** The declarative form: {@code @RubricTest(rubric = ..., minScore = n)} on a method returning the response. */
    static void assertDeclared(MethodDescriptor method, Object returned, Case testCase) {
        RubricTest annotation = method.annotation();
        if (returned == null) {
            throw new AssertionError("the @RubricTest(minScore = " + annotation.minScore() + ") method "
                    + method.testClass().getName() + "#" + method.testMethod().getName() + " returned null instead of"
                    + " the response to grade: return the answer (a String or a Response)");
        }
        Response response;
        if (returned instanceof Response r) {
            response = r;
        } else {
            String instruction = testCase != null ? testCase.instruction() : annotation.instruction();
            response = Response.of(instruction, returned.toString());
        }
        String reference = testCase != null && testCase.reference() != null ? testCase.reference()
                : annotation.reference().isBlank() ? null : annotation.reference();
        RubricAssertions.assertThat(response).on(annotation.rubric()).withReference(reference)
                .scoresAtLeast(annotation.minScore());
    }

    /** Publishes each verdict of a finished node as a JUnit report entry (IDEs, Open Test Reporting). */
    static void publishVerdicts(RunState run, TestDescriptor node) {
        for (VerdictRecord v : run.results().recordOf(node.getUniqueId()).verdicts()) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("rubric", v.rubric());
            if (v.score() != null) {
                entry.put("score", String.valueOf(v.score()));
            }
            if (v.winner() != null) {
                entry.put("winner", v.winner());
            }
            entry.put("cached", String.valueOf(v.cached()));
            entry.put("feedback", v.feedback().isBlank() ? "(none)" : v.feedback());
            run.listener().reportingEntryPublished(node, ReportEntry.from(entry));
        }
    }
}
