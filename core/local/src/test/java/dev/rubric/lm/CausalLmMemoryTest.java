package dev.rubric.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rubric.lm.fixtures.TinyCheckpoints;
import dev.rubric.lm.fixtures.TinyCheckpoints.Spec;
import dev.rubric.lm.fixtures.TinyCheckpoints.Storage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The memory plan at load, with the device's free memory given by the test (the CPU reports none of its own). */
class CausalLmMemoryTest {

    static final long GIB = 1L << 30;

    @Test
    void weightsThatDoNotFitAreRefusedBeforeATensorIsRead() {
        Path dir = TinyCheckpoints.shared(Spec.tinyMixtral(), Storage.F32_SINGLE);
        List<String> loaded = new ArrayList<>();
        LoadOptions options = new LoadOptions(DeviceChoice.CPU, (tensor, done, total, bytes, all) -> loaded.add(tensor))
                .withMemory(DeviceMemory.fixed(GIB)); // the weights and the 1 GiB the plan keeps free need more

        assertThatThrownBy(() -> CausalLm.load(dir, options))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("tiny-mixtral-f32_single needs 0.0 GB for its weights alone in float32")
                .hasMessageContaining("has 1.1 GB free: the model does not fit on this device")
                .hasMessageContaining("prometheus-eval/prometheus-7b-v2.0")
                .hasMessageContaining("vLLM");
        assertThat(loaded).as("tensors read").isEmpty();
    }

    @Test
    void aModelOnADeviceThatReportsItsMemoryIsPlanned() {
        Path dir = TinyCheckpoints.shared(Spec.tinyMistral(), Storage.F32_SINGLE);
        try (CausalLm lm = CausalLm.load(dir, new LoadOptions(DeviceChoice.CPU).withMemory(DeviceMemory.fixed(2 * GIB)))) {
            MemoryPlan plan = lm.memoryPlan(8, 40);
            assertThat(plan.planned()).isTrue();
            assertThat(plan.batchFor(1000)).isEqualTo(8);
            assertThat(plan.summary()).startsWith("MistralForCausalLM (0.00 B parameters), float32 on cpu(), 2.1 GB "
                    + "free: weights 0.0 GB, KV cache 512 bytes per token");
            try (BatchDecoder batch = lm.newBatch(2, 30, plan)) {
                assertThat(batch.prefill(new int[][] {{1, 5, 6}, {1, 7}})).hasNumberOfRows(2);
            }
        }
        try (CausalLm lm = CausalLm.load(dir, new LoadOptions(DeviceChoice.CPU))) {
            assertThat(lm.memoryPlan(8, 40).planned()).as("the CPU reports no free memory").isFalse();
            assertThat(lm.memoryPlan(8, 40).summary()).isEqualTo("MistralForCausalLM (0.00 B parameters), float32 on "
                    + "cpu(): memory not planned (the device reports no free memory); batches of up to 8");
        }
    }

    @Test
    void theParameterCountIsTheCheckpointsOwn() {
        for (Spec spec : new Spec[] {Spec.tinyMistral(), Spec.tinyMixtral()}) {
            Path dir = TinyCheckpoints.shared(spec, Storage.F32_SINGLE);
            try (CheckpointWeights weights = CheckpointWeights.open(dir)) {
                long elements = weights.tensors().values().stream()
                        .mapToLong(t -> java.util.Arrays.stream(t.shape()).reduce(1, (a, b) -> a * b)).sum();
                assertThat(ModelConfig.read(dir.resolve("config.json")).parameterCount()).as(spec.name())
                        .isEqualTo(elements);
            }
        }
    }
}
