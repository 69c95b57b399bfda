package dev.rubric.maven.gate;

import dev.rubric.maven.scope.Scope;
import dev.rubric.maven.scope.ScopedTest;
import dev.rubric.maven.scope.SampleCounts;

import dev.rubric.maven.baseline.PairedComparison;
import dev.rubric.maven.calibrate.CalibrationResults.Statistic;
import dev.rubric.maven.merge.GatedTest;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A broken rule, as data: which limit, the value found, the limit and the tests that broke it. The gate finds
 * violations; the mojos and the report put them into words ({@code dev.rubric.maven.text.ViolationText}).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public sealed interface Violation {

    /** What the rule was about. */
    Scope scope();

    /** The tests that broke it, worst first (at most {@link Gate#MAX_OFFENDERS}, then a count of the rest). */
    List<Offender> offenders();

    /**
     * The pass rate is below the minimum.
     *
     * @param passed  the passed tests (a sampled test by its own verdict)
     * @param decided passed and failed tests
     */
    record PassRateBelow(Scope scope, double passRate, int passed, int decided, double minimum,
                         List<Offender> offenders) implements Violation {
        public PassRateBelow {
            offenders = List.copyOf(offenders);
        }
    }

    /** The pass rate of the samples of sampled tests, all of which ran every sample, is below the minimum. */
    record SamplePassRateBelow(Scope scope, SampleCounts samples, double minimum, List<Offender> offenders)
            implements Violation {
        public SamplePassRateBelow {
            offenders = List.copyOf(offenders);
        }
    }

    /**
     * A sample pass-rate limit where sampled tests stopped early: their samples are not a full run, so the rate
     * cannot be held; the offenders are those tests.
     */
    record SamplesStoppedEarly(Scope scope, SampleCounts samples, double minimum, List<Offender> offenders)
            implements Violation {
        public SamplesStoppedEarly {
            offenders = List.copyOf(offenders);
        }
    }

    /** A sample pass-rate limit on tests none of which is sampled: it cannot be held. */
    record NoSamples(Scope scope, double minimum) implements Violation {
        @Override
        public List<Offender> offenders() {
            return List.of();
        }
    }

    /** The mean score of the scored tests is below the minimum. */
    record MeanScoreBelow(Scope scope, double meanScore, int scoredTests, double minimum, List<Offender> offenders)
            implements Violation {
        public MeanScoreBelow {
            offenders = List.copyOf(offenders);
        }
    }

    /** A mean-score limit on tests that have no absolute scores (pairwise only): it cannot be held. */
    record NoScores(Scope scope, double minimum) implements Violation {
        @Override
        public List<Offender> offenders() {
            return List.of();
        }
    }

    /** More tests aborted (no verdict) than allowed. */
    record TooManyAborted(Scope scope, int aborted, int maximum, List<Offender> offenders) implements Violation {
        public TooManyAborted {
            offenders = List.copyOf(offenders);
        }
    }

    /**
     * The mean score fell against the baseline by more than allowed, over the tests scored in both.
     *
     * @param before      the mean score of those tests in the baseline
     * @param after       their mean score now
     * @param testsInBoth how many tests were compared
     */
    record MeanScoreFell(Scope scope, double before, double after, int testsInBoth, double maximumDrop,
                         List<Offender> offenders) implements Violation {
        public MeanScoreFell {
            offenders = List.copyOf(offenders);
        }

        public double drop() {
            return before - after;
        }
    }

    /**
     * The tests shared with the baseline got worse beyond noise: a drop at least this large would happen by chance in
     * fewer than {@code alpha} of runs (see {@link PairedComparison}). The offenders are the tests that went from
     * passed to failed, then those whose score fell.
     */
    record SignificantDrop(Scope scope, PairedComparison comparison, double alpha, List<Offender> offenders)
            implements Violation {
        public SignificantDrop {
            offenders = List.copyOf(offenders);
        }
    }

    /**
     * The judge's agreement with people on a rubric is not known to reach the minimum: it was not measured (no
     * calibration, none for this rubric, or one of another judge), it is undefined or has no interval, or the lower
     * end of its 95% interval is below the minimum.
     *
     * @param statistic   the statistic's key ({@code quadraticKappa}, ...)
     * @param measured    what was measured, or {@code null} when nothing was
     * @param notMeasured why nothing was measured, or {@code null}
     */
    record JudgeAgreementLow(Scope scope, String statistic, double minimum, Statistic measured, String notMeasured)
            implements Violation {
        @Override
        public List<Offender> offenders() {
            return List.of();
        }
    }

    /** Tests that passed in the baseline fail now. */
    record NewFailures(Scope scope, int count, List<Offender> offenders) implements Violation {
        public NewFailures {
            offenders = List.copyOf(offenders);
        }
    }

    /**
     * A rule names a rubric, class, tag or module that no test has.
     *
     * @param known                the names the results do have, sorted
     * @param abortedBeforeVerdict tests that aborted before any verdict: a rubric may be missing because the judge
     *                             failed, not because its name is wrong
     */
    record NoMatch(Scope scope, List<String> known, long abortedBeforeVerdict) implements Violation {
        public NoMatch {
            known = List.copyOf(known);
        }

        @Override
        public List<Offender> offenders() {
            return List.of();
        }
    }

    /** A test that broke a rule, or a line about several. */
    sealed interface Offender {
    }

    /** A test that failed, scored low or aborted, counted in {@code scope}. */
    record Failing(ScopedTest test, Scope scope) implements Offender {
    }

    /** A test whose mean score fell against the baseline. */
    record Dropped(GatedTest test, double before, double after, Scope scope) implements Offender {
    }

    /** Tests aborted for one reason, said once (a judge that is down aborts them all alike). */
    record AbortedAlike(String reason, List<GatedTest> tests, boolean all) implements Offender {
        public AbortedAlike {
            tests = List.copyOf(tests);
        }
    }

    /** The offenders not listed. */
    record More(long count) implements Offender {
    }
}
