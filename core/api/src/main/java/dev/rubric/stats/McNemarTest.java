package dev.rubric.stats;

import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The exact McNemar test of paired pass/fail outcomes: of the pairs that changed, did more go down (passed, then
 * failed) than up (failed, then passed) than chance explains? Pairs that did not change say nothing about the
 * direction and are left out. Under no change each changed pair goes either way with probability 1/2, so the pairs
 * that went down among {@code n = down + up} follow Binomial(n, 1/2): the exact conditional test (McNemar 1947; the
 * binomial form, as R's {@code binom.test(down, n)} and scipy's {@code binomtest(down, n)} compute it). The two-sided
 * p-value is twice the smaller tail, at most 1 (the distribution is symmetric).
 *
 * <p>Example: 1 pair went down and 7 went up: P(X &lt;= 1) = (1 + 8) / 256, so the two-sided p is 18/256 = 0.0703.
 */
@API(status = INTERNAL, since = "0.1")
public final class McNemarTest {

    public static final String METHOD = "exact McNemar";

    private McNemarTest() {
    }

    /**
     * @param down pairs that passed before and fail after (the statistic)
     * @param up   pairs that failed before and pass after
     * @return {@code pLess}: the chance that at least {@code down} of the changed pairs go down by chance (small when
     *         the after outcomes are worse beyond noise); {@code pGreater} the other way
     */
    public static Significance exact(int down, int up) {
        if (down < 0 || up < 0) {
            throw new IllegalArgumentException("pair counts are 0 or more, got " + down + " down and " + up + " up");
        }
        int n = down + up;
        if (n == 0) {
            return Significance.none(METHOD);
        }
        BinomialDistribution changed = BinomialDistribution.of(n, 0.5);
        // P(X >= down) and P(X <= down)
        double atLeast = down == 0 ? 1 : changed.survivalProbability(down - 1);
        double atMost = changed.cumulativeProbability(down);
        return Significance.of(METHOD, down, n, atLeast, atMost, true);
    }
}
