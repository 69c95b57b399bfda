package dev.rubric.junit.engine;

import org.junit.platform.engine.support.hierarchical.ParallelExecutionConfiguration;

import java.util.concurrent.ForkJoinPool;
import java.util.function.Predicate;

/** A fixed number of test threads: tests block while the judge works, so every thread is a waiting slot. */
record FixedParallelism(int parallelism) implements ParallelExecutionConfiguration {

    @Override
    public int getParallelism() {
        return parallelism;
    }

    @Override
    public int getMinimumRunnable() {
        return parallelism;
    }

    @Override
    public int getMaxPoolSize() {
        return parallelism + 256;
    }

    @Override
    public int getCorePoolSize() {
        return parallelism;
    }

    @Override
    public int getKeepAliveSeconds() {
        return 30;
    }

    @Override
    public Predicate<? super ForkJoinPool> getSaturatePredicate() {
        return pool -> true;
    }
}
