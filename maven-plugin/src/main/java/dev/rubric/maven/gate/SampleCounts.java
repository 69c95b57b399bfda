package dev.rubric.maven.gate;

/**
 * The samples of a scope's sampled tests, counted only where they are a full run. A sampled test that stopped early
 * (its outcome settled: rubric.execution.early-stop, on by default) ran the samples its stop chose, so its passed /
 * run fraction is not its pass rate (pass, pass, pass, fail, fail needing 3 of 5 stops at 3 of 3; the full run is
 * 3 of 5): it is counted in {@link #stoppedEarly()} and left out of the samples.
 *
 * @param sampledTests  decided (passed or failed) sampled tests in scope
 * @param fullRuns      those that ran every planned sample
 * @param stoppedEarly  those that stopped once their outcome was settled
 * @param samplesRun    the samples of the full runs
 * @param samplesPassed those of them that passed
 */
public record SampleCounts(int sampledTests, int fullRuns, int stoppedEarly, int samplesRun, int samplesPassed) {

    public static final SampleCounts NONE = new SampleCounts(0, 0, 0, 0, 0);

    public SampleCounts {
        if (fullRuns + stoppedEarly != sampledTests || samplesPassed < 0 || samplesPassed > samplesRun) {
            throw new IllegalArgumentException("inconsistent sample counts: " + sampledTests + " sampled tests, "
                    + fullRuns + " full runs, " + stoppedEarly + " stopped early, " + samplesPassed + " of "
                    + samplesRun + " samples passed");
        }
    }

    /** Passed samples over the samples of full runs; NaN when no sampled test ran every sample. */
    public double passRate() {
        return samplesRun == 0 ? Double.NaN : (double) samplesPassed / samplesRun;
    }
}
