package dev.rubric.lm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory plan for the real Prometheus 2 configs (their config.json values; no weights needed), against budgets
 * worked out by hand below, and how it lowers itself after an out-of-memory.
 */
class MemoryPlanTest {

    static final long GIB = 1L << 30;
    /** rubric.judge.max-tokens = 1024 plus the verdict's tail, as the judge asks for it. */
    static final int GENERATED = 1024 + 8;

    /** prometheus-eval/prometheus-7b-v2.0's config.json (Mistral-7B-Instruct-v0.2's shape). */
    static final String SEVEN_B = """
            {"architectures": ["MistralForCausalLM"], "model_type": "mistral", "hidden_size": 4096,
             "intermediate_size": 14336, "num_hidden_layers": 32, "num_attention_heads": 32,
             "num_key_value_heads": 8, "vocab_size": 32000, "max_position_embeddings": 32768,
             "rope_theta": 1000000.0, "rms_norm_eps": 1e-05, "sliding_window": null, "bos_token_id": 1,
             "eos_token_id": 2, "tie_word_embeddings": false, "torch_dtype": "bfloat16", "hidden_act": "silu"}
            """;

    /** prometheus-eval/prometheus-8x7b-v2.0's config.json (Mixtral-8x7B-Instruct-v0.1's shape). */
    static final String EIGHT_X_7B = """
            {"architectures": ["MixtralForCausalLM"], "model_type": "mixtral", "hidden_size": 4096,
             "intermediate_size": 14336, "num_hidden_layers": 32, "num_attention_heads": 32,
             "num_key_value_heads": 8, "num_local_experts": 8, "num_experts_per_tok": 2, "vocab_size": 32000,
             "max_position_embeddings": 32768, "rope_theta": 1000000.0, "rms_norm_eps": 1e-05,
             "sliding_window": null, "bos_token_id": 1, "eos_token_id": 2, "tie_word_embeddings": false,
             "torch_dtype": "bfloat16", "router_aux_loss_coef": 0.02}
            """;

    @TempDir
    Path dir;

    static ModelConfig config(Path dir, String json) throws IOException {
        Path file = Files.createTempFile(dir, "config", ".json");
        Files.writeString(file, json);
        return ModelConfig.read(file);
    }

    static MemoryPlan plan(ModelConfig config, long freeBytes) {
        return MemoryPlan.of(new MemoryCosts(config, 2), "test", OptionalLong.of(freeBytes), PromptHeads.MAX_TOKENS,
                4096, GENERATED);
    }

    @Test
    void theSevenBillionModelCostsWhatItsShapeSays() throws IOException {
        MemoryCosts costs = new MemoryCosts(config(dir, SEVEN_B), 2);
        // embedding and lm_head: 32,000 x 4,096 = 131,072,000 each; per layer: q and o 4,096 x 4,096 = 16,777,216
        // each, k and v 4,096 x 1,024 = 4,194,304 each, the MLP 3 x 4,096 x 14,336 = 176,160,768, two norms 8,192:
        // 218,112,000 x 32 layers = 6,979,584,000; the final norm 4,096
        assertThat(costs.config().parameterCount()).isEqualTo(2 * 131_072_000L + 6_979_584_000L + 4_096);
        assertThat(costs.weightBytes()).as("float16").isEqualTo(14_483_464_192L);
        // keys and values, 32 layers x 8 KV heads x 128 wide, 2 bytes
        assertThat(costs.kvBytesPerToken()).isEqualTo(2 * 32 * 8 * 128 * 2).isEqualTo(128 * 1024);

        // the prefill of one 1,024-token prompt, one layer's temporaries and what lives for the whole call:
        long t = 1024;
        long call = t * 4096 * 2 + 2 * t * 128 * (4 + 2) + (t * t + t + t * t) * 4; // residual, rotary, masks
        long norms = 2 * t * 4096 * (3 * 4 + 2 * 2); // float32 copy, square, quotient; float16 and weighted
        long projections = t * (4096 + 2 * 1024) * 2 + 4 * t * (4096 + 1024) * 2 + t * 4096 * 2; // q k v, rotary, scale
        long scores = 32 * t * t * (2 + 4 + 4 + 2); // float16, float32, softmax, float16
        long output = 2 * t * 4096 * 2 + 3 * t * 4096 * 2; // weighted values and their copy; o_proj, two sums
        long mlp = t * (5 * 14336 + 4096) * 2; // gate, sigmoid, product, up, product; down
        long logits = 32000 * (2 + 4);
        assertThat(scores).as("the attention scores dominate").isEqualTo(402_653_184L);
        assertThat(costs.forwardBytes(1, 1024, 1024))
                .isEqualTo(call + norms + projections + scores + output + mlp + logits)
                .isEqualTo(815_463_936L);
    }

    @Test
    void theEightTimesSevenBillionModelCostsWhatItsShapeSays() throws IOException {
        MemoryCosts costs = new MemoryCosts(config(dir, EIGHT_X_7B), 2);
        // per layer: attention 41,943,040, router 8 x 4,096, 8 experts of 176,160,768, norms 8,192
        long layer = 41_943_040L + 32_768 + 8 * 176_160_768L + 8_192;
        assertThat(costs.config().parameterCount()).isEqualTo(2 * 131_072_000L + 32 * layer + 4_096)
                .isEqualTo(46_702_792_704L);
        assertThat(costs.weightBytes()).isEqualTo(93_405_585_408L);
        assertThat(costs.kvBytesPerToken()).as("the same attention as the 7B").isEqualTo(128 * 1024);
    }

    @Test
    void aTwentyFourGigabyteGpuHoldsTheBatchesItsFreeMemoryLeavesRoomFor() throws IOException {
        ModelConfig seven = config(dir, SEVEN_B);
        long free = 23 * GIB; // a 24 GB GPU less 1 GiB for the CUDA context
        MemoryPlan plan = plan(seven, free);
        long margin = GIB + free / 100 * 5; // 1 GiB plus 5%: 2,308,544,919 bytes
        long head = 1024 * 131_072L; // the prompt head kept between batches
        long budget = free - 14_483_464_192L - margin - head;
        assertThat(budget).isEqualTo(7_769_835_113L);

        // decoding dominates: a grading of 1,024 prompt tokens grows to 2,056 slots of 128 KiB = 269,484,032 bytes;
        // besides, a step's temporaries (scores 32 x 2,056 x 12 bytes, the MLP, the logits) and one layer's keys
        // while the cache grows (8 x 2,056 x 128 x 2 bytes): under 6 MB per grading
        long grading = (1024 + GENERATED) * 131_072L;
        assertThat(grading).isEqualTo(269_484_032L);
        int most = (int) (budget / grading); // 28.8: 28
        int least = (int) (budget / (grading + 6_000_000)); // 28.2: 28
        assertThat(plan.batchFor(1024)).isBetween(least, most).isEqualTo(28);
        assertThat(plan.peakBytes(28, 1024)).isLessThanOrEqualTo(budget);
        assertThat(plan.peakBytes(29, 1024)).isGreaterThan(budget);

        // shorter prompts fit more, longer ones fewer: 1,544 and 3,080 slots per grading
        assertThat(plan.batchFor(512)).isEqualTo(37).isLessThanOrEqualTo((int) (budget / (1544 * 131_072L)));
        assertThat(plan.batchFor(2048)).isEqualTo(17).isLessThanOrEqualTo((int) (budget / (3080 * 131_072L)));
    }

    @Test
    void prefillGroupsTakeWhatTheReservedCacheLeaves() throws IOException {
        MemoryPlan plan = plan(config(dir, SEVEN_B), 23 * GIB);
        // 27 prompts of 1,024 tokens reserve 1,024 + 256 slots each: 4.53 GB of the 7.77 GB budget; 3.24 GB are
        // left for prefill temporaries, of which one 1,024-token sequence takes 0.82 GB
        int group = plan.prefillGroup(27, 1024, 1024, 1280, KvBatchDecoder.SCORES_PER_GROUP);
        long left = 7_769_835_113L - 27L * 1280 * 131_072;
        assertThat(group).isEqualTo(3);
        assertThat(plan.costs().forwardBytes(group, 1024, 1024)).isLessThanOrEqualTo(left);
        assertThat(plan.costs().forwardBytes(group + 1, 1024, 1024)).isGreaterThan(left);
        assertThat(plan.prefillGroup(27, 1024, 1024, 1 << 20, KvBatchDecoder.SCORES_PER_GROUP))
                .as("never fewer than one").isEqualTo(1);
    }

    @Test
    void onSixteenGigabytesTheWeightsFitButNoGradingDoes() throws IOException {
        MemoryPlan plan = plan(config(dir, SEVEN_B), 15 * GIB);
        // 16.1 GB free, 14.5 GB of weights: 1.6 GB, less the 1.87 GB margin and the head, is nothing
        assertThat(plan.weightsFit()).isTrue();
        assertThat(plan.batchFor(512)).isZero();
        assertThat(plan.summary()).contains("not one sequence fits");
    }

    @Test
    void theEightTimesSevenBillionModelFitsNoSingleGpu() throws IOException {
        MemoryPlan plan = plan(config(dir, EIGHT_X_7B), 79 * GIB);
        assertThat(plan.weightsFit()).as("93.4 GB of weights, 84.8 GB free").isFalse();
        assertThat(plan.batchFor(512)).isZero();
        assertThat(plan.summary()).contains("the weights do not fit");
    }

    @Test
    void outOfMemoryHalvesTheBatchAtItsLengthAndShorterPromptsKeepMore() throws IOException {
        MemoryPlan plan = plan(config(dir, SEVEN_B), 23 * GIB);
        MemoryPlan lowered = plan.lowered(28, 1024);
        assertThat(lowered.batchFor(1024)).isEqualTo(14);
        assertThat(lowered.batchFor(512)).isBetween(15, 36);
        assertThat(lowered.batchFor(2048)).isLessThan(14);
        assertThat(lowered.lowerings()).isEqualTo(1);
        assertThat(lowered.lowered(14, 1024).batchFor(1024)).isEqualTo(7);
        assertThat(lowered.summary()).contains("lowered 1 time after the device ran out of memory");
        assertThat(plan.lowered(1, 1024)).as("one sequence cannot be halved").isSameAs(plan);
    }

    @Test
    void aDeviceThatReportsNoFreeMemoryIsNotPlanned() throws IOException {
        MemoryPlan plan = MemoryPlan.of(new MemoryCosts(config(dir, SEVEN_B), 4), "cpu", OptionalLong.empty(),
                PromptHeads.MAX_TOKENS, 8, GENERATED);
        assertThat(plan.planned()).isFalse();
        assertThat(plan.weightsFit()).isTrue();
        assertThat(plan.batchFor(512)).isEqualTo(8);
        assertThat(plan.batchFor(30_000)).isEqualTo(8);
        assertThat(plan.lowered(8, 512).batchFor(100)).as("halved for every length").isEqualTo(4);
        // as before the plan: prefill groups stay under 2^28 attention scores, 32 x 2,048 x 2,048 per sequence
        assertThat(plan.prefillGroup(8, 2048, 2048, 2048, KvBatchDecoder.SCORES_PER_GROUP)).isEqualTo(2);
        assertThat(plan.summary()).contains("memory not planned").contains("batches of up to 8");
    }

    @Test
    void theLogLineSaysWhatWasPlanned() throws IOException {
        MemoryPlan plan = MemoryPlan.of(new MemoryCosts(config(dir, SEVEN_B), 2),
                "MistralForCausalLM (7.24 B parameters), float16 on gpu(0)", OptionalLong.of(23 * GIB),
                PromptHeads.MAX_TOKENS, 32, GENERATED);
        assertThat(plan.summary()).isEqualTo("MistralForCausalLM (7.24 B parameters), float16 on gpu(0), 24.7 GB "
                + "free: weights 14.5 GB, KV cache 128 KiB per token, 0.13 GB for the prompt head kept between "
                + "batches, 2.3 GB kept free; with up to 1,032 generated tokens, up to 28 sequences per batch at "
                + "1,024 prompt tokens (32 at 512, 17 at 2,048), at most 32 per batch");
    }
}
