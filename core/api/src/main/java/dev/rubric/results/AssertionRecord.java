package dev.rubric.results;

import dev.rubric.core.GradingMode;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Objects;

/**
 * One rubric assertion of a test.
 *
 * @param mode      absolute or pairwise
 * @param rubric    the rubric's name
 * @param criteria  the rubric's criteria
 * @param check     what was asserted (named by its assertion method in results files: "scoresAtLeast")
 * @param threshold the required score (absolute), or {@code null}
 * @param actual    the observed score or expected score (absolute), or {@code null}
 * @param pairwise  for pairwise checks: WIN, LOSS or INCONSISTENT (the preference flipped with position)
 * @param passed    whether the assertion held
 * @param aborted   the judge gave no verdict (it failed or could not be built): the assertion neither held nor
 *                  failed; {@code passed} is false and {@code actual} and {@code pairwise} are {@code null}. Results
 *                  files written before this field existed read as {@code false}.
 */
@API(status = INTERNAL, since = "0.1")
public record AssertionRecord(GradingMode mode, String rubric, String criteria, Check check, Double threshold,
                              Double actual, PairwiseOutcome pairwise, boolean passed, boolean aborted) {

    /** The result of a pairwise comparison asked in both orders. */
    public enum PairwiseOutcome {
        WIN, LOSS, INCONSISTENT;

        /** The outcome of a comparison from whether the response won when shown first (A) and when shown second (B). */
        public static PairwiseOutcome of(boolean winsAsA, boolean winsAsB) {
            return winsAsA && winsAsB ? WIN : !winsAsA && !winsAsB ? LOSS : INCONSISTENT;
        }
    }

    public AssertionRecord {
        Objects.requireNonNull(check, "check");
        if (mode != check.mode()) {
            throw new IllegalArgumentException(check.method() + " is a " + check.mode() + " check, recorded as "
                    + mode + ": the results file is damaged; run the tests again");
        }
        if (aborted && (passed || actual != null || pairwise != null)) {
            throw new IllegalArgumentException("an aborted assertion (" + check.method() + " on " + rubric + ") had no"
                    + " verdict: it cannot have passed or carry a score or pairwise outcome");
        }
    }

    /** An assertion the judge gave a verdict for. */
    public AssertionRecord(String rubric, String criteria, Check check, Double threshold, Double actual,
                           PairwiseOutcome pairwise, boolean passed) {
        this(check.mode(), rubric, criteria, check, threshold, actual, pairwise, passed, false);
    }

    /** An assertion that got no verdict: the judge failed, so the test was aborted at this assertion. */
    public static AssertionRecord noVerdict(String rubric, String criteria, Check check, Double threshold) {
        return new AssertionRecord(check.mode(), rubric, criteria, check, threshold, null, null, false, true);
    }
}
