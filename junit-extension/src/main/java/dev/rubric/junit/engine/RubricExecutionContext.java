package dev.rubric.junit.engine;

import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

/**
 * What a node sees while it runs: the run's shared state, the test class it is in (below a class node) and the
 * sample tally (below a sampled test).
 */
record RubricExecutionContext(RunState run, ClassScope scope, SampleTally tally) implements EngineExecutionContext {

    RubricExecutionContext withScope(ClassScope newScope) {
        return new RubricExecutionContext(run, newScope, tally);
    }

    RubricExecutionContext withTally(SampleTally newTally) {
        return new RubricExecutionContext(run, scope, newTally);
    }
}
