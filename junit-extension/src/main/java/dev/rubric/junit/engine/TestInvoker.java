package dev.rubric.junit.engine;

import dev.rubric.junit.Case;
import dev.rubric.junit.Response;
import dev.rubric.junit.RubricAssertions;
import dev.rubric.junit.RubricTest;
import dev.rubric.results.VerdictRecord;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.reporting.ReportEntry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one invocation of a test method with a grading scope bound to the thread, then (declarative form) grades
 * what it returned.
 */
final class TestInvoker {

    private TestInvoker() {
    }

    static void invoke(RubricExecutionContext context, TestDescriptor node, MethodDescriptor method, Case testCase) {
        RunState run = context.run();
        TestRecord record = run.results().start(node.getUniqueId());
        GradingScope scope = new GradingScope(run.judge(), record, run.progress());
        try (GradingScope.Binding ignored = scope.bind()) {
            Object[] args = method.takesCase() ? new Object[] {testCase} : new Object[0];
            Object returned = ReflectionSupport.invokeMethod(method.testMethod(), context.testInstance(), args);
            if (method.isDeclarative()) {
                assertDeclared(method, returned, testCase);
            }
        }
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
