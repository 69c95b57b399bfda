package dev.rubric.maven.rejudge;

import dev.rubric.core.GradingMode;
import dev.rubric.results.batch.GradedBatch;
import dev.rubric.results.batch.GradingOutcome;
import dev.rubric.results.VerdictRecord;

import java.util.Map;

/**
 * How far the new judge agrees with the old, verdict by verdict (each stored verdict against its re-judged self).
 *
 * @param absolute       absolute verdicts with a score from both judges
 * @param sameScore      of those, the same score
 * @param withinOne      of those, scores at most one point apart
 * @param meanChange     the mean of new minus old score, NaN without absolute verdicts
 * @param meanAbsChange  the mean distance between the scores
 * @param pairwise       pairwise verdicts from both judges
 * @param sameWinner     of those, the same winner
 * @param failed         gradings the new judge gave no verdict for
 */
public record Agreement(int absolute, int sameScore, int withinOne, double meanChange, double meanAbsChange,
                        int pairwise, int sameWinner, int failed) {

    /** Each old verdict of the plan against its new outcome. */
    public static Agreement of(Map<String, VerdictRecord> old, GradedBatch graded) {
        int absolute = 0;
        int same = 0;
        int within = 0;
        double change = 0;
        double distance = 0;
        int pairwise = 0;
        int sameWinner = 0;
        int failed = 0;
        for (GradingOutcome o : graded.outcomes()) {
            VerdictRecord before = old.get(o.id());
            VerdictRecord after = o.verdict();
            if (after == null) {
                failed++;
                continue;
            }
            if (before == null) {
                continue;
            }
            if (before.mode() == GradingMode.ABSOLUTE && before.score() != null && after.score() != null) {
                absolute++;
                int d = after.score() - before.score();
                same += d == 0 ? 1 : 0;
                within += Math.abs(d) <= 1 ? 1 : 0;
                change += d;
                distance += Math.abs(d);
            } else if (before.mode() == GradingMode.PAIRWISE && before.winner() != null) {
                pairwise++;
                sameWinner += before.winner().equals(after.winner()) ? 1 : 0;
            }
        }
        return new Agreement(absolute, same, within, absolute == 0 ? Double.NaN : change / absolute,
                absolute == 0 ? Double.NaN : distance / absolute, pairwise, sameWinner, failed);
    }
}
