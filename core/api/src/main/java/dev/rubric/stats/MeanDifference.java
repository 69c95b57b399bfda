package dev.rubric.stats;

import org.apache.commons.statistics.distribution.TDistribution;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The mean of paired differences (after - before) with its 95% confidence interval from Student's t distribution:
 * mean ± t(0.975, n - 1) · s / sqrt(n), with s the sample standard deviation of the differences. It is the size of a
 * change (how many points the mean score moved), next to the Wilcoxon test, which says whether the change is beyond
 * noise. With fewer than two pairs there is no interval (its ends are NaN); with differences that are all equal the
 * interval is that single value.
 *
 * @param mean the mean difference, NaN for no pairs
 * @param low  the lower end of the 95% interval, or NaN
 * @param high the upper end of the 95% interval, or NaN
 * @param n    the pairs
 */
@API(status = INTERNAL, since = "0.1")
public record MeanDifference(double mean, double low, double high, int n) {

    public static MeanDifference of(double[] differences) {
        int n = differences.length;
        if (n == 0) {
            return new MeanDifference(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double mean = 0;
        for (double d : differences) {
            mean += d;
        }
        mean /= n;
        if (n < 2) {
            return new MeanDifference(mean, Double.NaN, Double.NaN, n);
        }
        double squares = 0;
        for (double d : differences) {
            squares += (d - mean) * (d - mean);
        }
        double standardError = Math.sqrt(squares / (n - 1)) / Math.sqrt(n);
        double t = TDistribution.of(n - 1).inverseSurvivalProbability(0.025);
        return new MeanDifference(mean, mean - t * standardError, mean + t * standardError, n);
    }

    /** Whether the interval exists (two pairs or more). */
    public boolean hasInterval() {
        return !Double.isNaN(low);
    }
}
