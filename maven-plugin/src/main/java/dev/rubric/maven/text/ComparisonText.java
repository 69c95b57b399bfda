package dev.rubric.maven.text;

import dev.rubric.maven.baseline.BaselineComparison;
import dev.rubric.maven.baseline.PairedComparison;
import dev.rubric.stats.MeanDifference;
import dev.rubric.stats.PairedRateDifference;
import dev.rubric.stats.Significance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Puts a comparison with the baseline into words a person reads once and understands, for the build log and the
 * report alike: "3 tests got worse (passed, now fail) and 1 better, 36 unchanged; mean score 4.10 -> 3.85 (-0.25,
 * 95% interval -0.48 to -0.02) over 40 tests scored in both: 9 lower, 2 higher, 29 the same. A drop this large
 * happens by chance in 41% of runs: within noise (alpha 5%)."
 */
public final class ComparisonText {

    private ComparisonText() {
    }

    /** The whole comparison in two sentences: what moved, then whether that is beyond noise. */
    public static String sentence(PairedComparison c, double alpha) {
        List<String> parts = new ArrayList<>();
        parts.add(outcomes(c));
        if (!c.scores().isEmpty()) {
            parts.add(scores(c));
        }
        return String.join("; ", parts) + ". " + verdict(c, alpha) + ".";
    }

    /** "3 tests got worse (passed, now fail) and 1 better, 36 unchanged". */
    public static String outcomes(PairedComparison c) {
        if (c.decidedInBoth() == 0) {
            return "no test was passed or failed in both runs";
        }
        int unchanged = c.bothPassed() + c.bothFailed();
        int worse = c.worse().size();
        int better = c.better().size();
        return worse + " test" + plural(worse) + " got worse (passed, now fail" + (worse == 1 ? "s" : "") + ") and "
                + better + " better, " + unchanged + " unchanged";
    }

    /** "mean score 4.10 -> 3.85 (-0.25, 95% interval -0.48 to -0.02) over 40 tests scored in both: 9 lower, ...". */
    public static String scores(PairedComparison c) {
        List<BaselineComparison.ScoreChange> s = c.scores();
        double before = s.stream().mapToDouble(BaselineComparison.ScoreChange::before).average().orElse(Double.NaN);
        double after = s.stream().mapToDouble(BaselineComparison.ScoreChange::after).average().orElse(Double.NaN);
        MeanDifference m = c.meanChange();
        return "mean score " + Text.score(before) + " -> " + Text.score(after) + " (" + Text.signed(m.mean())
                + (m.hasInterval() ? ", 95% interval " + Text.signed(m.low()) + " to " + Text.signed(m.high()) : "")
                + ") over " + s.size() + " test" + plural(s.size()) + " scored in both: " + c.lower() + " lower, "
                + c.higher() + " higher, " + c.same() + " the same";
    }

    /** "A drop this large happens by chance in 41% of runs: within noise (alpha 5%)", or that nothing went down. */
    public static String verdict(PairedComparison c, double alpha) {
        if (c.testsApplied() == 0) {
            return "Nothing to compare: no test was decided or scored in both runs";
        }
        if (!c.dropped()) {
            return "Nothing went down";
        }
        return "A drop this large happens by chance in " + Text.chance(c.chanceOfDrop()) + " of runs: "
                + (c.significantDrop(alpha) ? "beyond noise" : "within noise") + " (alpha " + alpha(alpha) + ")";
    }

    /** The pass rate of the tests decided in both: "90.0% -> 85.0% (-5.0 points, 95% interval -14.6 to +4.1)". */
    public static String rate(PairedComparison c) {
        PairedRateDifference r = c.rate();
        if (r.n() == 0) {
            return "-";
        }
        return Text.percent(r.before()) + " -> " + Text.percent(r.after()) + " (" + points(r.change())
                + " points, 95% interval " + points(r.low()) + " to " + points(r.high()) + ")";
    }

    /** The tests behind the verdict, for those who want them: "exact McNemar: one-sided p 0.31; Wilcoxon ...". */
    public static String tests(PairedComparison c) {
        List<String> parts = new ArrayList<>();
        if (c.decidedInBoth() > 0) {
            parts.add(test(c.outcomeTest()));
        }
        if (!c.scores().isEmpty()) {
            parts.add(test(c.scoreTest()));
        }
        if (parts.isEmpty()) {
            return "";
        }
        return String.join("; ", parts) + (parts.size() == 2 ? "; the smaller, times 2 (one per test), is the chance"
                + " of a drop" : "");
    }

    private static String test(Significance s) {
        return s.method() + ": one-sided p " + p(s.pLess()) + " for a drop (two-sided " + p(s.pTwoSided()) + ", "
                + s.n() + " pair" + plural(s.n()) + " that changed)";
    }

    /** The significance level as the POM writes it: "0.05". */
    static String alpha(double alpha) {
        return java.math.BigDecimal.valueOf(alpha).stripTrailingZeros().toPlainString();
    }

    private static String p(double p) {
        return p < 0.0001 ? "< 0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    private static String points(double fraction) {
        return String.format(Locale.ROOT, "%+.1f", fraction * 100);
    }

    private static String plural(long n) {
        return n == 1 ? "" : "s";
    }
}
