package dev.rubric.results;

import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.Grading;
import dev.rubric.core.GradingMode;
import dev.rubric.core.PairwiseGrading;
import dev.rubric.core.PairwiseVerdict;
import dev.rubric.core.Rubric;
import dev.rubric.core.Rubrics;
import dev.rubric.core.Verdict;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Optional;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * One verdict as the results file keeps it: the verdict, and everything its grading was (instruction, responses,
 * reference, the rubric's name, criteria and score descriptions), so that it can be graded again by another judge
 * without running the test ({@code mvn rubric:rejudge}).
 *
 * @param mode              absolute or pairwise
 * @param rubric            the rubric's name
 * @param criteria          the rubric's criteria
 * @param instruction       what the system under test was asked
 * @param response          the graded response (pairwise: response A as given to the judge)
 * @param responseB         pairwise: response B as given to the judge; else {@code null}
 * @param reference         the reference answer, or {@code null}
 * @param score             absolute: 1..5; else {@code null}
 * @param winner            pairwise: "A" or "B"; else {@code null}
 * @param expectedScore     absolute, when probabilities are known
 * @param probabilities     absolute: P(1..5); pairwise: [P(A), P(B)]; or {@code null} (the judge gave none where
 *                          they would not be real)
 * @param sampleScores      absolute with several judge samples: each score; else {@code null}
 * @param feedback          the judge's feedback (untrusted text: escape before showing it in HTML)
 * @param forced            the judge did not write [RESULT] itself and the local judge's decoder appended it (the
 *                          judge stopped before it, or reached its token budget)
 * @param cached            served from the verdict cache
 * @param latencyMs         time to the verdict
 * @param fingerprintId     the judge fingerprint's id
 * @param scoreDescriptions the rubric's descriptions of scores 1 to 5; {@code null} in files written before they were
 *                          kept (a verdict on one of the predefined rubrics can still be graded again)
 * @param probabilityMass   how much of the judge's probability at the verdict position the scores (or A and B) in
 *                          {@code probabilities} held before they were normalised, within (0, 1]: 1 for the local
 *                          judge, what the reported alternatives covered for a server; {@code null} without
 *                          probabilities, and in results files written before this field ("not recorded")
 */
@API(status = INTERNAL, since = "0.1")
public record VerdictRecord(GradingMode mode, String rubric, String criteria, String instruction, String response,
                            String responseB, String reference, Integer score, String winner, Double expectedScore,
                            List<Double> probabilities, List<Integer> sampleScores, String feedback, boolean forced,
                            boolean cached, long latencyMs, String fingerprintId, List<String> scoreDescriptions, Double probabilityMass) {

    public VerdictRecord {
        scoreDescriptions = scoreDescriptions == null ? null : List.copyOf(scoreDescriptions);
    }

    /**
     * A verdict record without the rubric's score descriptions and probability mass (as files written before they
     * were kept read).
     */
    public VerdictRecord(GradingMode mode, String rubric, String criteria, String instruction, String response,
                         String responseB, String reference, Integer score, String winner, Double expectedScore,
                         List<Double> probabilities, List<Integer> sampleScores, String feedback, boolean forced,
                         boolean cached, long latencyMs, String fingerprintId) {
        this(mode, rubric, criteria, instruction, response, responseB, reference, score, winner, expectedScore,
                probabilities, sampleScores, feedback, forced, cached, latencyMs, fingerprintId, null, null);
    }

    /** The record of a verdict on a grading: the one way the engine and the re-judging runner write verdicts. */
    public static VerdictRecord of(Grading grading, Verdict verdict) {
        String reference = grading.reference().orElse(null);
        String fp = verdict.fingerprint().id();
        List<String> descriptions = grading.rubric().scoreDescriptions();
        if (verdict instanceof AbsoluteVerdict a) {
            AbsoluteGrading g = (AbsoluteGrading) grading;
            return new VerdictRecord(g.mode(), g.rubric().name(), g.rubric().criteria(), g.instruction(), g.response(),
                    null, reference, a.score(), null, a.expectedScore().orElse(null), a.probabilities(),
                    a.sampleScores().size() > 1 ? a.sampleScores() : null, a.feedback(), a.forced(), a.cached(),
                    a.latency().toMillis(), fp, descriptions, a.probabilityMass());
        }
        PairwiseVerdict p = (PairwiseVerdict) verdict;
        PairwiseGrading g = (PairwiseGrading) grading;
        List<Double> probabilities = p.probabilityA() == null ? null : List.of(p.probabilityA(), 1 - p.probabilityA());
        return new VerdictRecord(g.mode(), g.rubric().name(), g.rubric().criteria(), g.instruction(), g.responseA(),
                g.responseB(), reference, null, p.winner().name(), null, probabilities, null, p.feedback(), p.forced(),
                p.cached(), p.latency().toMillis(), fp, descriptions, p.probabilityMass());
    }

    /**
     * Why this verdict's grading cannot be rebuilt from the record, or empty when it can: the file lacks the
     * instruction or a response, or the rubric's score descriptions (files written before they were kept) for a rubric
     * that is not one of the predefined ones.
     */
    public Optional<String> whyNotRegradable() {
        if (mode == null) {
            return Optional.of("the verdict record has no mode (absolute or pairwise)");
        }
        if (instruction == null || response == null || (mode == GradingMode.PAIRWISE && responseB == null)) {
            return Optional.of("the verdict record lacks the instruction or a response");
        }
        if (criteria == null || criteria.isBlank()) {
            return Optional.of("the verdict record lacks the rubric's criteria");
        }
        if (storedRubric().isEmpty()) {
            return Optional.of("the results file was written before it kept the rubric's score descriptions, and '"
                    + rubric + "' is not a predefined rubric whose descriptions are known: run the tests again with"
                    + " this Rubric version to re-judge it");
        }
        return Optional.empty();
    }

    /**
     * The grading this verdict was given, rebuilt from the record.
     *
     * @throws IllegalStateException with {@link #whyNotRegradable()} when it cannot be
     */
    public Grading toGrading() {
        whyNotRegradable().ifPresent(why -> {
            throw new IllegalStateException("cannot grade " + rubric + " again: " + why);
        });
        Rubric r = storedRubric().orElseThrow();
        return mode == GradingMode.ABSOLUTE
                ? new AbsoluteGrading(instruction, response, r, reference)
                : new PairwiseGrading(instruction, response, responseB, r, reference);
    }

    /**
     * The rubric, with the descriptions the record kept; for older records, the predefined rubric of that name and
     * criteria (their descriptions are part of Rubric itself).
     */
    private Optional<Rubric> storedRubric() {
        if (scoreDescriptions != null) {
            try {
                return Optional.of(new Rubric(rubric, criteria, scoreDescriptions));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(rubric).flatMap(Rubrics::find)
                .filter(known -> known.criteria().equals(criteria)).map(known -> known.named(rubric));
    }
}
