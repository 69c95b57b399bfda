package dev.rubric.maven.text;

import dev.rubric.maven.calibrate.CalibrationResults.AbsoluteCalibration;
import dev.rubric.maven.calibrate.CalibrationResults.PairwiseCalibration;
import dev.rubric.maven.calibrate.CalibrationResults.RateValue;
import dev.rubric.maven.calibrate.CalibrationResults.Statistic;
import dev.rubric.stats.AgreementStatistic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/** The calibration's numbers in words, for the build log and the report (one wording for both). */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class CalibrationText {

    /** The statistics that are shares of records, shown as percentages. */
    private static final List<String> SHARES = List.of(AgreementStatistic.EXACT_AGREEMENT.key(),
            AgreementStatistic.WITHIN_ONE_AGREEMENT.key());

    private CalibrationText() {
    }

    /** "0.83 (95% 0.50 to 0.97)", "0.83 (no interval: one record has no interval)", "undefined: ...". */
    public static String statistic(String key, Statistic s) {
        if (!s.defined()) {
            return "undefined (" + s.undefined() + ")";
        }
        String value = value(key, s.value());
        if (!s.hasInterval()) {
            return value + " (no interval: " + s.noInterval() + ")";
        }
        return value + " (95% " + value(key, s.low()) + " to " + value(key, s.high()) + ")";
    }

    /** The value alone: a percentage for agreement rates, else two decimals. */
    public static String value(String key, double v) {
        return SHARES.contains(key) ? Text.percent(v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** "9 of 10 (90.0%, 95% 59.6% to 98.2%)", or "no records". */
    public static String rate(RateValue r) {
        if (r.trials() == 0 || r.value() == null) {
            return "no records";
        }
        return r.successes() + " of " + r.trials() + " (" + Text.percent(r.value()) + ", 95% " + Text.percent(r.low())
                + " to " + Text.percent(r.high()) + ")";
    }

    /** The log lines of a rubric's absolute calibration. */
    public static List<String> absolute(String rubric, AbsoluteCalibration a) {
        List<String> lines = new ArrayList<>();
        lines.add(rubric + ": " + a.records() + " scored record" + (a.records() == 1 ? "" : "s")
                + (a.withoutVerdict() == 0 ? "" : ", " + a.withoutVerdict() + " without a verdict (left out)"));
        for (AgreementStatistic s : AgreementStatistic.values()) {
            Statistic value = a.statistics().get(s.key());
            if (value != null) {
                lines.add("  " + s.title() + ": " + statistic(s.key(), value));
            }
        }
        if (a.raters() != null) {
            lines.add("  raters' own agreement (Krippendorff's alpha over " + a.raters().records() + " record"
                    + (a.raters().records() == 1 ? "" : "s") + " rated more than once): "
                    + statistic("krippendorffAlpha", a.raters().krippendorffAlpha()));
        }
        return lines;
    }

    /** The log lines of a rubric's pairwise calibration. */
    public static List<String> pairwise(String rubric, PairwiseCalibration p) {
        List<String> lines = new ArrayList<>();
        lines.add(rubric + ": " + p.records() + " pairwise record" + (p.records() == 1 ? "" : "s") + ", "
                + p.humanTies() + " called a tie by people"
                + (p.withoutVerdict() == 0 ? "" : ", " + p.withoutVerdict() + " without a verdict (left out)"));
        lines.add("  accuracy (A/B as shown, ties as misses): " + rate(p.accuracy()) + "; without ties: "
                + rate(p.accuracyWithoutTies()));
        lines.add("  accuracy when the pick must survive swapping A and B: " + rate(p.bothOrders())
                + "; without ties: " + rate(p.bothOrdersWithoutTies()));
        lines.add("  swap consistency: " + rate(p.swapConsistency()));
        return lines;
    }
}
