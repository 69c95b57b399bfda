package dev.rubric.judge.local;

import dev.rubric.core.DecodingSettings;

import java.util.Arrays;
import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * Picks the next token from a row of logits with Hugging Face {@code generate} semantics, in its order: the
 * repetition penalty (over every token already in the prompt or the output: positive logits divided by the penalty,
 * negative ones multiplied), then, when sampling, the temperature and top-p (tokens whose ascending cumulative
 * probability is at most 1 - top-p are dropped, the most likely one always kept), then a draw from the per-sequence
 * random source. Greedy (temperature 0) takes the first highest logit after the penalty, like {@code argmax}.
 */
final class TokenSampler {

    private final DecodingSettings settings;

    TokenSampler(DecodingSettings settings) {
        this.settings = settings;
    }

    /** The next token over the whole vocabulary (the row). */
    int next(float[] logits, BitSet seen, SplittableRandom random) {
        float[] scores = settings.repetitionPenalty() == 1.0 ? logits
                : penalise(logits, seen, settings.repetitionPenalty());
        if (settings.greedy()) {
            return argmax(scores);
        }
        double[] scaled = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            scaled[i] = scores[i] / settings.temperature();
        }
        double[] probabilities = softmax(scaled);
        return sample(probabilities, topPKeep(probabilities, settings.topP()), random);
    }

    /** The index (into {@code allowed}) of the token chosen when only {@code allowed} may come next. */
    int chooseAmong(float[] logits, int[] allowed, BitSet seen, SplittableRandom random) {
        double[] scores = new double[allowed.length];
        for (int j = 0; j < allowed.length; j++) {
            double s = logits[allowed[j]];
            if (settings.repetitionPenalty() != 1.0 && seen.get(allowed[j])) {
                s = s > 0 ? s / settings.repetitionPenalty() : s * settings.repetitionPenalty();
            }
            scores[j] = settings.greedy() ? s : s / settings.temperature();
        }
        if (settings.greedy()) {
            return argmax(scores);
        }
        double[] probabilities = softmax(scores);
        return sample(probabilities, topPKeep(probabilities, settings.topP()), random);
    }

    /** The model's own probabilities of the allowed tokens: the softmax of their raw logits, renormalised over them. */
    static double[] allowedProbabilities(float[] logits, int[] allowed) {
        double[] scores = new double[allowed.length];
        for (int j = 0; j < allowed.length; j++) {
            scores[j] = logits[allowed[j]];
        }
        return softmax(scores);
    }

    /** A copy with the repetition penalty applied to every token in {@code seen} (Hugging Face semantics). */
    static float[] penalise(float[] logits, BitSet seen, double penalty) {
        float[] out = logits.clone();
        for (int id = seen.nextSetBit(0); id >= 0 && id < out.length; id = seen.nextSetBit(id + 1)) {
            out[id] = (float) (out[id] > 0 ? out[id] / penalty : out[id] * penalty);
        }
        return out;
    }

    /** Softmax in double precision. */
    static double[] softmax(double[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            if (Double.isNaN(s)) {
                throw new IllegalStateException("the model's logits contain NaN: the weights or the computation"
                        + " are broken (float16 overflow on this device?)");
            }
            max = Math.max(max, s);
        }
        if (max == Double.NEGATIVE_INFINITY || max == Double.POSITIVE_INFINITY) {
            throw new IllegalStateException("the model's logits are all -infinity or contain +infinity (max " + max
                    + "): no token can be chosen");
        }
        double[] p = new double[scores.length];
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            p[i] = Math.exp(scores[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /**
     * Which tokens top-p keeps, as Hugging Face's {@code TopPLogitsWarper}: sorted by ascending probability, a token
     * is dropped while the cumulative probability up to and including it is at most {@code 1 - topP}; the most likely
     * token always stays. Ties are ordered by token id.
     */
    static boolean[] topPKeep(double[] probabilities, double topP) {
        boolean[] keep = new boolean[probabilities.length];
        Arrays.fill(keep, true);
        if (topP >= 1.0) {
            return keep;
        }
        long[] order = new long[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            // non-negative floats order like their bits; the low half carries the id, inverted so that among equal
            // probabilities the higher id goes first (is dropped first), as argmax prefers the lower id
            order[i] = ((long) Float.floatToIntBits((float) probabilities[i]) << 32) | (Integer.MAX_VALUE - i);
        }
        Arrays.sort(order);
        double cumulative = 0;
        for (int r = 0; r < order.length - 1; r++) {
            int id = Integer.MAX_VALUE - (int) order[r];
            cumulative += probabilities[id];
            if (cumulative > 1.0 - topP) {
                break;
            }
            keep[id] = false;
        }
        return keep;
    }

    /** A draw from the kept tokens, renormalised. */
    static int sample(double[] probabilities, boolean[] keep, SplittableRandom random) {
        double mass = 0;
        int last = -1;
        for (int i = 0; i < probabilities.length; i++) {
            if (keep[i] && probabilities[i] > 0) {
                mass += probabilities[i];
                last = i;
            }
        }
        if (last < 0) {
            throw new IllegalStateException("no token has a probability above 0 after top-p");
        }
        double u = random.nextDouble() * mass;
        for (int i = 0; i < probabilities.length; i++) {
            if (keep[i] && probabilities[i] > 0) {
                u -= probabilities[i];
                if (u < 0) {
                    return i;
                }
            }
        }
        return last;
    }

    /** The first index of the highest value. */
    static int argmax(float[] scores) {
        int best = -1;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < scores.length; i++) {
            float s = scores[i];
            if (Float.isNaN(s)) {
                throw new IllegalStateException("the model's logits contain NaN at token " + i
                        + ": the weights or the computation are broken (float16 overflow on this device?)");
            }
            if (best < 0 || s > max) {
                max = s;
                best = i;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("the model returned an empty row of logits");
        }
        return best;
    }

    static int argmax(double[] scores) {
        int best = -1;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalStateException("the model's logits contain NaN at the verdict position");
            }
            if (best < 0 || scores[i] > max) {
                max = scores[i];
                best = i;
            }
        }
        return best;
    }
}
