package dev.rubric.core;

import java.util.Optional;

/** One request to the judge: an absolute grading (a score 1-5) or a pairwise one (A or B). */
public sealed interface Grading permits AbsoluteGrading, PairwiseGrading {

    String instruction();

    Rubric rubric();

    /** A reference answer worth a score of 5, when the test has one. */
    Optional<String> reference();

    GradingMode mode();
}
