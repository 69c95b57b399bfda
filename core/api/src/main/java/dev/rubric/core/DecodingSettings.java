package dev.rubric.core;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * How the judge generates its feedback. The default is greedy and reproducible.
 *
 * @param maxTokens         the feedback's token budget
 * @param temperature       0 means greedy
 * @param topP              nucleus sampling mass (1 = off)
 * @param repetitionPenalty 1 = off
 * @param seed              the sampling seed (also sent to servers, so their sampling repeats)
 * @param samples           how many times each grading is asked, with seeds {@code seed .. seed + k - 1}; for k &gt; 1
 *                          the verdict's score is the lower median of the k scores, and every score (for the mean
 *                          and the spread) is kept; pairwise, the majority, an even split going to sample 0's winner
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record DecodingSettings(int maxTokens, double temperature, double topP, double repetitionPenalty,
                               long seed, int samples) {

    public static final DecodingSettings GREEDY = new DecodingSettings(1024, 0.0, 1.0, 1.0, 42L, 1);

    /** The Prometheus paper's method: 3 samples at temperature 1.0, top-p 0.9, repetition penalty 1.03. */
    public static final DecodingSettings PAPER = new DecodingSettings(1024, 1.0, 0.9, 1.03, 42L, 3);

    public DecodingSettings {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, got " + maxTokens);
        }
        if (temperature < 0 || Double.isNaN(temperature)) {
            throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top-p must be in (0, 1], got " + topP);
        }
        if (!(repetitionPenalty > 0)) {
            throw new IllegalArgumentException("repetition penalty must be > 0, got " + repetitionPenalty);
        }
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be at least 1, got " + samples);
        }
    }

    public boolean greedy() {
        return temperature == 0.0;
    }

    public DecodingSettings withMaxTokens(int tokens) {
        return new DecodingSettings(tokens, temperature, topP, repetitionPenalty, seed, samples);
    }
}
