package dev.rubric.maven.gate;

import dev.rubric.results.Outcome;
import dev.rubric.stats.WilsonInterval;

import java.util.List;

/**
 * The numbers of one scope.
 *
 * <p>Pass rate = passes / (passed + failed tests). Aborted tests (no verdict could be had) are left out of the
 * denominator: they say nothing about the quality of the answers, and {@code maxAborted} (default 0) fails the build
 * on them instead. Skipped tests are left out too. A sampled test adds its own pass rate to the passes (4 of 5
 * samples: 0.8) and 1 to the denominator.
 *
 * <p>Mean score = the mean over tests of each test's mean absolute score, so a test with 5 samples weighs as
 * much as a test with one verdict.
 *
 * @param scope       what was counted
 * @param tests       tests in scope, any outcome
 * @param passed      passed tests
 * @param failed      failed tests
 * @param aborted     aborted tests
 * @param skipped     skipped tests
 * @param passes      the passes a pass rate counts (sampled tests add a fraction)
 * @param passRate    passes / (passed + failed), or NaN when no test was decided
 * @param meanScore   mean absolute score, or NaN when no test in scope has one
 * @param scoredTests tests with at least one absolute score
 * @param interval    the 95% Wilson interval of the pass rate ([0, 1] when no test was decided)
 */
public record ScopeStats(Scope scope, int tests, int passed, int failed, int aborted, int skipped, double passes,
                         double passRate, double meanScore, int scoredTests, WilsonInterval interval) {

    public static ScopeStats of(Scope scope, List<ScopedTest> selected) {
        int passed = 0;
        int failed = 0;
        int aborted = 0;
        int skipped = 0;
        double passes = 0;
        double scoreSum = 0;
        int scored = 0;
        for (ScopedTest t : selected) {
            switch (t.outcome()) {
                case PASSED -> passed++;
                case FAILED -> failed++;
                case ABORTED -> aborted++;
                case SKIPPED -> skipped++;
            }
            if (t.decided()) {
                passes += t.passWeight();
                double mean = t.meanScore();
                if (!Double.isNaN(mean)) {
                    scoreSum += mean;
                    scored++;
                }
            }
        }
        int decided = passed + failed;
        double rate = decided == 0 ? Double.NaN : passes / decided;
        return new ScopeStats(scope, selected.size(), passed, failed, aborted, skipped, passes, rate,
                scored == 0 ? Double.NaN : scoreSum / scored, scored, WilsonInterval.of(passes, decided));
    }

    public int decided() {
        return passed + failed;
    }

    /** The count of one outcome. */
    public int count(Outcome outcome) {
        return switch (outcome) {
            case PASSED -> passed;
            case FAILED -> failed;
            case ABORTED -> aborted;
            case SKIPPED -> skipped;
        };
    }
}
