package dev.rubric.judge;

import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.PairwiseVerdict;
import dev.rubric.core.Rubric;
import dev.rubric.core.Verdict;
import dev.rubric.core.Winner;
import org.apiguardian.api.API;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Combines the verdicts of {@code rubric.judge.samples} = k judge samples of one grading into one verdict.
 * Backends call this after asking k times with k seeds (sample 0 with the configured seed, sample i with seed + i).
 * The Prometheus paper samples k times too; the score here is the lower median of the k scores, not their mean, so
 * that a verdict's score is always one the judge gave, and every sampled score stays in the verdict for the mean and
 * the spread.
 */
@API(status = INTERNAL, since = "0.1")
public final class SampledVerdicts {

    private SampledVerdicts() {
    }

    /**
     * Score: the lower median of the sampled scores (the middle one for odd k, the lower of the two middle ones for
     * even k: 3 and 4 give 3); every score is kept in {@link AbsoluteVerdict#sampleScores()} for the mean and the
     * spread. Feedback: the first sample (in seed order) that gave the median score. Probabilities: the mean over
     * samples, when every sample has them; their mass: the least of the samples' masses. Forced: any sample forced.
     * Latency: the longest.
     */
    public static AbsoluteVerdict combineAbsolute(List<AbsoluteVerdict> samples) {
        requireSome(samples);
        if (samples.size() == 1) {
            return samples.get(0);
        }
        List<Integer> scores = samples.stream().map(AbsoluteVerdict::score).toList();
        List<Integer> sorted = new ArrayList<>(scores);
        sorted.sort(null);
        int median = sorted.get((sorted.size() - 1) / 2);
        AbsoluteVerdict chosen = samples.stream().filter(v -> v.score() == median).findFirst().orElseThrow();
        List<Double> probabilities = null;
        Double mass = null;
        if (samples.stream().allMatch(v -> v.probabilities() != null)) {
            double[] sum = new double[Rubric.LEVELS];
            for (AbsoluteVerdict v : samples) {
                for (int i = 0; i < Rubric.LEVELS; i++) {
                    sum[i] += v.probabilities().get(i) / samples.size();
                }
            }
            probabilities = java.util.Arrays.stream(sum).boxed().toList();
            mass = leastMass(samples);
        }
        boolean forced = samples.stream().anyMatch(AbsoluteVerdict::forced);
        return new AbsoluteVerdict(median, chosen.feedback(), probabilities, mass, scores, forced,
                chosen.fingerprint(), longest(samples.stream().map(AbsoluteVerdict::latency).toList()), false);
    }

    /**
     * Winner: the majority; an even split (2 of 4 for A) goes to sample 0's winner, the sample asked with the
     * configured seed (a fixed rule: it never depends on which sample's answer came first). Feedback: the first sample
     * with that winner. P(A): the mean, when every sample has it; its mass: the least of the samples' masses.
     */
    public static PairwiseVerdict combinePairwise(List<PairwiseVerdict> samples) {
        requireSome(samples);
        if (samples.size() == 1) {
            return samples.get(0);
        }
        long a = samples.stream().filter(v -> v.winner() == Winner.A).count();
        long b = samples.size() - a;
        Winner winner = a == b ? samples.get(0).winner() : (a > b ? Winner.A : Winner.B);
        PairwiseVerdict chosen = samples.stream().filter(v -> v.winner() == winner).findFirst().orElseThrow();
        boolean allHave = samples.stream().allMatch(v -> v.probabilityA() != null);
        Double pA = allHave ? samples.stream().mapToDouble(PairwiseVerdict::probabilityA).average().orElseThrow() : null;
        boolean forced = samples.stream().anyMatch(PairwiseVerdict::forced);
        return new PairwiseVerdict(winner, chosen.feedback(), pA, allHave ? leastMass(samples) : null, forced,
                chosen.fingerprint(), longest(samples.stream().map(PairwiseVerdict::latency).toList()), false);
    }

    private static double leastMass(List<? extends Verdict> samples) {
        return samples.stream().mapToDouble(Verdict::probabilityMass).min().orElseThrow();
    }

    private static Duration longest(List<Duration> latencies) {
        return latencies.stream().max(Comparator.naturalOrder()).orElse(Duration.ZERO);
    }

    private static void requireSome(List<?> samples) {
        if (samples == null || samples.isEmpty()) {
            throw new IllegalArgumentException("no judge samples to combine");
        }
    }
}
