package dev.rubric.stats;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A 95% interval of a statistic that is not a proportion (a correlation, a kappa, an agreement rate from the
 * bootstrap): two finite ends, low &lt;= high. Proportions of independent trials have their own {@link WilsonInterval}.
 *
 * @param low  the lower end
 * @param high the upper end
 */
@API(status = INTERNAL, since = "0.1")
public record Interval(double low, double high) {

    public Interval {
        if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
            throw new IllegalArgumentException("an interval has finite ends with low <= high, got [" + low + ", "
                    + high + "]");
        }
    }
}
