package dev.rubric.stats;

import org.apiguardian.api.API;

import java.util.Optional;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A statistic measured on {@code n} records, or the reason it cannot be: a correlation of scores that never vary has
 * no value, and a table must say so rather than print NaN. Measured values may still lack an interval (too few
 * records for the {@link Bootstrap} to bound them).
 */
@API(status = INTERNAL, since = "0.1")
public sealed interface Estimate permits Estimate.Measured, Estimate.Undefined {

    /** The records the statistic was computed on. */
    int n();

    /**
     * @param value    the statistic on all {@code n} records, finite
     * @param interval its bootstrap 95% percentile interval, empty when the bootstrap could not bound it (the reason
     *                 is {@code noIntervalReason})
     * @param n        the records
     * @param noIntervalReason why there is no interval, empty when there is one
     */
    record Measured(double value, Optional<Interval> interval, int n, String noIntervalReason) implements Estimate {
        public Measured {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("a measured statistic is a finite number, got " + value);
            }
            if (interval.isEmpty() == noIntervalReason.isEmpty()) {
                throw new IllegalArgumentException("a measured statistic has an interval or a reason it has none");
            }
        }
    }

    /**
     * @param n      the records
     * @param reason why the statistic has no value on them ("the human scores are all 4")
     */
    record Undefined(int n, String reason) implements Estimate {
        public Undefined {
            if (reason.isBlank()) {
                throw new IllegalArgumentException("an undefined statistic says why");
            }
        }
    }
}
