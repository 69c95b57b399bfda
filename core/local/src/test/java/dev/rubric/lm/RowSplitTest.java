package dev.rubric.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.rubric.lm.fixtures.TinyCheckpoints;
import dev.rubric.lm.fixtures.TinyCheckpoints.Spec;
import dev.rubric.lm.fixtures.TinyCheckpoints.Storage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A one-sequence step's weight products split by rows over threads ({@link RowSplit}) must be libtorch's own products
 * bit for bit, so that a verdict never depends on whether the machine's cores were free: each output element is the
 * same dot product either way. Checked on single products of many shapes, and on whole greedy decodes of the tiny
 * models (Qwen2's biased projections and Mixtral's experts included) with every step split.
 */
class RowSplitTest {

    @AfterEach
    void oneLibtorchThreadAgain() {
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(1); // a splitting decoder prefills on its part count: the next test gets the default back
    }

    @Test
    void splitProductsAreLibtorchsOwnBitForBit() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                RowSplit two = new RowSplit(2, 8);
                RowSplit three = new RowSplit(3, 8)) {
            manager.getEngine().setRandomSeed(20261201);
            for (int rows : new int[] {1, 7, 8, 9, 17, 24, 63, 64, 68, 130, 1000, 3001}) {
                for (int in : new int[] {16, 257}) {
                    NDArray weight = manager.randomNormal(new Shape(rows, in));
                    for (int tokens : new int[] {1, 5}) {
                        NDArray x = manager.randomNormal(new Shape(1, tokens, in));
                        float[] whole = Transformer.WHOLE.apply(x, weight).toFloatArray();
                        assertThat(two.apply(x, weight).toFloatArray()).as("%d x %d, %d tokens, 2 parts", rows, in,
                                tokens).containsExactly(whole);
                        assertThat(three.apply(x, weight).toFloatArray()).as("%d x %d, %d tokens, 3 parts", rows, in,
                                tokens).containsExactly(whole);
                    }
                }
            }
        }
    }

    @Test
    void onlyOneRowProductsOfWeightsOfEnoughRowsAreSplit() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                RowSplit split = new RowSplit(4)) {
            NDArray weight = manager.ones(new Shape(RowSplit.MIN_ROWS_PER_PART * 2 + 1, 8));
            NDArray small = manager.ones(new Shape(RowSplit.MIN_ROWS_PER_PART - 1, 8));
            NDArray x = manager.ones(new Shape(1, 1, 8));
            NDArray threeRows = manager.ones(new Shape(1, 3, 8));
            int before = manager.getManagedArrays().size();
            split.apply(x, small).close();
            assertThat(manager.getManagedArrays()).as("no blocks made for a weight of fewer rows than a part")
                    .hasSize(before);
            split.apply(threeRows, weight).close();
            assertThat(manager.getManagedArrays()).as("a matrix product (three rows) is libtorch's, not split")
                    .hasSize(before);
            NDArray out = split.apply(x, weight);
            assertThat(out.getShape()).isEqualTo(new Shape(1, 1, RowSplit.MIN_ROWS_PER_PART * 2 + 1));
            assertThat(out.toFloatArray()).containsOnly(8f);
            out.close();
            assertThat(manager.getManagedArrays()).as("two blocks (views) kept for the weight, not four")
                    .hasSize(before + 2);
        }
    }

    @Test
    void aFailedProductReachesTheCallerAndTheSplitGoesOn() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                RowSplit split = new RowSplit(2, 1)) {
            NDArray weight = manager.ones(new Shape(6, 4));
            NDArray wrong = manager.ones(new Shape(1, 1, 5));
            assertThatThrownBy(() -> split.apply(wrong, weight)).isInstanceOf(RuntimeException.class);
            NDArray right = manager.ones(new Shape(1, 1, 4));
            assertThat(split.apply(right, weight).toFloatArray()).containsExactly(4f, 4f, 4f, 4f, 4f, 4f);
        }
    }

    @Test
    void twoThreadsAtOnceEachGetTheirOwnProduct() throws Exception {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                RowSplit split = new RowSplit(2, 8)) {
            manager.getEngine().setRandomSeed(7);
            NDArray weight = manager.randomNormal(new Shape(256, 64));
            NDArray[] inputs = {manager.randomNormal(new Shape(1, 1, 64)), manager.randomNormal(new Shape(1, 1, 64))};
            float[][] expected = {Transformer.WHOLE.apply(inputs[0], weight).toFloatArray(),
                Transformer.WHOLE.apply(inputs[1], weight).toFloatArray()};
            java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                List<java.util.concurrent.Future<Boolean>> runs = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    int which = t;
                    runs.add(two.submit(() -> {
                        JniUtils.setNumThreads(1);
                        for (int i = 0; i < 300; i++) {
                            try (NDManager scope = manager.newSubManager()) {
                                NDArray x = inputs[which].duplicate();
                                x.attach(scope);
                                if (!java.util.Arrays.equals(split.apply(x, weight).toFloatArray(), expected[which])) {
                                    return false;
                                }
                            }
                        }
                        return true;
                    }));
                }
                for (java.util.concurrent.Future<Boolean> run : runs) {
                    assertThat(run.get(60, java.util.concurrent.TimeUnit.SECONDS)).as("every product right").isTrue();
                }
            } finally {
                two.shutdownNow();
            }
        }
    }

    @Test
    void closingStopsTheHelperThreads() {
        List<Thread> before = helpers();
        RowSplit split = new RowSplit(3, 1);
        List<Thread> started = helpers();
        started.removeAll(before); // helpers of other splits alive in this JVM are not this test's
        assertThat(started).hasSize(2);
        split.close();
        assertThat(started).noneMatch(Thread::isAlive);
    }

    private static List<Thread> helpers() {
        List<Thread> found = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("rubric-lm-rows-") && t.isAlive()) {
                found.add(t);
            }
        }
        return found;
    }

    static List<Spec> models() {
        return List.of(Spec.tinyMistral(), Spec.tinyQwen2(), Spec.tinyMixtral());
    }

    @ParameterizedTest
    @MethodSource("models")
    void aDecodeWithEveryStepSplitGivesTheLogitsOfOneWithout(Spec spec) {
        int[] prompt = {1, 40, 41, 42, 7, 9, 100, 3, 55};
        int steps = 12;
        try (CausalLm lm = CausalLm.load(TinyCheckpoints.shared(spec, Storage.F32_SINGLE),
                new LoadOptions(DeviceChoice.CPU).withSharedPromptHeads(false));
                RowSplit split = new RowSplit(2, 8);
                StepThreads splitting = StepThreads.splittingEveryStep(split)) {
            MemoryPlan plan = lm.memoryPlan(1, steps);
            List<float[][]> unsplit;
            List<float[][]> splitSteps;
            try (KvBatchDecoder decoder = lm.newBatch(1, prompt.length + steps, plan, KvBatchDecoder.SCORES_PER_GROUP,
                    KvCache.BLOCK)) {
                unsplit = Greedy.logits(decoder, new int[][] {prompt}, steps);
            }
            try (KvBatchDecoder decoder = lm.newBatch(1, prompt.length + steps, plan, KvBatchDecoder.SCORES_PER_GROUP,
                    KvCache.BLOCK, splitting)) {
                splitSteps = Greedy.logits(decoder, new int[][] {prompt}, steps);
            }
            for (int s = 0; s <= steps; s++) {
                assertThat(splitSteps.get(s)[0]).as("%s, step %d", spec.name(), s).containsExactly(unsplit.get(s)[0]);
            }
        }
    }
}
