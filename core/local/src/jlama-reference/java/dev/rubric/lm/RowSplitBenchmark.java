package dev.rubric.lm;

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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What splitting a one-sequence step's weight products by rows ({@link RowSplit}) buys, measured side by side: rounds
 * alternate between the ways, so they share the machine's load of the moment, and medians are reported.
 *
 * <ol>
 *   <li><b>One product</b> of a 3584 x 1024 float32 weight (the mid model's MLP) by one token, in GB/s of weights
 *       read: on one libtorch thread, on two libtorch threads, and split in two halves over two threads;</li>
 *   <li><b>Whole decode steps</b> of the mid-size Mistral (hidden 1024, 8 layers) after a 300-token prompt, in steps
 *       per second, the same three ways, every step the same way (no {@link StepThreads} choice).</li>
 * </ol>
 *
 * <p>Run (the jlama-reference profile puts this on its classpath; no Jlama involved):
 * <pre>
 * mvn -pl core/local -am -Pjlama-reference test-compile exec:exec -Djlama.main=dev.rubric.lm.RowSplitBenchmark \
 *   "-Djlama.args=reps=7"
 * </pre>
 */
public final class RowSplitBenchmark {

    private static final List<String> WAYS = List.of("1 libtorch thread", "2 libtorch threads", "split over 2 threads");

    private RowSplitBenchmark() {
    }

    public static void main(String[] args) {
        int reps = 7;
        for (String arg : String.join(" ", args).trim().split("\\s+")) {
            if (arg.startsWith("reps=")) {
                reps = Integer.parseInt(arg.substring(5));
            }
        }
        Engine.getEngine("PyTorch"); // libtorch's natives, before the thread count is asked
        System.out.printf(Locale.ROOT, "machine: %d cores; libtorch's own intra-op threads %d%n",
                Runtime.getRuntime().availableProcessors(), JniUtils.getNumThreads());
        try (RowSplit split = new RowSplit(2)) {
            report("one 3584 x 1024 product, GB/s of weights read", products(split, reps));
            report("mid-mistral decode steps per second", steps(split, reps));
        }
        System.exit(0); // libtorch's OpenMP threads must not keep the JVM
    }

    private static Map<String, List<Double>> products(RowSplit split, int reps) {
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            int rows = 3584;
            int cols = 1024;
            int weights = 16; // 235 MB in all: no product finds its weight in a cache
            NDArray[] w = new NDArray[weights];
            for (int i = 0; i < weights; i++) {
                w[i] = manager.randomNormal(new Shape(rows, cols));
            }
            NDArray x = manager.randomNormal(new Shape(1, 1, cols));
            int calls = 400;
            for (int round = 0; round <= reps; round++) {
                for (String way : WAYS) {
                    JniUtils.setNumThreads(way.startsWith("2 libtorch") ? 2 : 1);
                    Transformer.Projection products = way.startsWith("split") ? split : Transformer.WHOLE;
                    long began = System.nanoTime();
                    for (int c = 0; c < calls; c++) {
                        products.apply(x, w[c % weights]).close();
                    }
                    double seconds = (System.nanoTime() - began) / 1e9;
                    if (round > 0) { // round 0 warms up
                        rates.computeIfAbsent(way, k -> new ArrayList<>()).add(calls * 4.0 * rows * cols / seconds / 1e9);
                    }
                }
            }
        }
        return rates;
    }

    private static Map<String, List<Double>> steps(RowSplit split, int reps) {
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        int[] prompt = new int[300];
        for (int i = 0; i < prompt.length; i++) {
            prompt[i] = 5 + (i * 37) % 30000;
        }
        int steps = 60;
        JniUtils.setNumThreads(1);
        try (CausalLm lm = CausalLm.load(TinyCheckpoints.shared(Spec.midMistral(), Storage.F32_SINGLE),
                new LoadOptions(DeviceChoice.CPU).withSharedPromptHeads(false));
                StepThreads splitting = StepThreads.splittingEveryStep(split)) {
            for (int round = 0; round <= reps; round++) {
                for (String way : WAYS) {
                    JniUtils.setNumThreads(way.startsWith("2 libtorch") ? 2 : 1);
                    StepThreads threads = way.startsWith("split") ? splitting : new StepThreads(1);
                    try (KvBatchDecoder decoder = lm.newBatch(1, prompt.length + steps + 1, lm.memoryPlan(1, steps),
                            KvBatchDecoder.SCORES_PER_GROUP, KvCache.BLOCK, threads)) {
                        float[] logits = decoder.prefill(new int[][] {prompt})[0];
                        long began = System.nanoTime();
                        for (int s = 0; s < steps; s++) {
                            logits = decoder.step(new int[] {Probabilities.argmax(logits)})[0];
                        }
                        if (round > 0) {
                            rates.computeIfAbsent(way, k -> new ArrayList<>())
                                    .add(steps / ((System.nanoTime() - began) / 1e9));
                        }
                    }
                }
            }
        }
        return rates;
    }

    private static void report(String title, Map<String, List<Double>> rates) {
        System.out.println();
        System.out.println("| " + title + " | median | rounds |");
        System.out.println("|---|---|---|");
        double base = median(rates.get(WAYS.get(0)));
        rates.forEach((way, values) -> System.out.printf(Locale.ROOT, "| %s | %.1f (%.2fx) | %s |%n", way,
                median(values), median(values) / base, values.stream()
                        .map(v -> String.format(Locale.ROOT, "%.1f", v)).toList()));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
