package dev.rubric.results;

import dev.rubric.core.GradingMode;

/**
 * One rubric assertion of a test.
 *
 * @param mode      absolute or pairwise
 * @param rubric    the rubric's name
 * @param criteria  the rubric's criteria
 * @param check     what was asserted: scoresAtLeast, scoresAtMost, hasExpectedScoreAtLeast, beats, beatsOrTies, losesTo
 * @param threshold the required score (absolute), or {@code null}
 * @param actual    the observed score or expected score (absolute), or {@code null}
 * @param pairwise  for pairwise checks: WIN, LOSS, TIE or INCONSISTENT (the preference flipped with position)
 * @param passed    whether the assertion held
 */
public record AssertionRecord(GradingMode mode, String rubric, String criteria, String check, Double threshold,
                              Double actual, PairwiseOutcome pairwise, boolean passed) {

    /** The result of a pairwise comparison asked in both orders. */
    public enum PairwiseOutcome { WIN, LOSS, INCONSISTENT }
}
