package dev.rubric.junit.engine;

import dev.rubric.junit.JudgeAbortedException;
import dev.rubric.results.SampleStats;
import dev.rubric.stats.WilsonInterval;
import org.junit.platform.engine.TestExecutionResult;

import java.util.Locale;

/**
 * The running count of a sampled test's samples: decides when the outcome is settled (enough passes, or too many
 * failures for the rest to make up) and what the method's outcome is. Thread-safe: samples may run in parallel.
 */
final class SampleTally {

    private final int planned;
    private final double minPassRate;
    private final int required;
    private final boolean earlyStop;
    private int passed;
    private int failed;
    private int aborted;
    private JudgeAbortedException firstAbort;
    private String firstFailure;
    private TestExecutionResult decision;
    private String skipReason;

    public SampleTally(int planned, double minPassRate) {
        this(planned, minPassRate, true);
    }

    /**
     * @param earlyStop false runs every sample (rubric.execution.early-stop=false): the samples' pass rate is then a
     *                  full one, not one cut short by the stop
     */
    public SampleTally(int planned, double minPassRate, boolean earlyStop) {
        this.planned = planned;
        this.minPassRate = minPassRate;
        this.required = requiredPasses(planned, minPassRate);
        this.earlyStop = earlyStop;
    }

    /** The smallest number of passes with passes / planned &gt;= minPassRate. */
    static int requiredPasses(int planned, double minPassRate) {
        int r = (int) Math.ceil(minPassRate * planned - 1e-9);
        return Math.max(0, Math.min(planned, r));
    }

    public synchronized void passed() {
        passed++;
    }

    public synchronized void failed(String message) {
        failed++;
        if (firstFailure == null) {
            firstFailure = message;
        }
    }

    /** A sample the judge gave no verdict for. */
    public synchronized void aborted(JudgeAbortedException e) {
        aborted++;
        if (firstAbort == null) {
            firstAbort = e;
        }
    }

    /**
     * A sample that skipped itself (a failed assumption): the assumption would fail in every sample alike, so the
     * rest are not run and the sampled test is skipped, unless enough samples had already passed.
     */
    public synchronized void skipped(String reason) {
        if (skipReason == null) {
            skipReason = reason == null ? "an assumption failed" : reason;
        }
    }

    /** Why a sample skipped itself (a failed assumption), or null. */
    public synchronized String skipReason() {
        return skipReason;
    }

    /**
     * True once no more samples are to run: the remaining ones cannot change the outcome (unless early stopping is
     * off), or a sample skipped itself.
     */
    public synchronized boolean settled() {
        if (skipReason != null) {
            return true;
        }
        int remaining = planned - passed - failed - aborted;
        return earlyStop && (passed >= required || passed + remaining < required);
    }

    public synchronized boolean met() {
        return passed >= required;
    }

    public synchronized int run() {
        return passed + failed + aborted;
    }

    public synchronized boolean anyAborted() {
        return aborted > 0;
    }

    /** The outcome the sampled test's {@link PassRateDescriptor} came to. */
    synchronized void decided(TestExecutionResult result) {
        decision = result;
    }

    /** The outcome the pass-rate node came to, or null when it did not run. */
    synchronized TestExecutionResult decision() {
        return decision;
    }

    public synchronized JudgeAbortedException firstAbort() {
        return firstAbort;
    }

    public synchronized String firstFailure() {
        return firstFailure;
    }

    public synchronized SampleStats stats() {
        int run = run();
        WilsonInterval w = WilsonInterval.of(passed, run);
        double rate = run == 0 ? 0 : (double) passed / run;
        return new SampleStats(planned, run, passed, minPassRate, rate, w.low(), w.high(), run < planned);
    }

    /** "4/5 samples passed (80%, 95% CI 38%-96%), 4 of 5 required (min pass rate 0.8)". */
    public synchronized String describe() {
        SampleStats s = stats();
        String text = String.format(Locale.ROOT, "%d/%d samples passed (%.0f%%, 95%% CI %.0f%%-%.0f%%); %d of %d required"
                        + " (minPassRate %s)", s.passed(), s.run(), 100 * s.passRate(), 100 * s.wilsonLow(),
                100 * s.wilsonHigh(), required, planned, minPassRate);
        if (s.stoppedEarly()) {
            text += "; stopped after " + s.run() + " of " + planned + " samples: the outcome was settled";
        }
        return text;
    }
}
