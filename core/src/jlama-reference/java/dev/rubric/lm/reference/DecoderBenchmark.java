package dev.rubric.lm.reference;

import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.model.ModelSupport;
import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.tensor.AbstractTensor;
import com.github.tjake.jlama.tensor.KvBufferCache;
import dev.rubric.lm.BatchDecoder;
import dev.rubric.lm.CausalLm;
import dev.rubric.lm.DeviceChoice;
import dev.rubric.lm.LoadOptions;
import dev.rubric.lm.fixtures.TinyCheckpoints;
import dev.rubric.lm.fixtures.TinyCheckpoints.Spec;
import dev.rubric.lm.fixtures.TinyCheckpoints.Storage;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * Speed of Rubric's DJL decoder and of Jlama 0.8.4 on the same float32 random checkpoints, in one run: a "judgment"
 * here is a prompt of {@link #PROMPT} tokens and {@link #GENERATED} greedy tokens; prefill tokens/s, decode tokens/s
 * and judgments/s at batch 1, 8 and 32. Jlama decodes one sequence at a time, so it is measured at batch 1. Prints a
 * Markdown table and the memory-bandwidth limit of a decode step.
 *
 * <p>Run: {@code JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -pl core -Pjlama-reference test-compile exec:exec
 * -Djlama.main=dev.rubric.lm.reference.DecoderBenchmark -Djlama.args=tiny,mid}
 */
public final class DecoderBenchmark {

    static final int PROMPT = 64;
    static final int GENERATED = 16;
    static final int[] BATCHES = {1, 8, 32};

    public static void main(String[] args) throws Exception {
        double bandwidth = memoryBandwidth();
        System.out.printf(Locale.ROOT, "cores: %d, measured copy bandwidth: %.1f GB/s%n",
                Runtime.getRuntime().availableProcessors(), bandwidth / 1e9);
        System.out.println("| model | engine | batch | prefill tok/s | decode tok/s | judgments/s | limit decode tok/s |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String name : args[0].split(",")) {
            Spec spec = name.equals("mid") ? Spec.midMistral() : Spec.tinyMistral();
            Path checkpoint = TinyCheckpoints.shared(spec, Storage.F32_SINGLE);
            long weightBytes = Files.size(checkpoint.resolve("model.safetensors"));
            try (CausalLm lm = CausalLm.load(checkpoint, new LoadOptions(DeviceChoice.CPU))) {
                for (int batch : BATCHES) {
                    run(lm, spec, batch); // warm-up
                    double[] t = run(lm, spec, batch);
                    row(spec.name(), "Rubric (DJL " + "PyTorch, f32)", batch, t, weightBytes, bandwidth);
                }
            }
            AbstractModel jlama = ModelSupport.loadModel(checkpoint.toFile(), DType.F32, DType.F32);
            runJlama(jlama, spec);
            double[] t = runJlama(jlama, spec);
            row(spec.name(), "Jlama 0.8.4 (f32)", 1, t, weightBytes, bandwidth);
        }
        System.exit(0);
    }

    /** Seconds for prefill and for the decode steps. */
    static double[] run(CausalLm lm, Spec spec, int batch) {
        int[][] prompts = prompts(spec, batch);
        try (BatchDecoder decoder = lm.newBatch(batch, PROMPT + GENERATED)) {
            long start = System.nanoTime();
            float[][] logits = decoder.prefill(prompts);
            long prefilled = System.nanoTime();
            int[] next = new int[batch];
            for (int s = 0; s < GENERATED; s++) {
                for (int b = 0; b < batch; b++) {
                    next[b] = argmax(logits[b]);
                }
                logits = decoder.step(next);
            }
            long done = System.nanoTime();
            return new double[] {(prefilled - start) / 1e9, (done - prefilled) / 1e9, batch};
        }
    }

    static double[] runJlama(AbstractModel model, Spec spec) {
        int[] prompt = prompts(spec, 1)[0];
        try (KvBufferCache caches = new KvBufferCache(model)) {
            KvBufferCache.KvBuffer kv = caches.getKvBuffer(UUID.randomUUID());
            long start = System.nanoTime();
            AbstractTensor hidden = model.batchForward(prompt, 0, kv);
            AbstractTensor last = hidden.slice(prompt.length - 1);
            float[] p = model.getLogits(last);
            long prefilled = System.nanoTime();
            for (int s = 0; s < GENERATED; s++) {
                AbstractTensor out = model.forward(argmax(p), PROMPT + s, kv, Optional.empty());
                p = model.getLogits(out);
            }
            long done = System.nanoTime();
            return new double[] {(prefilled - start) / 1e9, (done - prefilled) / 1e9, 1};
        }
    }

    static void row(String model, String engine, int batch, double[] t, long weightBytes, double bandwidth) {
        double prefill = batch * PROMPT / t[0];
        double decode = batch * GENERATED / t[1];
        double judgments = batch / (t[0] + t[1]);
        double limit = batch * bandwidth / weightBytes;
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %.0f | %.1f | %.2f | %.0f |%n", model, engine, batch, prefill,
                decode, judgments, limit);
    }

    static int[][] prompts(Spec spec, int batch) {
        Random random = new Random(batch);
        int[][] prompts = new int[batch][PROMPT];
        for (int[] p : prompts) {
            p[0] = 1;
            for (int i = 1; i < PROMPT; i++) {
                p[i] = 3 + random.nextInt(Math.min(spec.vocabulary(), 140) - 3);
            }
        }
        return prompts;
    }

    /** Bytes per second of a large direct-buffer copy (read plus write counted as bytes read). */
    static double memoryBandwidth() {
        int size = 256 << 20;
        ByteBuffer a = ByteBuffer.allocateDirect(size);
        ByteBuffer b = ByteBuffer.allocateDirect(size);
        double best = 0;
        for (int i = 0; i < 5; i++) {
            a.clear();
            b.clear();
            long start = System.nanoTime();
            b.put(a);
            double seconds = (System.nanoTime() - start) / 1e9;
            best = Math.max(best, 2.0 * size / seconds);
        }
        return best;
    }

    static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private DecoderBenchmark() {
    }
}
