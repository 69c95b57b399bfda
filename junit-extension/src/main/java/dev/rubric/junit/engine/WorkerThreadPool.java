package dev.rubric.junit.engine;

import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.ParallelHierarchicalTestExecutorServiceFactory;
import org.junit.platform.engine.support.hierarchical.ParallelHierarchicalTestExecutorServiceFactory.ParallelExecutorServiceType;

/**
 * Platform 6.1's worker-thread executor: tests block while the judge works, and a plain pool of that many threads
 * keeps exactly that many tests waiting on it (the fork-join pool of older Platforms compensates for blocked threads
 * less predictably). Only loaded when {@link PlatformFeatures#WORKER_THREAD_POOL} says the Platform has it.
 */
final class WorkerThreadPool {

    private WorkerThreadPool() {
    }

    static HierarchicalTestExecutorService create(int parallelism) {
        return ParallelHierarchicalTestExecutorServiceFactory.create(ParallelExecutorServiceType.WORKER_THREAD_POOL,
                new FixedParallelism(parallelism));
    }
}
