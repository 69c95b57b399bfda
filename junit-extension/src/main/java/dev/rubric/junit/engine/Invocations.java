package dev.rubric.junit.engine;

import dev.rubric.junit.Case;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.reporting.ReportEntry;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The parameters the engine supplies to test and lifecycle methods, as Jupiter does: {@link TestInfo} (the node's
 * display name, tags, class and method), {@link TestReporter} (entries reported on the node) and, for a
 * {@code @Cases} test method, the {@link Case}.
 */
final class Invocations {

    private Invocations() {
    }

    /** What is wrong with the method's parameters, or null: only TestInfo, TestReporter and (with @Cases) a Case. */
    static String unsupportedParameters(Method method, boolean caseAllowed) {
        List<String> wrong = new ArrayList<>();
        for (Class<?> p : method.getParameterTypes()) {
            if (p != TestInfo.class && p != TestReporter.class && !(caseAllowed && p == Case.class)) {
                wrong.add(p.getName());
            }
        }
        if (wrong.isEmpty()) {
            return null;
        }
        return "it has parameters the rubric engine cannot supply (" + String.join(", ", wrong) + "): it supplies "
                + (caseAllowed ? "the Case, " : "") + "TestInfo and TestReporter"
                + (caseAllowed ? "" : ", and to a @RubricTest with @Cases(\"file\") a Case")
                + "; take what the test needs from fields set in @BeforeEach (or injected by Spring)";
    }

    /** The arguments for {@code method}, which {@link #unsupportedParameters} accepted. */
    static Object[] arguments(Method method, Case testCase, TestDescriptor node, Class<?> testClass,
                              Method testMethod, EngineExecutionListener listener) {
        Class<?>[] types = method.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            if (types[i] == Case.class) {
                args[i] = testCase;
            } else if (types[i] == TestInfo.class) {
                args[i] = new NodeInfo(node.getDisplayName(), node.getTags().stream().map(TestTag::getName)
                        .collect(Collectors.toCollection(LinkedHashSet::new)), Optional.of(testClass),
                        Optional.ofNullable(testMethod));
            } else {
                args[i] = reporter(node, listener);
            }
        }
        return args;
    }

    static TestReporter reporter(TestDescriptor node, EngineExecutionListener listener) {
        return entries -> listener.reportingEntryPublished(node, ReportEntry.from(entries));
    }

    /** Jupiter's {@link TestInfo} for a rubric node. */
    record NodeInfo(String displayName, Set<String> tags, Optional<Class<?>> testClass, Optional<Method> testMethod)
            implements TestInfo {

        @Override
        public String getDisplayName() {
            return displayName;
        }

        @Override
        public Set<String> getTags() {
            return tags;
        }

        @Override
        public Optional<Class<?>> getTestClass() {
            return testClass;
        }

        @Override
        public Optional<Method> getTestMethod() {
            return testMethod;
        }
    }

    /** Throws {@code t} as it is, checked or not (lifecycle methods may throw anything, as in Jupiter). */
    static RuntimeException sneakyThrow(Throwable t) {
        throw Invocations.<RuntimeException>doThrow(t);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T doThrow(Throwable t) throws T {
        throw (T) t;
    }
}
