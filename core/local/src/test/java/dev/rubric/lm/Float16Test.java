package dev.rubric.lm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rubric.lm.fixtures.Float64Reference;
import dev.rubric.lm.fixtures.TinyCheckpoints;
import dev.rubric.lm.fixtures.TinyCheckpoints.Spec;
import dev.rubric.lm.fixtures.TinyCheckpoints.Storage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The GPU's number format, run on the CPU: the same checkpoint loaded in float16 and in float32 must agree within what
 * float16's rounding explains, with float16's casts, float32 islands (RMSNorm statistics, softmax), KV cache and mask
 * all in the path, including on a checkpoint whose numbers float16 could not square or multiply.
 *
 * <p>The tolerance: float16 keeps 11 significant bits, a relative rounding error of at most u = 2^-11 = 4.9e-4 per
 * operation. A next-token logit of these models (|logit| up to about 12) comes out of two layers of some ten rounded
 * operations each and is itself rounded to float16 (a step of 2^-7 near 12), so its error is a few hundredths at most;
 * a probability moves by at most p(1 - p) times the spread of the logits' errors, under half of it. Hence
 * {@value #LOGITS} on logits and {@value #PROBABILITIES} on probabilities: about 40 u on the logits' scale, loose
 * enough for every ordering of the roundings, tight enough that a wrong cast (float16 where float32 belongs: an
 * overflow to infinity, or the mask's -1e9 rounded to -infinity and a softmax of NaN) or a misplaced scale fails.
 */
class Float16Test {

    static final double LOGITS = 0.05;
    static final double PROBABILITIES = 0.01;
    static final int[][] PROMPTS = {
        {1, 3, 62, 102, 64, 3, 23},
        {1, 70, 71, 80, 3, 90, 100, 110, 120, 130, 5, 6, 40, 41, 42, 43, 44, 45},
        {1, 50, 51},
    };
    static final int STEPS = 12;

    @Test
    void aMistralInFloat16AgreesWithFloat32() {
        Comparison c = compare(Spec.tinyMistral(), Storage.BF16_SINGLE);
        assertThat(c.logits()).as("max |d logit|").isLessThanOrEqualTo(LOGITS);
        assertThat(c.probabilities()).as("max |d p|").isLessThanOrEqualTo(PROBABILITIES);
        assertThat(c.describedAs()).contains("float16");
    }

    @Test
    void aMixtralInFloat16AgreesWithFloat32() {
        Comparison c = compare(Spec.tinyMixtral(), Storage.BF16_SHARDED);
        assertThat(c.logits()).as("max |d logit|").isLessThanOrEqualTo(LOGITS);
        assertThat(c.probabilities()).as("max |d p|").isLessThanOrEqualTo(PROBABILITIES);
    }

    @Test
    void numbersFloat16CannotSquareOrMultiplyStayFiniteAndClose() {
        Spec loud = Spec.loudMistral();
        Float64Reference reference = new Float64Reference(loud);
        double[] expected = reference.probabilities(PROMPTS[1]);
        Float64Reference.Extremes extremes = reference.extremes();
        System.out.printf("loud-mistral: largest RMSNorm mean square %.0f, raw q.k %.0f, scaled score %.0f%n",
                extremes.meanSquare(), extremes.product(), extremes.score());
        // the checkpoint is what it claims: in float16 these would be infinite
        assertThat(extremes.meanSquare()).as("an RMSNorm input's mean square").isGreaterThan(65504 * 2.0);
        assertThat(extremes.product()).as("a raw attention product q.k").isGreaterThan(65504 * 1.5);
        assertThat(extremes.score()).as("a scaled score q.k / sqrt(head_dim)").isLessThan(65504 / 1.5);

        Comparison c = compare(loud, Storage.F32_SINGLE);
        assertThat(c.logits()).as("max |d logit|").isLessThanOrEqualTo(LOGITS);
        assertThat(c.probabilities()).as("max |d p|").isLessThanOrEqualTo(PROBABILITIES);
        try (CausalLm half = CausalLm.load(TinyCheckpoints.shared(loud, Storage.F32_SINGLE),
                new LoadOptions(DeviceChoice.CPU).withPrecision(Precision.FLOAT16))) {
            double[] actual = Probabilities.softmax(half.logits(PROMPTS[1]));
            assertThat(Probabilities.maxAbsDifference(actual, expected)).as("float16 against float64")
                    .isLessThanOrEqualTo(PROBABILITIES);
        }
    }

    /** The largest differences, over prompts and steps, of the float16 model's logits and probabilities from float32's. */
    record Comparison(double logits, double probabilities, String describedAs) {
    }

    /**
     * Both precisions decode the same batch; each step feeds both the float32 model's greedy tokens, so they see the
     * same sequences; every logit must be finite.
     */
    private static Comparison compare(Spec spec, Storage storage) {
        double logits = 0;
        double probabilities = 0;
        String description;
        var dir = TinyCheckpoints.shared(spec, storage);
        try (CausalLm full = CausalLm.load(dir, new LoadOptions(DeviceChoice.CPU).withPrecision(Precision.FLOAT32));
                CausalLm half = CausalLm.load(dir,
                        new LoadOptions(DeviceChoice.CPU).withPrecision(Precision.FLOAT16))) {
            description = half.description();
            int longest = Arrays.stream(PROMPTS).mapToInt(p -> p.length).max().orElseThrow();
            try (BatchDecoder a = full.newBatch(PROMPTS.length, longest + STEPS);
                    BatchDecoder b = half.newBatch(PROMPTS.length, longest + STEPS)) {
                float[][] expected = a.prefill(PROMPTS);
                float[][] actual = b.prefill(PROMPTS);
                for (int s = 0; s <= STEPS; s++) {
                    int[] next = new int[PROMPTS.length];
                    for (int r = 0; r < PROMPTS.length; r++) {
                        for (float v : actual[r]) {
                            assertThat(Float.isFinite(v)).as("%s in float16: a logit at step %d is %s", spec.name(),
                                    s, v).isTrue();
                        }
                        logits = Math.max(logits, Probabilities.maxAbsDifference(actual[r], expected[r]));
                        probabilities = Math.max(probabilities, Probabilities.maxAbsDifference(
                                Probabilities.softmax(actual[r]), Probabilities.softmax(expected[r])));
                        next[r] = Probabilities.argmax(expected[r]);
                    }
                    if (s < STEPS) {
                        expected = a.step(next);
                        actual = b.step(next);
                    }
                }
            }
        }
        System.out.printf("%s %s: float16 against float32, max |d logit| = %.3g, max |d p| = %.3g%n", spec.name(),
                storage, logits, probabilities);
        return new Comparison(logits, probabilities, description);
    }
}
