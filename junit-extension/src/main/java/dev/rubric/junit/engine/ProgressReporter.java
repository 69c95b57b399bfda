package dev.rubric.junit.engine;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The progress line on standard output while gradings are pending: "rubric: 12/40 gradings done, 3.1 verdicts/s".
 * Printed by one daemon thread (started with the first grading) at most once per interval, and only while something
 * is pending.
 */
public final class ProgressReporter implements AutoCloseable {

    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final PrintStream out;
    private final Duration interval;
    private final boolean enabled;
    private final long startNanos = System.nanoTime();
    /** Started with the first grading, so that a run that grades nothing starts no thread. Guarded by this. */
    private ScheduledExecutorService ticker;
    private boolean closed;
    private volatile String lastLine = "";

    private ProgressReporter(PrintStream out, Duration interval, boolean enabled) {
        this.out = out;
        this.interval = interval;
        this.enabled = enabled;
    }

    public static ProgressReporter printingTo(PrintStream out, Duration interval) {
        return new ProgressReporter(out, interval, true);
    }

    public static ProgressReporter silent() {
        return new ProgressReporter(null, Duration.ZERO, false);
    }

    void submitted(int n) {
        submitted.addAndGet(n);
        if (enabled) {
            startTicking();
        }
    }

    private synchronized void startTicking() {
        if (ticker == null && !closed) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "rubric-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void completed(int n) {
        completed.addAndGet(n);
    }

    /** The line as it would be printed now. */
    public String line() {
        long done = completed.get();
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        return String.format(Locale.ROOT, "rubric: %d/%d gradings done, %.1f verdicts/s", done, submitted.get(),
                done / seconds);
    }

    private void tick() {
        if (completed.get() >= submitted.get()) {
            return;
        }
        String line = line();
        if (!line.equals(lastLine)) {
            lastLine = line;
            out.println(line);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }
}
