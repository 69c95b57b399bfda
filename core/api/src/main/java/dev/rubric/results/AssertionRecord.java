package dev.rubric.results;

import dev.rubric.core.GradingMode;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * One rubric assertion of a test.
 *
 * @param mode      absolute or pairwise
 * @param rubric    the rubric's name
 * @param criteria  the rubric's criteria
 * @param check     what was asserted: scoresAtLeast, scoresAtMost, hasExpectedScoreAtLeast, beats, beatsOrTies, losesTo
 * @param threshold the required score (absolute), or {@code null}
 * @param actual    the observed score or expected score (absolute), or {@code null}
 * @param pairwise  for pairwise checks: WIN, LOSS or INCONSISTENT (the preference flipped with position)
 * @param passed    whether the assertion held
 * @param aborted   the judge gave no verdict (it failed or could not be built): the assertion neither held nor
 *                  failed; {@code passed} is false and {@code actual} and {@code pairwise} are {@code null}. Results
 *                  files written before this field existed read as {@code false}.
 */
@API(status = INTERNAL, since = "0.1")
public record AssertionRecord(GradingMode mode, String rubric, String criteria, String check, Double threshold,
                              Double actual, PairwiseOutcome pairwise, boolean passed, boolean aborted) {

    /** The result of a pairwise comparison asked in both orders. */
    public enum PairwiseOutcome { WIN, LOSS, INCONSISTENT }

    public AssertionRecord {
        if (aborted && (passed || actual != null || pairwise != null)) {
            throw new IllegalArgumentException("an aborted assertion (" + check + " on " + rubric + ") had no verdict:"
                    + " it cannot have passed or carry a score or pairwise outcome");
        }
    }

    /** An assertion the judge gave a verdict for. */
    public AssertionRecord(GradingMode mode, String rubric, String criteria, String check, Double threshold,
                           Double actual, PairwiseOutcome pairwise, boolean passed) {
        this(mode, rubric, criteria, check, threshold, actual, pairwise, passed, false);
    }

    /** An assertion that got no verdict: the judge failed, so the test was aborted at this assertion. */
    public static AssertionRecord noVerdict(GradingMode mode, String rubric, String criteria, String check,
                                            Double threshold) {
        return new AssertionRecord(mode, rubric, criteria, check, threshold, null, null, false, true);
    }
}
