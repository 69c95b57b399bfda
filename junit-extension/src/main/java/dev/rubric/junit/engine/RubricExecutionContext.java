package dev.rubric.junit.engine;

import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

/**
 * What a node sees while it runs: the run's shared state, the test class's instance (below a class node) and the
 * sample tally (below a sampled method).
 */
public record RubricExecutionContext(RunState run, Object testInstance, SampleTally tally)
        implements EngineExecutionContext {

    RubricExecutionContext withInstance(Object instance) {
        return new RubricExecutionContext(run, instance, tally);
    }

    RubricExecutionContext withTally(SampleTally newTally) {
        return new RubricExecutionContext(run, testInstance, newTally);
    }
}
