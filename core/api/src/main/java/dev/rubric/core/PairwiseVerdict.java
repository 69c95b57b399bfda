package dev.rubric.core;

import org.apiguardian.api.API;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The better of two responses, in the order they were given to the judge.
 *
 * @param winner          A or B
 * @param feedback        the judge's feedback
 * @param probabilityA    the judge's probability of "A" at the result position (1 - that is B's), normalised over A
 *                        and B, or {@code null}
 * @param probabilityMass how much of the judge's probability at the result position A and B held before they were
 *                        normalised, within (0, 1]; {@code null} exactly when {@code probabilityA} is (see
 *                        {@link AbsoluteVerdict#probabilityMass()})
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record PairwiseVerdict(Winner winner, String feedback, Double probabilityA, Double probabilityMass,
                              boolean forced, JudgeFingerprint fingerprint, Duration latency, boolean cached)
        implements Verdict {

    public PairwiseVerdict {
        Objects.requireNonNull(winner, "winner");
        Objects.requireNonNull(feedback, "feedback");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(latency, "latency");
        if (probabilityA != null && (probabilityA < 0 || probabilityA > 1 || probabilityA.isNaN())) {
            throw new IllegalArgumentException("probability of A must be within 0..1, got " + probabilityA);
        }
        probabilityMass = ProbabilityMass.checked(probabilityA != null, probabilityMass);
    }

    /** A verdict whose probability of A, when given, comes from the judge's whole distribution over A and B (mass 1). */
    public PairwiseVerdict(Winner winner, String feedback, Double probabilityA, boolean forced,
                           JudgeFingerprint fingerprint, Duration latency, boolean cached) {
        this(winner, feedback, probabilityA, null, forced, fingerprint, latency, cached);
    }

    public Optional<Double> probabilityOfA() {
        return Optional.ofNullable(probabilityA);
    }

    @Override
    public PairwiseVerdict asCached() {
        return new PairwiseVerdict(winner, feedback, probabilityA, probabilityMass, forced, fingerprint, latency, true);
    }
}
