package dev.rubric.junit.engine;

import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.EngineExecutionListener;

import java.time.Instant;

/**
 * What every node of one engine run shares: the judge (built lazily), the progress line, the results being gathered,
 * the listener for report entries, the settings, the configuration (for Jupiter's conditions) and the timeouts.
 */
record RunState(SharedJudge judge, ProgressReporter progress, ResultsCollector results,
                EngineExecutionListener listener, EngineSettings settings, ConfigurationParameters configuration,
                Timeouts timeouts, Instant startedAt) {
}
