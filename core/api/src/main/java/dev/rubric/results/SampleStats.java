package dev.rubric.results;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A sampled test ({@code @RubricTest(samples = N, minPassRate = p)}).
 *
 * @param planned      N
 * @param run          samples actually run (fewer when the outcome was settled early)
 * @param passed       samples that passed
 * @param minPassRate  p
 * @param passRate     passed / run
 * @param wilsonLow    lower end of the 95% Wilson interval of the pass rate
 * @param wilsonHigh   upper end of that interval
 * @param stoppedEarly true when the remaining samples could not change the outcome
 */
@API(status = INTERNAL, since = "0.1")
public record SampleStats(int planned, int run, int passed, double minPassRate, double passRate,
                          double wilsonLow, double wilsonHigh, boolean stoppedEarly) {
}
