package dev.rubric.maven.baseline;

import dev.rubric.maven.gate.Scope;
import dev.rubric.maven.merge.GatedTest;
import dev.rubric.stats.McNemarTest;
import dev.rubric.stats.MeanDifference;
import dev.rubric.stats.PairedRateDifference;
import dev.rubric.stats.Significance;
import dev.rubric.stats.WilcoxonSignedRankTest;

import java.util.List;

/**
 * The current run against the baseline on the tests of one scope that both have: which tests moved, by how much, and
 * whether the movement as a whole is beyond noise. Each test is paired with itself, so the tests that did not change
 * cancel out and a few that did are not drowned in the suite's spread:
 *
 * <ul>
 *   <li><b>Outcomes</b>: tests decided (passed or failed) in both runs. Those that went from passed to failed
 *       ({@link #worse()}) against those that went the other way ({@link #better()}): the exact McNemar test, and the
 *       pass rate's change with Newcombe's 95% interval.</li>
 *   <li><b>Scores</b>: tests with a mean absolute score in both runs (a sampled test: the mean of its samples). Their
 *       differences: the Wilcoxon signed-rank test, and the mean change with its 95% t interval.</li>
 * </ul>
 *
 * <p>A drop is <b>significant</b> at {@code alpha} when either test's one-sided p-value for a drop is below alpha
 * divided by the number of tests that apply (Bonferroni over the two, so that a scope that did not change fails a
 * build in at most alpha of runs). {@link #chanceOfDrop()} is that adjusted p-value: how often a drop at least this
 * large would happen by chance.
 *
 * @param scope       the tests compared
 * @param bothPassed  tests that passed in both runs
 * @param worse       tests that passed in the baseline and fail now
 * @param better      tests that failed in the baseline and pass now
 * @param bothFailed  tests that failed in both runs
 * @param scores      the score changes of the tests scored in both runs, worst drop first
 * @param outcomeTest the exact McNemar test of {@code worse} against {@code better}
 * @param rate        the pass rate of the tests decided in both runs, before and after, and its change
 * @param scoreTest   the Wilcoxon signed-rank test of the score changes
 * @param meanChange  the mean score change with its interval
 */
public record PairedComparison(Scope scope, int bothPassed, List<GatedTest> worse, List<GatedTest> better,
                               int bothFailed, List<BaselineComparison.ScoreChange> scores, Significance outcomeTest,
                               PairedRateDifference rate, Significance scoreTest, MeanDifference meanChange) {

    public PairedComparison {
        worse = List.copyOf(worse);
        better = List.copyOf(better);
        scores = List.copyOf(scores);
    }

    /** The comparison of paired outcomes and scores (the statistics come from {@code dev.rubric.stats}). */
    public static PairedComparison of(Scope scope, int bothPassed, List<GatedTest> worse, List<GatedTest> better,
                                      int bothFailed, List<BaselineComparison.ScoreChange> scores) {
        double[] differences = scores.stream().mapToDouble(BaselineComparison.ScoreChange::delta).toArray();
        return new PairedComparison(scope, bothPassed, worse, better, bothFailed, scores,
                McNemarTest.exact(worse.size(), better.size()),
                PairedRateDifference.of(bothPassed, worse.size(), better.size(), bothFailed),
                WilcoxonSignedRankTest.test(differences), MeanDifference.of(differences));
    }

    /** Tests decided in both runs. */
    public int decidedInBoth() {
        return bothPassed + worse.size() + better.size() + bothFailed;
    }

    /** Tests whose score fell, rose, stayed (to 9 decimals, as the Wilcoxon test counts them). */
    public long lower() {
        return scores.stream().filter(c -> rounded(c.delta()) < 0).count();
    }

    public long higher() {
        return scores.stream().filter(c -> rounded(c.delta()) > 0).count();
    }

    public long same() {
        return scores.size() - lower() - higher();
    }

    /** How many of the two tests apply: the outcome test when tests were decided in both runs, the score test when
     * tests were scored in both. */
    public int testsApplied() {
        return (decidedInBoth() > 0 ? 1 : 0) + (scores.isEmpty() ? 0 : 1);
    }

    /**
     * How often a drop at least this large would happen by chance: the smaller one-sided p-value for a drop, times
     * the number of tests that apply (Bonferroni), at most 1; 1 when nothing could be compared.
     */
    public double chanceOfDrop() {
        double p = 1;
        if (decidedInBoth() > 0) {
            p = Math.min(p, outcomeTest.pLess());
        }
        if (!scores.isEmpty()) {
            p = Math.min(p, scoreTest.pLess());
        }
        return Math.min(1, p * Math.max(1, testsApplied()));
    }

    /** Whether anything went down at all: a test that now fails, or a mean score that fell. */
    public boolean dropped() {
        return !worse.isEmpty() || (meanChange.n() > 0 && rounded(meanChange.mean()) < 0);
    }

    /** A drop beyond noise at {@code alpha}: something went down, and a drop this large happens by chance in fewer
     * than alpha of runs. */
    public boolean significantDrop(double alpha) {
        return dropped() && chanceOfDrop() < alpha;
    }

    private static double rounded(double x) {
        return Math.rint(x * 1e9) / 1e9;
    }
}
