package dev.rubric.maven.report;

import dev.rubric.maven.calibrate.CalibrationResults;
import dev.rubric.maven.calibrate.CalibrationResults.AbsoluteCalibration;
import dev.rubric.maven.calibrate.CalibrationResults.AbsoluteOutcome;
import dev.rubric.maven.calibrate.CalibrationResults.PairwiseCalibration;
import dev.rubric.maven.calibrate.CalibrationResults.RubricCalibration;
import dev.rubric.maven.calibrate.CalibrationResults.Statistic;
import dev.rubric.maven.text.CalibrationText;
import dev.rubric.maven.text.Text;
import dev.rubric.stats.AgreementStatistic;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The report's "Judge calibration" section: per rubric, the agreement statistics with their intervals, a confusion
 * plot of the judge's scores against people's, the pairwise shares and the records where they disagree most. Every
 * string from the calibration sets or the judge is escaped.
 */
final class CalibrationSection {

    /** How many records of largest disagreement a rubric lists. */
    static final int DISAGREEMENTS = 5;

    private CalibrationSection() {
    }

    static String render(CalibrationResults results) {
        StringBuilder out = new StringBuilder();
        out.append("<section class=\"calibration\"><h2>Judge calibration</h2><p class=\"muted small\">How well ")
                .append(Html.escape(results.judge() == null ? "the judge" : results.judge().description()))
                .append(" agrees with people on ").append(results.rubrics().size()).append(" rubric")
                .append(results.rubrics().size() == 1 ? "" : "s").append(" (").append(Html.escape(results.sets()))
                .append(", measured ").append(Html.escape(String.valueOf(results.createdAt())))
                .append("). Intervals: bootstrap 95% (2,000 resamples, fixed seed) for scores, Wilson 95% for pairwise")
                .append(" shares.</p>");
        for (RubricCalibration r : results.rubrics()) {
            out.append("<div class=\"cal\"><h3>").append(Html.escape(r.rubric())).append("</h3>");
            out.append("<div class=\"criteria\">").append(Html.escape(Text.shorten(r.criteria(), 160))).append("</div>");
            if (r.absolute() != null) {
                absolute(out, r.absolute());
            }
            if (r.pairwise() != null) {
                pairwise(out, r.pairwise());
            }
            out.append("</div>");
        }
        return out.append("</section>\n").toString();
    }

    private static void absolute(StringBuilder out, AbsoluteCalibration a) {
        out.append("<div class=\"calrow\">").append(confusion(a.confusion()));
        out.append("<table class=\"calstats\"><thead><tr><th>Statistic</th><th>Value (95% interval)</th></tr></thead>")
                .append("<tbody><tr><td>records</td><td class=\"num\">").append(a.records() - a.withoutVerdict());
        if (a.withoutVerdict() > 0) {
            out.append(" <span class=\"c-abort small\">(").append(a.withoutVerdict()).append(" without a verdict)</span>");
        }
        out.append("</td></tr>");
        for (AgreementStatistic s : AgreementStatistic.values()) {
            Statistic value = a.statistics().get(s.key());
            if (value != null) {
                out.append("<tr><td>").append(Html.escape(s.title())).append("</td><td class=\"num\">")
                        .append(Html.escape(CalibrationText.statistic(s.key(), value))).append("</td></tr>");
            }
        }
        if (a.raters() != null) {
            out.append("<tr><td>raters' own agreement (Krippendorff's alpha, ").append(a.raters().records())
                    .append(" records)</td><td class=\"num\">")
                    .append(Html.escape(CalibrationText.statistic("krippendorffAlpha", a.raters().krippendorffAlpha())))
                    .append("</td></tr>");
        }
        out.append("</tbody></table></div>");
        List<AbsoluteOutcome> worst = a.outcomes().stream().filter(o -> o.judge() != null)
                .filter(o -> Math.abs(o.judge() - mean(o.human())) >= 1)
                .sorted(Comparator.comparingDouble((AbsoluteOutcome o) -> -Math.abs(o.judge() - mean(o.human()))))
                .limit(DISAGREEMENTS).toList();
        if (!worst.isEmpty()) {
            out.append("<details><summary class=\"small\">Largest disagreements</summary><ul class=\"small\">");
            for (AbsoluteOutcome o : worst) {
                out.append("<li><strong>").append(Html.escape(o.id())).append("</strong> (")
                        .append(Html.escape(o.source())).append("): people ").append(Html.escape(o.human().toString()))
                        .append(", judge ").append(o.judge());
                if (o.feedback() != null && !o.feedback().isBlank()) {
                    out.append(" <span class=\"muted\">").append(Html.escape(Text.shorten(o.feedback(), 200)))
                            .append("</span>");
                }
                out.append("</li>");
            }
            out.append("</ul></details>");
        }
    }

    private static void pairwise(StringBuilder out, PairwiseCalibration p) {
        out.append("<table class=\"calstats\"><thead><tr><th>Pairwise (").append(p.records()).append(" records, ")
                .append(p.humanTies()).append(" ties by people");
        if (p.withoutVerdict() > 0) {
            out.append(", ").append(p.withoutVerdict()).append(" without a verdict");
        }
        out.append(")</th><th>With ties</th><th>Without ties</th></tr></thead><tbody>");
        out.append("<tr><td>accuracy, A/B as people saw them (the paper's)</td><td class=\"num\">")
                .append(Html.escape(CalibrationText.rate(p.accuracy()))).append("</td><td class=\"num\">")
                .append(Html.escape(CalibrationText.rate(p.accuracyWithoutTies()))).append("</td></tr>");
        out.append("<tr><td>accuracy, the pick surviving a swap of A and B</td><td class=\"num\">")
                .append(Html.escape(CalibrationText.rate(p.bothOrders()))).append("</td><td class=\"num\">")
                .append(Html.escape(CalibrationText.rate(p.bothOrdersWithoutTies()))).append("</td></tr>");
        out.append("<tr><td>swap consistency</td><td class=\"num\" colspan=\"2\">")
                .append(Html.escape(CalibrationText.rate(p.swapConsistency()))).append("</td></tr>");
        out.append("</tbody></table>");
    }

    /** A 5x5 grid: people's score across, the judge's up, each cell shaded by its count; the diagonal outlined. */
    static String confusion(int[][] counts) {
        int max = 1;
        for (int[] row : counts) {
            for (int c : row) {
                max = Math.max(max, c);
            }
        }
        int cell = 30;
        int left = 34;
        int top = 8;
        StringBuilder b = new StringBuilder("<svg class=\"confusion\" width=\"200\" height=\"206\" viewBox=\"0 0 200 206\""
                + " role=\"img\" aria-label=\"judge score against people's score\">");
        for (int judge = 1; judge <= 5; judge++) {
            for (int human = 1; human <= 5; human++) {
                int n = counts.length >= judge && counts[judge - 1].length >= human ? counts[judge - 1][human - 1] : 0;
                double x = left + (human - 1) * cell;
                double y = top + (5 - judge) * cell;
                double shade = n == 0 ? 0 : 0.15 + 0.85 * n / max;
                b.append(String.format(Locale.ROOT, "<rect x=\"%.0f\" y=\"%.0f\" width=\"%d\" height=\"%d\" "
                                + "fill=\"rgba(79,70,229,%.2f)\" stroke=\"%s\" stroke-width=\"%s\"><title>people %d,"
                                + " judge %d: %d record%s</title></rect>", x, y, cell - 2, cell - 2, shade,
                        judge == human ? "#15803d" : "#e5e7eb", judge == human ? "2" : "1", human, judge, n,
                        n == 1 ? "" : "s"));
                if (n > 0) {
                    b.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%.0f\" class=\"cc\">%d</text>",
                            x + (cell - 2) / 2.0, y + cell / 2.0 + 3, n));
                }
            }
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"cl\">%d</text>", left - 8,
                    top + (5 - judge) * cell + cell / 2 + 3, judge));
        }
        for (int human = 1; human <= 5; human++) {
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"cl\">%d</text>",
                    left + (human - 1) * cell + cell / 2 - 1, top + 5 * cell + 12, human));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"ca\">people</text>", left + 75,
                top + 5 * cell + 26));
        b.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" class=\"ca\" transform=\"rotate(-90 10 %d)\">"
                + "judge</text>", top + 75, top + 75));
        return b.append("</svg>").toString();
    }

    private static double mean(List<Integer> scores) {
        return scores.stream().mapToInt(Integer::intValue).average().orElse(0);
    }
}
