package dev.rubric.junit.engine;

import org.junit.platform.engine.EngineExecutionListener;

import java.time.Instant;

/**
 * What every node of one engine run shares: the judge (built lazily), the progress line, the results being gathered,
 * the listener for report entries, and the settings.
 */
public record RunState(SharedJudge judge, ProgressReporter progress, ResultsCollector results,
                       EngineExecutionListener listener, EngineSettings settings, Instant startedAt) {
}
