package dev.rubric.junit.jupiter;

import dev.rubric.junit.engine.PlatformFeatures;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts the rubric checks of tests that other engines run (Jupiter's {@code @Test}, {@code @ParameterizedTest},
 * {@code @RepeatedTest}, ...) into a results file, so that {@code rubric:check} gates on them and
 * {@code rubric:report} shows them. The JUnit Platform launcher finds it through {@code ServiceLoader} (every launcher:
 * Surefire, Gradle, the Console Launcher, IDEs), so a project needs no set-up.
 *
 * <p>While a test runs, its thread is bound to a scope with the test's record; a check on that thread (in the test,
 * its {@code @BeforeEach} or {@code @AfterEach}, an extension's callbacks) is graded by the launcher run's judge, the
 * same one the rubric engine of this JVM uses (configured from the same configuration parameters), and recorded.
 * Tests that made no rubric check get no entry. On a JUnit Platform older than Rubric supports (before 1.10) it
 * records nothing, as the engine runs nothing there (and says why). Not for users to call; the launcher calls it.
 */
public final class JupiterResultsListener implements TestExecutionListener {

    private static final Logger LOG = Logger.getLogger(JupiterResultsListener.class.getName());

    private final AtomicReference<LauncherRun> run = new AtomicReference<>();

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        if (!PlatformFeatures.supported()) {
            return;
        }
        guarded("start recording rubric checks", () -> {
            LauncherRun previous = run.getAndSet(LauncherRun.start(testPlan));
            if (previous != null) {
                previous.finish(); // a launcher that never said the last plan finished: do not lose its results
            }
        });
    }

    @Override
    public void executionStarted(TestIdentifier testIdentifier) {
        LauncherRun current = run.get();
        if (current != null) {
            guarded("bind the rubric scope of " + testIdentifier.getDisplayName(),
                    () -> current.started(testIdentifier));
        }
    }

    @Override
    public void executionFinished(TestIdentifier testIdentifier, TestExecutionResult result) {
        LauncherRun current = run.get();
        if (current != null) {
            guarded("record the rubric checks of " + testIdentifier.getDisplayName(),
                    () -> current.finished(testIdentifier, result));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        LauncherRun finished = run.getAndSet(null);
        if (finished != null) {
            guarded("write the results of rubric checks in Jupiter tests", finished::finish);
        }
    }

    /** A listener that throws would be reported by the launcher as a warning with no context: say what failed. */
    private static void guarded(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "rubric: could not " + what + ": " + e, e);
        }
    }
}
