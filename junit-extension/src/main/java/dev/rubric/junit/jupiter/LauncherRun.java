package dev.rubric.junit.jupiter;

import dev.rubric.judge.JudgeConfig;
import dev.rubric.junit.Constants;
import dev.rubric.junit.engine.EngineSettings;
import dev.rubric.junit.engine.GradingScope;
import dev.rubric.junit.engine.ProgressReporter;
import dev.rubric.junit.engine.SharedJudge;
import dev.rubric.junit.engine.SummaryTable;
import dev.rubric.junit.engine.TestEnding;
import dev.rubric.junit.engine.TestRecord;
import dev.rubric.results.ResultsFiles;
import dev.rubric.results.RunResults;
import dev.rubric.results.TestResult;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One launcher run (test plan) as the {@link JupiterResultsListener} records it: the judge of its tests, a scope per
 * running test, and the results of the tests that made rubric checks, written as one results file when it ends.
 */
final class LauncherRun {

    private static final Logger LOG = Logger.getLogger(LauncherRun.class.getName());
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(2);

    /** A test that is running: its record, its thread's binding, its clock. */
    private record Running(TestRecord record, GradingScope.Binding binding, long startNanos) {
    }

    private final TestPlan plan;
    private final EngineSettings settings;
    private final SharedJudge judge;
    private final ProgressReporter progress;
    private final GradingScope.Binding testsRunning;
    private final Instant startedAt = Instant.now();
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final List<TestResult> results = new ArrayList<>();

    private LauncherRun(TestPlan plan, EngineSettings settings, SharedJudge judge, ProgressReporter progress) {
        this.plan = plan;
        this.settings = settings;
        this.judge = judge;
        this.progress = progress;
        this.testsRunning = GradingScope.testsRunning();
    }

    /**
     * The judge is configured exactly as the rubric engine configures its own, from the launcher's configuration
     * parameters (explicit ones, system properties, {@code junit-platform.properties}) and the environment: equal
     * configurations share one judge in this JVM.
     */
    static LauncherRun start(TestPlan plan) {
        ConfigurationParameters parameters = plan.getConfigurationParameters();
        Map<String, String> env = System.getenv();
        SharedJudge judge = SharedJudge.forLauncherRun(() -> JudgeConfig.from(parameters::get, parameters.keySet(),
                env));
        EngineSettings settings = settings(parameters, env);
        ProgressReporter progress = settings.progress()
                ? ProgressReporter.printingTo(System.out, PROGRESS_INTERVAL) : ProgressReporter.silent();
        return new LauncherRun(plan, settings, judge, progress);
    }

    /** The engine's settings; a bad one is the engine's to report, and the defaults do here. */
    private static EngineSettings settings(ConfigurationParameters parameters, Map<String, String> env) {
        try {
            return EngineSettings.from(parameters, env);
        } catch (RuntimeException e) {
            return new EngineSettings(1, Path.of(parameters.get(Constants.REPORT_DIR_PROPERTY_NAME)
                    .map(String::strip).filter(s -> !s.isEmpty()).orElse(Constants.DEFAULT_REPORT_DIR)), true, true, true);
        }
    }

    /** Binds a scope for a test of any engine but the rubric engine (which binds its own) to the thread running it. */
    void started(TestIdentifier id) {
        if (!id.isTest() || ranByTheRubricEngine(id.getUniqueIdObject())) {
            return;
        }
        TestRecord record = new TestRecord();
        GradingScope scope = GradingScope.ofTest(judge, record, progress, name(id));
        running.put(id.getUniqueId(), new Running(record, scope.bind(), System.nanoTime()));
    }

    /** Unbinds the test's scope and keeps its result when it made a rubric check. */
    void finished(TestIdentifier id, TestExecutionResult result) {
        Running r = running.remove(id.getUniqueId());
        if (r == null) {
            return;
        }
        r.binding().close();
        if (r.record().assertions().isEmpty() && r.record().verdicts().isEmpty()) {
            return;
        }
        TestEnding ending = TestEnding.of(result);
        TestResult t = new TestResult(id.getUniqueId(), parentTestId(id), className(id), methodName(id),
                id.getDisplayName(), id.getTags().stream().map(TestTag::getName).sorted().toList(), ending.outcome(),
                ending.message(), (System.nanoTime() - r.startNanos()) / 1_000_000, r.record().assertions(),
                r.record().verdicts(), null, ending.abort());
        synchronized (results) {
            results.add(t);
        }
    }

    /** Writes the results file (when a test made a rubric check), prints the summary, releases the judge. */
    void finish() {
        try {
            progress.close();
            List<TestResult> tests;
            synchronized (results) {
                tests = List.copyOf(results);
            }
            if (!tests.isEmpty()) {
                RunResults run = RunResults.of(judge.record().orElse(null), startedAt, Instant.now(), tests);
                Path file = ResultsFiles.write(settings.reportDir(), run);
                if (settings.summary()) {
                    System.out.print(SummaryTable.render(tests));
                    System.out.println("rubric results of tests outside the rubric engine: " + file.toAbsolutePath());
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "the rubric results of Jupiter tests could not be written: " + e.getMessage(), e);
        } finally {
            testsRunning.close();
            judge.close();
        }
    }

    private static boolean ranByTheRubricEngine(UniqueId id) {
        return id.getSegments().stream().anyMatch(s -> s.getType().equals("engine")
                && s.getValue().equals(Constants.ENGINE_ID));
    }

    /** The containing test of an invocation (a parameterized or repeated test, a test factory), else null. */
    private String parentTestId(TestIdentifier id) {
        return plan.getParent(id).filter(p -> p.getSource().filter(MethodSource.class::isInstance).isPresent())
                .map(TestIdentifier::getUniqueId).orElse(null);
    }

    private String className(TestIdentifier id) {
        Optional<TestSource> source = id.getSource();
        if (source.isPresent() && source.get() instanceof MethodSource m) {
            return m.getClassName();
        }
        for (Optional<TestIdentifier> p = Optional.of(id); p.isPresent(); p = plan.getParent(p.get())) {
            if (p.get().getSource().isPresent() && p.get().getSource().get() instanceof ClassSource c) {
                return c.getClassName();
            }
        }
        return id.getUniqueIdObject().getEngineId().orElse("unknown engine");
    }

    private static String methodName(TestIdentifier id) {
        return id.getSource().filter(MethodSource.class::isInstance).map(s -> ((MethodSource) s).getMethodName())
                .orElse(id.getLegacyReportingName());
    }

    private String name(TestIdentifier id) {
        String simple = className(id).substring(className(id).lastIndexOf('.') + 1);
        return simple + "." + methodName(id) + " (" + id.getDisplayName() + ")";
    }
}
