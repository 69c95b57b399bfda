package dev.rubric.stats;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * How often a judge picks the response people preferred, counted the two ways the Prometheus 2 paper reports for
 * data with ties (Kim et al. 2024, the Auto-J and MT Bench human judgement sets; prometheus-eval's
 * {@code calculate_results} and {@code evaluate_autoj_performance}):
 *
 * <ul>
 *   <li>{@link #withTies()}: every record counts; one people called a tie is right only when the judge called it a
 *       tie too (a Prometheus judge answers A or B, so for it those records are misses: the paper's "w/ tie");</li>
 *   <li>{@link #withoutTies()}: the records people called a tie are left out (the paper's {@code skip_tie}).</li>
 * </ul>
 *
 * @param withTies    right picks of all records
 * @param withoutTies right picks of the records people did not call a tie
 */
@API(status = INTERNAL, since = "0.1")
public record PairwiseAccuracy(Rate withTies, Rate withoutTies) {

    /** Which of two responses is better: the first, the second, or neither. */
    public enum Preference { FIRST, SECOND, TIE }

    /**
     * @param human per record, what people preferred
     * @param judge per record, what the judge preferred (in the order people saw the responses)
     */
    public static PairwiseAccuracy of(Preference[] human, Preference[] judge) {
        if (human.length != judge.length) {
            throw new IllegalArgumentException("pairwise accuracy needs one human and one judge preference per record,"
                    + " got " + human.length + " and " + judge.length);
        }
        int right = 0;
        int rightUntied = 0;
        int untied = 0;
        for (int i = 0; i < human.length; i++) {
            boolean hit = human[i] == judge[i];
            right += hit ? 1 : 0;
            if (human[i] != Preference.TIE) {
                untied++;
                rightUntied += hit ? 1 : 0;
            }
        }
        return new PairwiseAccuracy(new Rate(right, human.length), new Rate(rightUntied, untied));
    }
}
