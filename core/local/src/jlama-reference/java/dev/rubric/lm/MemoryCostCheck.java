package dev.rubric.lm;

import dev.rubric.lm.fixtures.TinyCheckpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * The memory plan's count of a prefill's temporaries against what libtorch really takes, on the CPU, where no GPU is
 * at hand: the process's peak resident memory (VmHWM, reset before each prefill through /proc/self/clear_refs) above
 * what it held before, for prefills of the mid-size benchmark model in float32 and in float16. With glibc told to map every block of
 * 64 KiB or more on its own and give it back when freed ({@code MALLOC_MMAP_THRESHOLD_=65536}), the peak is the arrays
 * alive at once. (A GPU's caching allocator rounds and keeps blocks, which this cannot show.) Linux and glibc only.
 *
 * <p>Run (JDK 20+, from the repository root): {@code MALLOC_MMAP_THRESHOLD_=65536 MALLOC_TRIM_THRESHOLD_=0
 * JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -pl core/local -am -Pjlama-reference test-compile exec:exec
 * -Djlama.main=dev.rubric.lm.MemoryCostCheck -Djlama.args=-}
 */
public final class MemoryCostCheck {

    public static void main(String[] args) throws Exception {
        Path dir = TinyCheckpoints.shared(TinyCheckpoints.Spec.midMistral(), TinyCheckpoints.Storage.F32_SINGLE);
        int[][] cases = {{1, 256}, {1, 512}, {2, 512}, {1, 1024}, {4, 512}, {2, 1024}};
        System.out.println("| dtype | sequences x tokens | counted by the plan (temporaries + KV cache) |"
                + " measured peak | measured / counted |");
        System.out.println("|---|---|---|---|---|");
        for (Precision precision : new Precision[] {Precision.FLOAT32, Precision.FLOAT16}) {
            measure(dir, precision, cases);
        }
        System.exit(0);
    }

    private static void measure(Path dir, Precision precision, int[][] cases) throws Exception {
        try (CausalLm lm = CausalLm.load(dir, new LoadOptions(DeviceChoice.CPU).withSharedPromptHeads(false)
                .withPrecision(precision))) {
            MemoryCosts costs = new MemoryCosts(lm.config(), precision == Precision.FLOAT16 ? 2 : 4);
            // twice: the first pass also meets first-use costs and memory the JVM lets go of (the checkpoint's
            // mapped pages), and is not printed
            for (int pass = 0; pass < 2; pass++) {
                for (int[] c : cases) {
                    long counted = costs.forwardBytes(c[0], c[1], c[1])
                            + (long) c[0] * (c[1] + 1) * costs.kvBytesPerToken();
                    long peak = peakOfPrefill(lm, c[0], c[1]);
                    if (pass == 1) {
                        System.out.printf(Locale.ROOT, "| %s | %d x %d | %.1f MB | %.1f MB | %.2f |%n",
                                precision.name().toLowerCase(Locale.ROOT), c[0], c[1], counted / 1e6, peak / 1e6,
                                (double) peak / counted);
                    }
                }
            }
        }
    }

    /** The resident memory a prefill of {@code n} random prompts of {@code tokens} tokens adds at its peak. */
    private static long peakOfPrefill(CausalLm lm, int n, int tokens) throws Exception {
        Random random = new Random(n * 31L + tokens);
        int[][] prompts = new int[n][tokens];
        for (int[] p : prompts) {
            for (int i = 0; i < tokens; i++) {
                p[i] = 3 + random.nextInt(30_000);
            }
        }
        System.gc();
        Thread.sleep(200);
        long before = status("VmRSS");
        Files.writeString(Path.of("/proc/self/clear_refs"), "5"); // resets VmHWM to the current RSS
        try (KvBatchDecoder decoder = lm.newBatch(n, tokens + 1, Long.MAX_VALUE)) {
            decoder.prefill(prompts);
        }
        return status("VmHWM") - before;
    }

    /** A /proc/self/status figure, in bytes. */
    private static long status(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no " + key + " in /proc/self/status");
    }
}
