package dev.rubric.lm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rubric.lm.fixtures.Float64Reference;
import dev.rubric.lm.fixtures.TinyCheckpoints;
import dev.rubric.lm.fixtures.TinyCheckpoints.Spec;
import dev.rubric.lm.fixtures.TinyCheckpoints.Storage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The decoder against a float64 transcription of Hugging Face's Mistral, Mixtral and Qwen2 forward passes: the
 * Mixtral proof where Jlama cannot serve (random experts and router, so the routing weights matter), the second
 * reference for Qwen2 (biases on q/k/v, tied and untied heads, a vocabulary larger than the tokenizer's), and for the
 * Mistral a cross-check of that transcription against what Jlama already confirms.
 */
class Float64ReferenceTest {

    static final int[][] PROMPTS = {
        {1, 3, 62, 102, 64, 3, 23},
        {1, 70, 71, 80, 3, 90, 100, 110, 120, 130, 5, 6, 40, 41, 42, 43, 44, 45, 46, 47},
    };
    static final int STEPS = 6;

    @Test
    void mixtralWithRandomExpertsMatchesTheHuggingFaceDefinition() {
        assertMatches(Spec.tinyMixtral(), Storage.BF16_SHARDED);
    }

    @Test
    void qwen2WithBiasesAndAnUntiedHeadMatchesTheHuggingFaceDefinition() {
        assertMatches(Spec.tinyQwen2(), Storage.BF16_SHARDED);
    }

    @Test
    void qwen2WithTiedEmbeddingsMatchesTheHuggingFaceDefinition() {
        assertMatches(Spec.tinyQwen2Tied(), Storage.F32_SINGLE);
    }

    @Test
    void mistralMatchesTheHuggingFaceDefinition() {
        assertMatches(Spec.tinyMistral(), Storage.F32_SINGLE);
    }

    private static void assertMatches(Spec spec, Storage storage) {
        Float64Reference reference = new Float64Reference(spec);
        double worst = 0;
        try (CausalLm lm = CausalLm.load(TinyCheckpoints.shared(spec, storage))) {
            int longest = Arrays.stream(PROMPTS).mapToInt(p -> p.length).max().orElseThrow();
            try (BatchDecoder decoder = lm.newBatch(PROMPTS.length, longest + STEPS)) {
                float[][] logits = decoder.prefill(PROMPTS);
                int[][] sequences = Arrays.stream(PROMPTS).map(int[]::clone).toArray(int[][]::new);
                for (int s = 0; s <= STEPS; s++) {
                    int[] next = new int[PROMPTS.length];
                    for (int b = 0; b < PROMPTS.length; b++) {
                        double[] expected = reference.probabilities(sequences[b]);
                        double d = Probabilities.maxAbsDifference(Probabilities.softmax(logits[b]), expected);
                        worst = Math.max(worst, d);
                        assertThat(d).as("%s, sequence %d, step %d: max |dp| against the float64 reference",
                                spec.name(), b, s).isLessThanOrEqualTo(1e-4);
                        next[b] = Probabilities.argmax(logits[b]);
                        sequences[b] = Arrays.copyOf(sequences[b], sequences[b].length + 1);
                        sequences[b][sequences[b].length - 1] = next[b];
                    }
                    if (s < STEPS) {
                        logits = decoder.step(next);
                    }
                }
            }
        }
        System.out.printf("%s %s: max |dp| against the float64 Hugging Face transcription = %.3g%n", spec.name(),
                storage, worst);
    }
}
