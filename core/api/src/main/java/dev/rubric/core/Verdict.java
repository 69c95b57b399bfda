package dev.rubric.core;

import org.apiguardian.api.API;

import java.time.Duration;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/** What the judge decided about one grading. Never made up: a judge that cannot decide throws {@link JudgeException}. */
@API(status = EXPERIMENTAL, since = "0.1")
public sealed interface Verdict permits AbsoluteVerdict, PairwiseVerdict {

    /** The judge's feedback, without the {@code [RESULT] n} tail. */
    String feedback();

    /**
     * True when the judge did not write {@code [RESULT]} itself and the decoder appended it: the judge stopped before
     * it, or reached its token budget ({@code rubric.judge.max-tokens}). Only the local judge forces a verdict.
     */
    boolean forced();

    /** Which judge, with which settings, produced this verdict. */
    JudgeFingerprint fingerprint();

    /** Wall time from submission to verdict (for a cached verdict: the time of the original grading). */
    Duration latency();

    /** True when this verdict came from the verdict cache rather than from the judge. */
    boolean cached();

    /**
     * How much of the judge's probability at the verdict position the verdict's probabilities held before they were
     * normalised, within (0, 1]; {@code null} when the verdict has no probabilities.
     */
    Double probabilityMass();

    /** The same verdict, marked as served from the cache. */
    Verdict asCached();
}
