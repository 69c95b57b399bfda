package dev.rubric.junit.engine;

import dev.rubric.junit.Constants;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.ParallelHierarchicalTestExecutorServiceFactory;
import org.junit.platform.engine.support.hierarchical.ParallelHierarchicalTestExecutorServiceFactory.ParallelExecutorServiceType;
import org.junit.platform.engine.support.hierarchical.SameThreadHierarchicalTestExecutorService;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code rubric} JUnit Platform engine: discovers {@code @RubricTest} methods in plain classes and runs them in
 * parallel ({@code rubric.execution.parallelism}) against one judge per run.
 */
public final class RubricTestEngine extends HierarchicalTestEngine<RubricExecutionContext> {

    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(2);

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

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        RubricEngineDescriptor engine = new RubricEngineDescriptor(uniqueId);
        EngineDiscoveryRequestResolver.<RubricEngineDescriptor>builder()
                .addClassContainerSelectorResolver(RubricMethods::isTestClass)
                .addSelectorResolver(ctx -> new ClassSelectorResolver(ctx.getClassNameFilter(),
                        new RubricMethods(ctx.getIssueReporter())))
                .addSelectorResolver(ctx -> new MethodSelectorResolver(new RubricMethods(ctx.getIssueReporter())))
                .build()
                .resolve(request, engine);
        prune(engine);
        return engine;
    }

    /** Keeps only the selected samples or cases, and drops classes left without tests. */
    private static void prune(TestDescriptor engine) {
        for (TestDescriptor c : List.copyOf(engine.getChildren())) {
            for (TestDescriptor m : List.copyOf(c.getChildren())) {
                if (m instanceof MethodDescriptor method) {
                    method.pruneUnselectedChildren();
                }
            }
            if (c.getChildren().isEmpty()) {
                engine.removeChild(c);
            }
        }
    }

    @Override
    protected HierarchicalTestExecutorService createExecutorService(ExecutionRequest request) {
        EngineSettings settings = EngineSettings.from(request.getConfigurationParameters(), System.getenv());
        if (settings.parallelism() <= 1) {
            return new SameThreadHierarchicalTestExecutorService();
        }
        return ParallelHierarchicalTestExecutorServiceFactory.create(ParallelExecutorServiceType.WORKER_THREAD_POOL,
                new FixedParallelism(settings.parallelism()));
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
                settings, Instant.now());
        return new RubricExecutionContext(run, null, null);
    }
}
