package dev.rubric.junit.engine;

import dev.rubric.junit.Constants;
import org.apiguardian.api.API;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.ForkJoinPoolHierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.SameThreadHierarchicalTestExecutorService;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The {@code rubric} JUnit Platform engine: discovers {@code @RubricTest} methods in classes written as for Jupiter
 * (lifecycle methods, {@code @Nested}, {@code @Tag}, conditions, Spring's test context) and runs them in parallel
 * ({@code rubric.execution.parallelism}) against one judge per run. It runs on JUnit Platform 1.10 (JUnit 5.10) and
 * every later one, 6.x included ({@link PlatformFeatures}).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class RubricTestEngine extends HierarchicalTestEngine<RubricExecutionContext> {

    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(RubricTestEngine.class.getName());
    private static final AtomicBoolean UNSUPPORTED_SAID = new AtomicBoolean();

    @Override
    public String getId() {
        return Constants.ENGINE_ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("dev.rubric");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("rubric-junit");
    }

    /**
     * Finds the rubric tests. On a JUnit Platform older than the engine supports, it finds none and says why once:
     * the run's other engines (Jupiter's tests) still run.
     */
    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        RubricEngineDescriptor engine = new RubricEngineDescriptor(uniqueId);
        Optional<String> unsupported = PlatformFeatures.unsupportedReason();
        if (unsupported.isPresent()) {
            if (UNSUPPORTED_SAID.compareAndSet(false, true)) {
                LOG.severe(unsupported.get());
            }
            return engine;
        }
        RubricMethods[] rules = new RubricMethods[1];
        Function<EngineDiscoveryRequestResolver.InitializationContext<RubricEngineDescriptor>, RubricMethods> rulesOf =
                ctx -> {
                    if (rules[0] == null) { // one set of rules per discovery, so that an issue is reported once
                        rules[0] = new RubricMethods(DiscoveryIssues.of(ctx), request.getConfigurationParameters());
                    }
                    return rules[0];
                };
        EngineDiscoveryRequestResolver.<RubricEngineDescriptor>builder()
                .addClassContainerSelectorResolver(RubricMethods::isTestClass)
                .addSelectorResolver(ctx -> new ClassSelectorResolver(ctx.getClassNameFilter(), rulesOf.apply(ctx)))
                .addSelectorResolver(ctx -> new MethodSelectorResolver(rulesOf.apply(ctx)))
                .build()
                .resolve(request, engine);
        prune(engine);
        return engine;
    }

    /** Keeps only the selected samples or cases, and drops classes (nested ones too) left without tests. */
    private static void prune(TestDescriptor node) {
        for (TestDescriptor child : List.copyOf(node.getChildren())) {
            if (child instanceof MethodDescriptor method) {
                method.pruneUnselectedChildren();
            } else if (child instanceof ClassDescriptor) {
                prune(child);
                if (child.getChildren().isEmpty()) {
                    node.removeChild(child);
                }
            }
        }
    }

    @Override
    protected HierarchicalTestExecutorService createExecutorService(ExecutionRequest request) {
        EngineSettings settings = EngineSettings.from(request.getConfigurationParameters(), System.getenv());
        if (settings.parallelism() <= 1) {
            return new SameThreadHierarchicalTestExecutorService();
        }
        return PlatformFeatures.WORKER_THREAD_POOL ? WorkerThreadPool.create(settings.parallelism())
                : new ForkJoinPoolHierarchicalTestExecutorService(new FixedParallelism(settings.parallelism()));
    }

    @Override
    protected RubricExecutionContext createExecutionContext(ExecutionRequest request) {
        var parameters = request.getConfigurationParameters();
        EngineSettings settings = EngineSettings.from(parameters, System.getenv());
        SharedJudge judge = new SharedJudge(() -> dev.rubric.judge.JudgeConfig.from(parameters::get, parameters.keySet(),
                System.getenv()), JudgeRegistry.JVM);
        ProgressReporter progress = settings.progress()
                ? ProgressReporter.printingTo(System.out, PROGRESS_INTERVAL) : ProgressReporter.silent();
        RunState run = new RunState(judge, progress, new ResultsCollector(), request.getEngineExecutionListener(),
                settings, parameters, new Timeouts(parameters), Instant.now());
        return new RubricExecutionContext(run, null, null);
    }
}
