package dev.rubric.junit.engine;

import dev.rubric.junit.internal.GradingScope;
/**
 * A timeout's budget, which does not run while the test waits for the judge: a test fails with a timeout when its own
 * code (the system under test, its set-up) takes too long, never because the judge's queue was long. Thread-safe:
 * the test's thread pauses and resumes it, a watchdog reads it.
 */
final class TimeoutClock implements GradingScope.WaitClock {

    private final long budgetNanos;
    private long counted;
    private long runningSince;
    private int pauses;

    TimeoutClock(long budgetNanos) {
        this.budgetNanos = budgetNanos;
        this.runningSince = System.nanoTime();
    }

    @Override
    public synchronized void stop() {
        if (pauses++ == 0) {
            counted += System.nanoTime() - runningSince;
        }
    }

    @Override
    public synchronized void resume() {
        if (--pauses == 0) {
            runningSince = System.nanoTime();
        }
    }

    synchronized boolean paused() {
        return pauses > 0;
    }

    /** The budget left, in nanoseconds; zero or less once it is spent. */
    synchronized long remainingNanos() {
        long used = counted + (pauses > 0 ? 0 : System.nanoTime() - runningSince);
        return budgetNanos - used;
    }
}
