package dev.rubric.core;

import org.apiguardian.api.API;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The judge SPI: grades asynchronously, one request or many. Implementations: the OpenAI-compatible HTTP judge,
 * the in-JVM local judge, and the verdict cache in front of either. A judge never makes a verdict up: a future
 * completes exceptionally with {@link JudgeException} when no verdict could be had.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface Judge extends AutoCloseable {

    /** Which model, format and decoding settings produce this judge's verdicts. */
    JudgeFingerprint fingerprint();

    /** Grades one request; the future's verdict matches the request's mode. */
    CompletableFuture<Verdict> grade(Grading grading);

    default CompletableFuture<AbsoluteVerdict> grade(AbsoluteGrading grading) {
        return grade((Grading) grading).thenApply(AbsoluteVerdict.class::cast);
    }

    default CompletableFuture<PairwiseVerdict> grade(PairwiseGrading grading) {
        return grade((Grading) grading).thenApply(PairwiseVerdict.class::cast);
    }

    /** Grades many requests; implementations that batch take them together. Results in request order. */
    default List<CompletableFuture<Verdict>> gradeAll(List<? extends Grading> gradings) {
        return gradings.stream().map(g -> grade((Grading) g)).toList();
    }

    /** Frees the judge's resources (connections, native memory); pending gradings fail with {@link JudgeException.Reason#CLOSED}. */
    @Override
    void close();
}
