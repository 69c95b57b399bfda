package dev.rubric.stats;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The 95% Wilson score interval of a pass rate. Unlike the normal approximation (p ± 1.96·se) it stays within 0..1
 * and is honest for the small counts of sampled tests and for rates near 0 or 1. The engine reports it for each
 * sampled test (over its samples); the Maven plugin for each rubric, class, tag and for the whole suite (over tests,
 * each passed or failed by its own verdict). It is an interval for a binomial proportion: whole successes out of
 * independent trials, never a sum of fractions.
 *
 * <p>With no trials ({@code n = 0}) nothing is known, and the interval is all of [0, 1]: the limit of the interval as
 * {@code n} goes to 0 (its centre tends to 1/2 and its half-width to 1/2). Callers that show "no decided tests"
 * instead ask {@link #isUninformative()}.
 *
 * @param low  lower end, in [0, 1]
 * @param high upper end, in [low, 1]
 */
@API(status = INTERNAL, since = "0.1")
public record WilsonInterval(double low, double high) {

    /** The 97.5% quantile of the standard normal distribution: a two-sided 95% interval. */
    public static final double Z95 = 1.959963984540054;

    /** The interval of no trials: every pass rate is possible. */
    public static final WilsonInterval NONE = new WilsonInterval(0, 1);

    public WilsonInterval {
        if (!(low >= 0 && low <= high && high <= 1)) {
            throw new IllegalArgumentException("a Wilson interval lies within [0, 1] with low <= high, got [" + low
                    + ", " + high + "]");
        }
    }

    /**
     * The 95% interval of {@code successes} out of {@code trials}.
     *
     * @throws IllegalArgumentException when trials is negative or successes lies outside [0, trials]
     */
    public static WilsonInterval of(int successes, int trials) {
        if (trials < 0) {
            throw new IllegalArgumentException("a Wilson interval needs 0 or more trials, got " + trials);
        }
        if (successes < 0 || successes > trials) {
            throw new IllegalArgumentException("successes must lie in [0, " + trials + "], got " + successes);
        }
        if (trials == 0) {
            return NONE;
        }
        double n = trials;
        double p = successes / n;
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        return new WilsonInterval(Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /** True for the interval of no trials, [0, 1]: it says nothing about the rate. */
    public boolean isUninformative() {
        return low == 0 && high == 1;
    }
}
