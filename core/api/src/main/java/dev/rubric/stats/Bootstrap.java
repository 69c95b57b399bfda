package dev.rubric.stats;

import org.apiguardian.api.API;

import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.Random;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The nonparametric bootstrap's 95% percentile interval of a statistic over records, reproducible: the same records
 * give the same interval on every machine and every run.
 *
 * <ul>
 *   <li>{@value #RESAMPLES} resamples, each of n record indices drawn with replacement by {@link Random#nextInt(int)}
 *       from one {@code java.util.Random} seeded with {@value #SEED} (its generator is specified by the JDK, so the
 *       draws do not change between Java versions);</li>
 *   <li>a resample on which the statistic is undefined (all its human scores the same, say) is left out;</li>
 *   <li>the ends are the 2.5% and 97.5% percentiles of the statistic over the resamples left, interpolated linearly
 *       between order statistics (numpy's default {@code percentile} method): position q·(m - 1) in the m sorted
 *       values;</li>
 *   <li>no interval with fewer than two records, or when more than {@value #MAX_UNDEFINED_PERCENT}% of the resamples
 *       were undefined (the records are too few or too uniform for the bootstrap to say anything).</li>
 * </ul>
 */
@API(status = INTERNAL, since = "0.1")
public final class Bootstrap {

    public static final int RESAMPLES = 2000;
    public static final long SEED = 20240501L;
    public static final int MAX_UNDEFINED_PERCENT = 10;

    /** A statistic of the records with the given indices (an index may repeat); empty where it is undefined. */
    @FunctionalInterface
    public interface Statistic {
        OptionalDouble of(int[] records);
    }

    private Bootstrap() {
    }

    /**
     * The statistic on all {@code n} records with its interval.
     *
     * @param whyUndefined what the estimate says when the statistic is undefined on all records
     */
    public static Estimate estimate(int n, Statistic statistic, String whyUndefined) {
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        OptionalDouble value = statistic.of(all);
        if (value.isEmpty()) {
            return new Estimate.Undefined(n, whyUndefined);
        }
        if (n < 2) {
            return new Estimate.Measured(value.getAsDouble(), java.util.Optional.empty(), n,
                    "one record has no interval");
        }
        Random random = new Random(SEED);
        double[] resampled = new double[RESAMPLES];
        int defined = 0;
        int[] indices = new int[n];
        for (int b = 0; b < RESAMPLES; b++) {
            for (int i = 0; i < n; i++) {
                indices[i] = random.nextInt(n);
            }
            OptionalDouble s = statistic.of(indices);
            if (s.isPresent()) {
                resampled[defined++] = s.getAsDouble();
            }
        }
        int undefined = RESAMPLES - defined;
        if (undefined * 100L > (long) MAX_UNDEFINED_PERCENT * RESAMPLES) {
            return new Estimate.Measured(value.getAsDouble(), java.util.Optional.empty(), n, undefined + " of "
                    + RESAMPLES + " bootstrap resamples had no value (too few or too uniform records)");
        }
        double[] sorted = Arrays.copyOf(resampled, defined);
        Arrays.sort(sorted);
        return new Estimate.Measured(value.getAsDouble(),
                java.util.Optional.of(new Interval(percentile(sorted, 0.025), percentile(sorted, 0.975))), n, "");
    }

    /** The q-quantile of sorted values, linear between order statistics (numpy's default method). */
    static double percentile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
