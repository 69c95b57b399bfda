package dev.rubric.results;

import dev.rubric.core.GradingMode;
import org.apiguardian.api.API;

import java.util.List;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * One verdict as the results file keeps it.
 *
 * @param mode          absolute or pairwise
 * @param rubric        the rubric's name
 * @param criteria      the rubric's criteria
 * @param instruction   what the system under test was asked
 * @param response      the graded response (pairwise: response A as given to the judge)
 * @param responseB     pairwise: response B as given to the judge; else {@code null}
 * @param reference     the reference answer, or {@code null}
 * @param score         absolute: 1..5; else {@code null}
 * @param winner        pairwise: "A" or "B"; else {@code null}
 * @param expectedScore absolute, when probabilities are known
 * @param probabilities absolute: P(1..5); pairwise: [P(A), P(B)]; or {@code null} (the judge gave none where they
 *                      would not be real)
 * @param sampleScores  absolute with several judge samples: each score; else {@code null}
 * @param feedback      the judge's feedback (untrusted text: escape before showing it in HTML)
 * @param forced        the judge did not write [RESULT] itself and the local judge's decoder appended it (the judge
 *                      stopped before it, or reached its token budget)
 * @param cached        served from the verdict cache
 * @param latencyMs     time to the verdict
 * @param fingerprintId the judge fingerprint's id
 * @param probabilityMass how much of the judge's probability at the verdict position the scores (or A and B) in
 *                      {@code probabilities} held before they were normalised, within (0, 1]: 1 for the local judge,
 *                      what the reported alternatives covered for a server; {@code null} without probabilities, and
 *                      in results files written before this field (read them as "not recorded")
 */
@API(status = INTERNAL, since = "0.1")
public record VerdictRecord(GradingMode mode, String rubric, String criteria, String instruction, String response,
                            String responseB, String reference, Integer score, String winner, Double expectedScore,
                            List<Double> probabilities, List<Integer> sampleScores, String feedback, boolean forced,
                            boolean cached, long latencyMs, String fingerprintId, Double probabilityMass) {

    /** A record without a probability mass ("not recorded"). */
    public VerdictRecord(GradingMode mode, String rubric, String criteria, String instruction, String response,
                         String responseB, String reference, Integer score, String winner, Double expectedScore,
                         List<Double> probabilities, List<Integer> sampleScores, String feedback, boolean forced,
                         boolean cached, long latencyMs, String fingerprintId) {
        this(mode, rubric, criteria, instruction, response, responseB, reference, score, winner, expectedScore,
                probabilities, sampleScores, feedback, forced, cached, latencyMs, fingerprintId, null);
    }
}
