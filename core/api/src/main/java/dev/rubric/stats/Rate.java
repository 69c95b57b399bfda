package dev.rubric.stats;

import org.apiguardian.api.API;

import java.util.OptionalDouble;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A share of records, {@code successes} of {@code trials}, with its {@link WilsonInterval}: the records are
 * independent trials, so the one interval Rubric uses for proportions applies. No trials: no value.
 */
@API(status = INTERNAL, since = "0.1")
public record Rate(int successes, int trials) {

    public Rate {
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("a rate counts 0 <= successes <= trials, got " + successes + " of "
                    + trials);
        }
    }

    /** The share, empty with no trials. */
    public OptionalDouble value() {
        return trials == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) successes / trials);
    }

    public WilsonInterval interval() {
        return WilsonInterval.of(successes, trials);
    }
}
