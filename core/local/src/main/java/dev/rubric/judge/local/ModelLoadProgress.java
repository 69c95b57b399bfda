package dev.rubric.judge.local;

import dev.rubric.lm.LoadProgress;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** The console line while the judge model loads: tensors and bytes done, every 2 seconds and once at the end. */
final class ModelLoadProgress implements LoadProgress {

    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final PrintStream out;
    private final long start = System.nanoTime();
    private long lastPrint = start;

    ModelLoadProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void loaded(String tensor, int tensorsDone, int tensors, long bytesDone, long bytes) {
        long now = System.nanoTime();
        boolean done = tensorsDone >= tensors;
        if (!done && now - lastPrint < INTERVAL_NANOS) {
            return;
        }
        lastPrint = now;
        out.printf(Locale.ROOT, "Rubric: loading the judge model: %d/%d tensors, %.2f/%.2f GB (%.0f%%), %.0f s%n",
                tensorsDone, tensors, bytesDone / 1e9, bytes / 1e9, bytes == 0 ? 100.0 : 100.0 * bytesDone / bytes,
                (now - start) / 1e9);
        out.flush();
    }
}
