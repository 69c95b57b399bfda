package dev.rubric.core;

import org.apiguardian.api.API;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * A score from 1 to 5.
 *
 * @param score           the score the judge gave (with several judge samples: their lower median, the middle score
 *                        for an odd number of samples and the lower of the two middle ones for an even number)
 * @param feedback        the judge's feedback
 * @param probabilities   the judge's probabilities of scores 1..5 at the score position (index 0 is score 1),
 *                        normalised to sum to 1, or {@code null} when the judge does not expose them; a judge gives
 *                        them only where they are real (see {@link #probabilityMass})
 * @param probabilityMass how much of the judge's probability at the score position the scores in
 *                        {@link #probabilities} held before they were normalised, within (0, 1]; {@code null} exactly
 *                        when there are no probabilities. The local judge allows only score tokens there, so its
 *                        probabilities are the exact distribution over them and this is 1; a server reports its top
 *                        few tokens only, and this is what the scores among them held (0.97: the other 3 % went to
 *                        tokens it did not report, or to tokens that are no score)
 * @param sampleScores    with {@code rubric.judge.samples} &gt; 1, every sampled score; otherwise just {@code score}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record AbsoluteVerdict(int score, String feedback, List<Double> probabilities, Double probabilityMass,
                              List<Integer> sampleScores, boolean forced, JudgeFingerprint fingerprint,
                              Duration latency, boolean cached)
        implements Verdict {

    public AbsoluteVerdict {
        if (score < 1 || score > Rubric.LEVELS) {
            throw new IllegalArgumentException("an absolute verdict's score must be 1..5, got " + score);
        }
        Objects.requireNonNull(feedback, "feedback");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(latency, "latency");
        if (probabilities != null) {
            if (probabilities.size() != Rubric.LEVELS) {
                throw new IllegalArgumentException("score probabilities need 5 entries, got " + probabilities.size());
            }
            double sum = 0;
            for (Double p : probabilities) {
                if (p == null || !(p >= 0 && p <= 1)) {
                    throw new IllegalArgumentException("score probabilities must each be within 0..1, got "
                            + probabilities);
                }
                sum += p;
            }
            if (Math.abs(sum - 1) > 1e-3) {
                throw new IllegalArgumentException("score probabilities must sum to 1 (normalise them), got "
                        + probabilities + " summing to " + sum);
            }
            probabilities = List.copyOf(probabilities);
        }
        probabilityMass = ProbabilityMass.checked(probabilities != null, probabilityMass);
        sampleScores = sampleScores == null || sampleScores.isEmpty() ? List.of(score) : List.copyOf(sampleScores);
        for (int s : sampleScores) {
            if (s < 1 || s > Rubric.LEVELS) {
                throw new IllegalArgumentException("sampled scores must be 1..5, got " + sampleScores);
            }
        }
    }

    /**
     * A verdict whose probabilities, when given, are the judge's whole distribution over the scores (mass 1), as a
     * judge that allows only score tokens at the score position has them.
     */
    public AbsoluteVerdict(int score, String feedback, List<Double> probabilities, List<Integer> sampleScores,
                           boolean forced, JudgeFingerprint fingerprint, Duration latency, boolean cached) {
        this(score, feedback, probabilities, null, sampleScores, forced, fingerprint, latency, cached);
    }

    /** A single-sample verdict; its probabilities, when given, are the whole distribution over the scores (mass 1). */
    public static AbsoluteVerdict of(int score, String feedback, List<Double> probabilities, boolean forced,
                                     JudgeFingerprint fingerprint, Duration latency) {
        return new AbsoluteVerdict(score, feedback, probabilities, null, null, forced, fingerprint, latency, false);
    }

    /**
     * A single-sample verdict whose probabilities held {@code probabilityMass} of the judge's probability at the score
     * position before they were normalised (both {@code null}, or both given).
     */
    public static AbsoluteVerdict of(int score, String feedback, List<Double> probabilities, Double probabilityMass,
                                     boolean forced, JudgeFingerprint fingerprint, Duration latency) {
        return new AbsoluteVerdict(score, feedback, probabilities, probabilityMass, null, forced, fingerprint, latency,
                false);
    }

    /** The probability-weighted mean score, when the judge exposed its probabilities. */
    public Optional<Double> expectedScore() {
        if (probabilities == null) {
            return Optional.empty();
        }
        double e = 0;
        for (int i = 0; i < probabilities.size(); i++) {
            e += (i + 1) * probabilities.get(i);
        }
        return Optional.of(e);
    }

    /** The mean of the sampled scores (equals {@link #score()} with one sample). */
    public double meanSampledScore() {
        return sampleScores.stream().mapToInt(Integer::intValue).average().orElse(score);
    }

    /** The population standard deviation of the sampled scores (0 with one sample). */
    public double sampledScoreSpread() {
        double mean = meanSampledScore();
        return Math.sqrt(sampleScores.stream().mapToDouble(s -> (s - mean) * (s - mean)).average().orElse(0));
    }

    @Override
    public AbsoluteVerdict asCached() {
        return new AbsoluteVerdict(score, feedback, probabilities, probabilityMass, sampleScores, forced, fingerprint,
                latency, true);
    }
}
