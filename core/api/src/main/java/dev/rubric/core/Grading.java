package dev.rubric.core;

import org.apiguardian.api.API;

import java.util.Optional;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/** One request to the judge: an absolute grading (a score 1-5) or a pairwise one (A or B). */
@API(status = EXPERIMENTAL, since = "0.1")
public sealed interface Grading permits AbsoluteGrading, PairwiseGrading {

    String instruction();

    Rubric rubric();

    /** A reference answer worth a score of 5, when the test has one. */
    Optional<String> reference();

    GradingMode mode();
}
