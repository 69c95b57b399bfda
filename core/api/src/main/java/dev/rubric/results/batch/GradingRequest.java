package dev.rubric.results.batch;

import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.Grading;
import dev.rubric.core.GradingMode;
import dev.rubric.core.PairwiseGrading;
import dev.rubric.core.Rubric;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * One grading of a {@link GradingBatch}, as the file keeps it: everything the judge needs, under an id the caller
 * chooses to find its outcome again.
 *
 * @param id                the caller's name for it, unique in the batch
 * @param mode              absolute or pairwise
 * @param instruction       what the system under test was asked
 * @param response          the response (pairwise: A)
 * @param responseB         pairwise: B; else {@code null}
 * @param reference         the reference answer, or {@code null}
 * @param rubric            the rubric's name
 * @param criteria          the rubric's criteria
 * @param scoreDescriptions the rubric's descriptions of scores 1 to 5
 * @param filledPrompt      absolute only: the whole user message, already filled (a benchmark file's prompt), sent
 *                          verbatim ({@link AbsoluteGrading#prefilled}); else {@code null}
 */
@API(status = INTERNAL, since = "0.1")
public record GradingRequest(String id, GradingMode mode, String instruction, String response, String responseB,
                             String reference, String rubric, String criteria, List<String> scoreDescriptions,
                             String filledPrompt) {

    public GradingRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        if (filledPrompt != null && mode != GradingMode.ABSOLUTE) {
            throw new IllegalArgumentException("the grading " + id + " has a pre-filled prompt but is " + mode
                    + ": only absolute gradings take one");
        }
        scoreDescriptions = scoreDescriptions == null ? null : List.copyOf(scoreDescriptions);
    }

    public static GradingRequest of(String id, Grading grading) {
        Rubric r = grading.rubric();
        String reference = grading.reference().orElse(null);
        if (grading instanceof AbsoluteGrading a) {
            return new GradingRequest(id, GradingMode.ABSOLUTE, a.instruction(), a.response(), null, reference,
                    r.name(), r.criteria(), r.scoreDescriptions(), a.filledPrompt());
        }
        PairwiseGrading p = (PairwiseGrading) grading;
        return new GradingRequest(id, GradingMode.PAIRWISE, p.instruction(), p.responseA(), p.responseB(), reference,
                r.name(), r.criteria(), r.scoreDescriptions(), null);
    }

    /**
     * The grading itself.
     *
     * @throws IllegalArgumentException when the request lacks a part of it (a damaged or hand-edited file), naming it
     */
    public Grading toGrading() {
        try {
            Rubric r = new Rubric(rubric, criteria, scoreDescriptions == null ? List.of() : scoreDescriptions);
            return mode == GradingMode.ABSOLUTE
                    ? new AbsoluteGrading(instruction, response, r, reference, filledPrompt)
                    : new PairwiseGrading(instruction, response, responseB, r, reference);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the grading " + id + " of the batch is incomplete: " + e.getMessage(),
                    e);
        }
    }
}
