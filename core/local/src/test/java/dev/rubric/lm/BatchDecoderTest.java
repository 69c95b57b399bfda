package dev.rubric.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import dev.rubric.lm.fixtures.TinyCheckpoints;
import dev.rubric.lm.fixtures.TinyCheckpoints.Spec;
import dev.rubric.lm.fixtures.TinyCheckpoints.Storage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Batching, padding, the KV cache and native memory: what must not change the numbers, and what must not grow. */
class BatchDecoderTest {

    static final int[][] PROMPTS = {
        {1, 3, 62, 102, 64, 3, 23},
        {1},
        {1, 70, 71, 80, 3, 90, 100, 110, 120, 130, 5, 6, 40, 41, 42, 43, 44, 45},
        {1, 50, 51},
    };
    static final int STEPS = 10;
    static final double SAME = 1e-5;

    static CausalLm mixtral;

    @BeforeAll
    static void load() {
        mixtral = CausalLm.load(TinyCheckpoints.shared(Spec.tinyMixtral(), Storage.BF16_SINGLE));
    }

    @AfterAll
    static void close() {
        mixtral.close();
    }

    @Test
    void aBatchOfPaddedPromptsGivesTheSameLogitsAndTokensAsOneAtATime() {
        List<float[][]> batched = greedy(mixtral, PROMPTS);
        for (int b = 0; b < PROMPTS.length; b++) {
            List<float[][]> alone = greedy(mixtral, new int[][] {PROMPTS[b]});
            for (int s = 0; s <= STEPS; s++) {
                float[] expected = alone.get(s)[0];
                float[] actual = batched.get(s)[b];
                assertThat(Probabilities.maxAbsDifference(actual, expected))
                        .as("prompt %d (padded by %d in the batch), step %d", b, 18 - PROMPTS[b].length, s)
                        .isLessThanOrEqualTo(SAME);
                assertThat(Probabilities.argmax(actual)).isEqualTo(Probabilities.argmax(expected));
            }
        }
    }

    @Test
    void aPrefillSplitIntoGroupsOfOneSequenceGivesTheSameLogits() {
        float[][] whole;
        try (BatchDecoder decoder = mixtral.newBatch(PROMPTS.length, 18)) {
            whole = decoder.prefill(PROMPTS);
        }
        try (BatchDecoder decoder = mixtral.newBatch(PROMPTS.length, 18 + 1, 1)) {
            float[][] grouped = decoder.prefill(PROMPTS);
            for (int b = 0; b < PROMPTS.length; b++) {
                assertThat(Probabilities.maxAbsDifference(grouped[b], whole[b])).isLessThanOrEqualTo(SAME);
            }
            // the cache rows each group wrote are the ones the next step reads
            float[][] next = decoder.step(new int[] {5, 6, 7, 8});
            for (int b = 0; b < PROMPTS.length; b++) {
                int[] extended = Arrays.copyOf(PROMPTS[b], PROMPTS[b].length + 1);
                extended[PROMPTS[b].length] = 5 + b;
                assertThat(Probabilities.maxAbsDifference(next[b], mixtral.logits(extended)))
                        .isLessThanOrEqualTo(SAME);
            }
        }
    }

    @Test
    void decodingWithTheKvCacheEqualsRecomputingFromScratch() {
        int[] sequence = PROMPTS[0];
        try (BatchDecoder decoder = mixtral.newBatch(1, sequence.length + STEPS)) {
            float[] logits = decoder.prefill(new int[][] {sequence})[0];
            for (int s = 0; s < STEPS; s++) {
                int next = Probabilities.argmax(logits);
                sequence = Arrays.copyOf(sequence, sequence.length + 1);
                sequence[sequence.length - 1] = next;
                logits = decoder.step(new int[] {next})[0];
                assertThat(Probabilities.maxAbsDifference(logits, mixtral.logits(sequence)))
                        .as("step %d", s).isLessThanOrEqualTo(SAME);
            }
        }
    }

    @Test
    void bfloat16AndFloat32CopiesOfOneCheckpointAgree() {
        // the fixture's values are all bfloat16 values, so the two files hold the same numbers and bits << 16
        // must reproduce them exactly
        try (CausalLm f32 = CausalLm.load(TinyCheckpoints.shared(Spec.tinyMixtral(), Storage.F32_SHARDED))) {
            for (int[] prompt : PROMPTS) {
                assertThat(Probabilities.maxAbsDifference(f32.logits(prompt), mixtral.logits(prompt)))
                        .isLessThanOrEqualTo(1e-6);
            }
        }
    }

    @Test
    void nativeMemoryStaysFlatOverManySteps() {
        int before = mixtral.liveArrays();
        try (BatchDecoder decoder = mixtral.newBatch(4, 18 + 1000)) {
            int[] next = new int[PROMPTS.length];
            float[][] logits = decoder.prefill(PROMPTS);
            int afterPrefill = mixtral.liveArrays();
            assertThat(afterPrefill - before).as("the KV cache: keys and values per layer").isEqualTo(2 * 2);
            for (int s = 1; s <= 1000; s++) {
                for (int b = 0; b < next.length; b++) {
                    next[b] = Probabilities.argmax(logits[b]);
                }
                logits = decoder.step(next);
                if (s % 250 == 0) {
                    assertThat(mixtral.liveArrays()).as("live arrays after %d steps", s).isEqualTo(afterPrefill);
                }
            }
            assertThat(decoder.remainingCapacity()).isZero();
        }
        assertThat(mixtral.liveArrays()).as("after close").isEqualTo(before);
    }

    @Test
    void refusesMisuseWithTheReason() {
        try (BatchDecoder decoder = mixtral.newBatch(2, 4)) {
            assertThatThrownBy(() -> decoder.step(new int[] {5, 5})).hasMessageContaining("step before prefill");
            assertThatThrownBy(() -> decoder.prefill(new int[][] {{1}, {1}, {1}}))
                    .hasMessageContaining("3 prompts for a batch of 2");
            assertThatThrownBy(() -> decoder.prefill(new int[][] {{1, 2, 3, 4, 5}}))
                    .hasMessageContaining("does not fit this batch's 4 slots");
            assertThatThrownBy(() -> decoder.prefill(new int[][] {{1, 100_000}}))
                    .hasMessageContaining("token id 100000 is outside the vocabulary");
            decoder.prefill(new int[][] {{1, 2, 3}, {1}});
            assertThatThrownBy(() -> decoder.step(new int[] {5})).hasMessageContaining("1 tokens for 2 sequences");
            decoder.step(new int[] {5, 5});
            assertThat(decoder.remainingCapacity()).isZero();
            assertThatThrownBy(() -> decoder.step(new int[] {5, 5})).hasMessageContaining("KV cache is full");
        }
        assertThatThrownBy(() -> mixtral.newBatch(1, 100_000)).hasMessageContaining("max_position_embeddings");
    }

    @Test
    void refusesAGpuWhenNoneIsThere() {
        assumeTrue(Engine.getEngine("PyTorch").getGpuCount() == 0, "this machine has a GPU");
        assertThatThrownBy(() -> CausalLm.load(TinyCheckpoints.shared(Spec.tinyMistral(), Storage.F32_SINGLE),
                new LoadOptions(DeviceChoice.GPU)))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("sees no GPU");
    }

    @Test
    void reportsLoadingProgressUpToEveryTensorAndByte() {
        List<String> reports = new ArrayList<>();
        Path dir = TinyCheckpoints.shared(Spec.tinyMixtral(), Storage.BF16_SHARDED);
        try (CausalLm lm = CausalLm.load(dir, new LoadOptions(DeviceChoice.CPU,
                (tensor, done, total, bytesDone, bytes) -> reports.add(done + "/" + total + " " + bytesDone + "/"
                        + bytes)))) {
            try (CheckpointWeights weights = CheckpointWeights.open(dir)) {
                int tensors = weights.tensors().size();
                assertThat(reports).hasSize(tensors);
                assertThat(reports.get(tensors - 1))
                        .isEqualTo(tensors + "/" + tensors + " " + weights.totalBytes() + "/" + weights.totalBytes());
            }
        }
    }

    @Test
    void describesItselfForTheLog() {
        assertThat(mixtral.description()).contains("MixtralForCausalLM", "4 experts top-2", "float32", "libtorch");
        assertThat(mixtral.maxSequenceLength()).isEqualTo(2048);
    }

    /** Logits after prefill and after each of STEPS greedy steps. */
    private static List<float[][]> greedy(CausalLm lm, int[][] prompts) {
        int longest = Arrays.stream(prompts).mapToInt(p -> p.length).max().orElseThrow();
        try (BatchDecoder decoder = lm.newBatch(prompts.length, longest + STEPS)) {
            return Greedy.logits(decoder, prompts, STEPS);
        }
    }
}
