package dev.rubric.maven.gate;

import dev.rubric.results.Outcome;
import dev.rubric.stats.WilsonInterval;

import java.util.List;

/**
 * The numbers of one scope.
 *
 * <p>Pass rate = passed tests / (passed + failed tests): every test counts once, by its own verdict. A sampled test
 * passed when enough of its samples passed (its {@code minPassRate}), so it adds 1 or 0 like any other test; its
 * samples' pass rate is counted apart ({@link SampleCounts}), and only from sampled tests that ran every sample. So the
 * pass rate is a binomial proportion over tests and its interval a true Wilson interval. Aborted tests (no verdict
 * could be had) are left out of the denominator: they say nothing about the quality of the answers, and
 * {@code maxAborted} (default 0) fails the build on them instead. Skipped tests are left out too.
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
 * @param passRate    passed / (passed + failed), or NaN when no test was decided
 * @param meanScore   mean absolute score, or NaN when no test in scope has one
 * @param scoredTests tests with at least one absolute score
 * @param interval    the 95% Wilson interval of the pass rate ([0, 1] when no test was decided)
 * @param samples     the samples of the sampled tests in scope that ran every sample
 */
public record ScopeStats(Scope scope, int tests, int passed, int failed, int aborted, int skipped, double passRate,
                         double meanScore, int scoredTests, WilsonInterval interval, SampleCounts samples) {

    public static ScopeStats of(Scope scope, List<ScopedTest> selected) {
        int passed = 0;
        int failed = 0;
        int aborted = 0;
        int skipped = 0;
        double scoreSum = 0;
        int scored = 0;
        int sampled = 0;
        int fullRuns = 0;
        int samplesRun = 0;
        int samplesPassed = 0;
        for (ScopedTest t : selected) {
            switch (t.outcome()) {
                case PASSED -> passed++;
                case FAILED -> failed++;
                case ABORTED -> aborted++;
                case SKIPPED -> skipped++;
            }
            if (t.decided()) {
                double mean = t.meanScore();
                if (!Double.isNaN(mean)) {
                    scoreSum += mean;
                    scored++;
                }
                if (t.test().samples() != null) {
                    sampled++;
                    if (t.test().ranEverySample()) {
                        fullRuns++;
                        samplesRun += t.test().samples().run();
                        samplesPassed += t.test().samples().passed();
                    }
                }
            }
        }
        int decided = passed + failed;
        double rate = decided == 0 ? Double.NaN : (double) passed / decided;
        return new ScopeStats(scope, selected.size(), passed, failed, aborted, skipped, rate,
                scored == 0 ? Double.NaN : scoreSum / scored, scored, WilsonInterval.of(passed, decided),
                new SampleCounts(sampled, fullRuns, sampled - fullRuns, samplesRun, samplesPassed));
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
