package dev.rubric.core;

import org.apiguardian.api.API;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The better of two responses, in the order they were given to the judge.
 *
 * @param winner       A or B
 * @param feedback     the judge's feedback
 * @param probabilityA the judge's probability of "A" at the result position (1 - that is B's), or {@code null}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record PairwiseVerdict(Winner winner, String feedback, Double probabilityA, boolean forced,
                              JudgeFingerprint fingerprint, Duration latency, boolean cached) implements Verdict {

    public PairwiseVerdict {
        Objects.requireNonNull(winner, "winner");
        Objects.requireNonNull(feedback, "feedback");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(latency, "latency");
        if (probabilityA != null && (probabilityA < 0 || probabilityA > 1 || probabilityA.isNaN())) {
            throw new IllegalArgumentException("probability of A must be within 0..1, got " + probabilityA);
        }
    }

    public Optional<Double> probabilityOfA() {
        return Optional.ofNullable(probabilityA);
    }

    @Override
    public PairwiseVerdict asCached() {
        return new PairwiseVerdict(winner, feedback, probabilityA, forced, fingerprint, latency, true);
    }
}
