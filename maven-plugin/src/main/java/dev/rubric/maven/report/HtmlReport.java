package dev.rubric.maven.report;

import dev.rubric.maven.merge.ResultsMerger;
import dev.rubric.maven.baseline.BaselineComparison;
import dev.rubric.maven.calibrate.CalibrationResults;
import dev.rubric.maven.baseline.PairedComparison;
import dev.rubric.maven.rejudge.RejudgeSummary;
import dev.rubric.maven.text.ComparisonText;
import dev.rubric.maven.text.RejudgeText;
import dev.rubric.maven.gate.Gate;
import dev.rubric.maven.baseline.Baseline;
import dev.rubric.maven.scope.SampleCounts;
import dev.rubric.maven.scope.ScopeStats;
import dev.rubric.maven.gate.Violation;
import dev.rubric.maven.merge.GatedTest;
import dev.rubric.maven.text.Text;
import dev.rubric.maven.text.ViolationText;
import dev.rubric.maven.merge.MergedResults;
import dev.rubric.maven.baseline.BaselineFiles;

import dev.rubric.core.GradingMode;
import dev.rubric.results.AssertionRecord;
import dev.rubric.results.Outcome;
import dev.rubric.results.VerdictRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.HashMap;
import org.apiguardian.api.API;

/**
 * Renders the results as one self-contained HTML page: inline CSS, inline SVG charts and a few lines of inline
 * JavaScript to sort and filter the tests; nothing is loaded from the network, so it opens from file://.
 * Every string that came from a model, the system under test or a results file goes through {@link Html#escape}.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class HtmlReport {

    /** The page's style and script, kept as resources beside this class and inlined: the page loads nothing. */
    private static final String CSS = resource("report.css");
    private static final String SCRIPT = resource("report.js");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** The most tests the page lists one by one; the summary tables count every test. */
    public static final int MAX_LISTED_TESTS = 2_000;

    /**
     * Results files larger than this together (in bytes) are read without the verdicts' texts (instructions,
     * responses, feedback), which the page then leaves out and says so: they are what makes a large run's results
     * large.
     */
    public static final long MAX_TEXT_BYTES = 64L << 20;

    private final String title;
    private final MergedResults merged;
    private final Gate.Result gate;
    private final BaselineComparison baseline;
    private final Instant generatedAt;
    private final RejudgeSummary rejudge;
    private final CalibrationResults calibration;
    private final StringBuilder out = new StringBuilder(64 * 1024);
    private final Map<String, String> anchors = new HashMap<>();
    private final List<GatedTest> listed;
    private final boolean textsLeftOut;

    private HtmlReport(String title, MergedResults merged, Gate.Result gate, BaselineComparison baseline,
                       Instant generatedAt, RejudgeSummary rejudge, boolean textsLeftOut,
                       CalibrationResults calibration) {
        this.title = title;
        this.textsLeftOut = textsLeftOut;
        this.calibration = calibration;
        this.rejudge = rejudge;
        this.merged = merged;
        this.gate = gate;
        this.baseline = baseline;
        this.generatedAt = generatedAt;
        this.listed = listed(merged.tests());
        for (int i = 0; i < listed.size(); i++) {
            anchors.put(listed.get(i).id(), "t" + (i + 1));
        }
    }

    /**
     * The tests the page lists one by one: at most {@link #MAX_LISTED_TESTS}, failed and aborted first (then by
     * name), so that a page of a million tests stays a page a browser opens; the summary tables count them all.
     */
    static List<GatedTest> listed(List<GatedTest> tests) {
        record Keyed(int status, String label, GatedTest test) {
        }
        Comparator<Keyed> order = Comparator.comparingInt(Keyed::status).thenComparing(Keyed::label);
        // the first MAX_LISTED_TESTS in that order, in O(n log MAX) time and O(MAX) memory
        java.util.PriorityQueue<Keyed> worstFirst = new java.util.PriorityQueue<>(order.reversed());
        for (GatedTest t : tests) {
            Keyed k = new Keyed(statusOrder(t.outcome()), t.label(), t);
            if (worstFirst.size() < MAX_LISTED_TESTS) {
                worstFirst.add(k);
            } else if (order.compare(k, worstFirst.peek()) < 0) {
                worstFirst.poll();
                worstFirst.add(k);
            }
        }
        return worstFirst.stream().sorted(order).map(Keyed::test).toList();
    }

    /**
     * The page.
     *
     * @param title       the project's name
     * @param merged      the merged results
     * @param gate        the gate's findings (its rows and broken rules are shown)
     * @param baseline    the baseline comparison, or {@code null} when there is no baseline
     * @param generatedAt when the report was made
     */
    public static String render(String title, MergedResults merged, Gate.Result gate, BaselineComparison baseline,
                                Instant generatedAt) {
        return render(title, merged, gate, baseline, generatedAt, false, null);
    }

    /**
     * The page, saying whether the verdicts' texts were left out (results files too large to keep them, see
     * {@link #MAX_TEXT_BYTES}), with a section on the judge's agreement with people when the project measured it
     * ({@code rubric:calibrate}).
     *
     * @param calibration the calibration results, or {@code null}
     */
    public static String render(String title, MergedResults merged, Gate.Result gate, BaselineComparison baseline,
                                Instant generatedAt, boolean textsLeftOut, CalibrationResults calibration) {
        return new HtmlReport(title, merged, gate, baseline, generatedAt, null, textsLeftOut, calibration).page();
    }

    /** The page of {@code rubric:calibrate}: the calibration section alone, styled as the report. */
    public static String renderCalibration(String title, CalibrationResults calibration, Instant generatedAt) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>Rubric calibration: " + Html.escape(title) + "</title>\n<style>" + CSS
                + "</style>\n</head>\n<body>\n<main>\n<header><div><p class=\"eyebrow\">Rubric calibration</p><h1>"
                + Html.escape(title) + "</h1></div><div class=\"meta\"><div>" + TIME.format(generatedAt)
                + "</div></div></header>\n" + CalibrationSection.render(calibration) + "</main>\n</body>\n</html>\n";
    }

    /**
     * The page of re-judged results ({@code rubric:rejudge}): the new verdicts, with the old ones as the baseline, and
     * a section on the judges' agreement, the tests that changed outcome and those left out.
     */
    public static String renderRejudged(String title, MergedResults merged, Gate.Result gate,
                                        BaselineComparison oldVerdicts, Instant generatedAt, RejudgeSummary rejudge) {
        return new HtmlReport(title, merged, gate, oldVerdicts, generatedAt, rejudge, false, null).page();
    }

    private String page() {
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Rubric report: ").append(Html.escape(title)).append("</title>\n<style>")
                .append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        header();
        rejudged();
        gateBanner();
        cards();
        modules();
        rubrics();
        pairwise();
        if (calibration != null) {
            out.append(CalibrationSection.render(calibration));
        }
        baselineSection();
        tests();
        out.append("<footer>Made by rubric-maven-plugin from ").append(merged.files()).append(" results file")
                .append(merged.files() == 1 ? "" : "s").append(". Scores are Prometheus 2 absolute grades (1 to 5); ")
                .append("pass rates count tests by their own verdict (a sampled test by whether it met its minPassRate) ")
                .append("and aborted tests apart; intervals are 95% Wilson intervals; sample pass rates count only ")
                .append("sampled tests that ran every sample.</footer>\n");
        out.append("</main>\n<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return out.toString();
    }

    private void header() {
        out.append("<header><div><p class=\"eyebrow\">Rubric report</p><h1>").append(Html.escape(title))
                .append("</h1></div><div class=\"meta\"><div>").append(TIME.format(generatedAt)).append("</div>");
        for (var judge : merged.judges()) {
            out.append("<div class=\"judge\" title=\"judge fingerprint ").append(Html.escape(judge.fingerprintId()))
                    .append("\">Judge: ").append(Html.escape(BaselineFiles.judgeName(judge))).append("</div>");
        }
        out.append("</div></header>\n");
    }

    /** For re-judged results: the two judges, how far they agree, what changed and what was left out. */
    private void rejudged() {
        if (rejudge == null) {
            return;
        }
        out.append("<section><h2>Re-judged</h2><p>").append(Html.escape(RejudgeText.judges(rejudge)))
                .append(".</p><p><strong>Agreement:</strong> ").append(Html.escape(RejudgeText.agreement(
                        rejudge.agreement()))).append(".</p><p class=\"small muted\">No test code ran: every grading ")
                .append("was rebuilt from the results file and graded again; each test's checks were held to the new ")
                .append("verdicts. \"Against the baseline\" below compares the new verdicts with the old ones.</p>");
        out.append("<div class=\"diff\"><div><h3>Changed outcome <span class=\"count\">")
                .append(rejudge.changed().size()).append("</span></h3><ul>");
        for (RejudgeSummary.Change c : rejudge.changed()) {
            out.append("<li><a href=\"#").append(Html.escape(anchor(c.after()))).append("\">")
                    .append(Html.escape(c.after().label())).append("</a> ")
                    .append(Html.escape(RejudgeText.outcomes(c)))
                    .append("</li>");
        }
        if (rejudge.changed().isEmpty()) {
            out.append("<li class=\"muted\">none</li>");
        }
        out.append("</ul></div><div><h3>Left out <span class=\"count\">").append(rejudge.skipped().size())
                .append("</span></h3><ul>");
        for (String line : RejudgeText.skipped(rejudge)) {
            out.append("<li>").append(Html.escape(line)).append("</li>");
        }
        if (rejudge.skipped().isEmpty()) {
            out.append("<li class=\"muted\">none</li>");
        }
        out.append("</ul></div></div></section>\n");
    }

    private void gateBanner() {
        if (gate.passed()) {
            out.append("<section class=\"banner ok\"><strong>Quality gate passed</strong><span>all ")
                    .append(gate.checks()).append(" checks met</span></section>\n");
            return;
        }
        int n = gate.violations().size();
        out.append("<section class=\"banner bad\"><strong>Quality gate failed</strong><span>").append(n)
                .append(" rule").append(n == 1 ? "" : "s").append(" broken</span><ul>");
        for (Violation v : gate.violations()) {
            out.append("<li>").append(Html.escape(ViolationText.headline(v)));
            if (!v.offenders().isEmpty()) {
                out.append("<ul class=\"offenders\">");
                for (Violation.Offender o : v.offenders()) {
                    out.append("<li>");
                    GatedTest test = ViolationText.test(o);
                    if (test != null) {
                        out.append("<a href=\"#").append(Html.escape(anchor(test))).append("\">")
                                .append(Html.escape(test.label())).append("</a>: ");
                    }
                    out.append(Html.escape(ViolationText.detail(o))).append("</li>");
                }
                out.append("</ul>");
            }
            out.append("</li>");
        }
        out.append("</ul></section>\n");
    }

    private void cards() {
        ScopeStats t = gate.total().stats();
        out.append("<section class=\"cards\">");
        card("Tests", String.valueOf(t.tests()), "<span class=\"c-pass\">" + t.passed() + " passed</span> · "
                + "<span class=\"c-fail\">" + t.failed() + " failed</span> · <span class=\"c-abort\">" + t.aborted()
                + " aborted</span>" + (t.skipped() > 0 ? " · " + t.skipped() + " skipped" : ""), "");
        card("Pass rate", Text.percent(t.passRate()), t.decided() == 0 ? "no decided tests"
                : "95% interval " + Text.percent(t.interval().low()) + " – " + Text.percent(t.interval().high()),
                t.failed() > 0 ? "warn" : "good");
        card("Mean score", Text.score(t.meanScore()) + "<small> / 5</small>", t.scoredTests() + " scored tests",
                "");
        SampleCounts samples = t.samples();
        if (samples.sampledTests() > 0) {
            card("Samples", samples.fullRuns() == 0 ? "-" : Text.percent(samples.passRate()), samples.fullRuns() == 0
                    ? "no sampled test ran every sample" + (samples.stoppedEarly() > 0 ? "; " + samples.stoppedEarly()
                    + " stopped early (not counted)" : "")
                    : samples.samplesPassed() + " of " + samples.samplesRun() + " samples passed in "
                    + samples.fullRuns() + " sampled test" + (samples.fullRuns() == 1 ? "" : "s") + " that ran every"
                    + " sample" + (samples.stoppedEarly() > 0 ? "; " + samples.stoppedEarly()
                    + " stopped early (not counted)" : ""), "");
        }
        if (baseline != null) {
            double change = gate.total().meanScoreChange();
            int newFailures = baseline.newFailures(merged.tests()).size();
            card("vs baseline", Text.signed(change), newFailures + " new failure" + (newFailures == 1 ? "" : "s")
                    + " · " + baseline.fixed(merged.tests()).size() + " fixed", change < -1e-9 || newFailures > 0
                    ? "bad" : "good");
        }
        Map<AssertionRecord.PairwiseOutcome, Integer> pairs = pairwiseCounts(null);
        int pairTotal = pairs.values().stream().mapToInt(Integer::intValue).sum();
        if (pairTotal > 0) {
            card("Pairwise", pairs.get(AssertionRecord.PairwiseOutcome.WIN) + "<small> / " + pairTotal + " won</small>",
                    pairs.get(AssertionRecord.PairwiseOutcome.LOSS) + " lost · "
                            + pairs.get(AssertionRecord.PairwiseOutcome.INCONSISTENT) + " inconsistent", "");
        }
        out.append("</section>\n");
    }

    /** A summary card; {@code value} and {@code note} are built from numbers only, never from results text. */
    private void card(String label, String value, String note, String tone) {
        out.append("<div class=\"card ").append(tone).append("\"><div class=\"label\">").append(label)
                .append("</div><div class=\"value\">").append(value).append("</div><div class=\"note\">").append(note)
                .append("</div></div>");
    }

    /** In an aggregate over several modules: one row per module. */
    private void modules() {
        if (gate.modules().isEmpty()) {
            return;
        }
        out.append("<section><h2>Modules</h2><table class=\"rubrics\"><thead><tr><th>Module</th><th>Tests</th>")
                .append("<th>Pass rate (95% interval)</th><th>Mean</th><th>Gate</th></tr></thead><tbody>");
        for (Gate.Row row : gate.modules()) {
            ScopeStats s = row.stats();
            out.append("<tr><td><div class=\"rname\">").append(Html.escape(s.scope().value()))
                    .append("</div></td><td class=\"num\">").append(s.tests());
            if (s.aborted() > 0) {
                out.append("<div class=\"c-abort small\">").append(s.aborted()).append(" aborted</div>");
            }
            out.append("</td><td>").append(rateBar(s)).append("</td><td class=\"num big\">")
                    .append(Text.score(s.meanScore())).append("</td><td>").append(statusPill(row.status()))
                    .append("</td></tr>");
        }
        out.append("</tbody></table></section>\n");
    }

    private void rubrics() {
        if (gate.rubrics().isEmpty()) {
            return;
        }
        out.append("<section><h2>Rubrics</h2><table class=\"rubrics\"><thead><tr><th>Rubric</th><th>Tests</th>")
                .append("<th>Pass rate (95% interval)</th><th>Mean</th>");
        if (baseline != null) {
            out.append("<th>vs baseline</th>");
        }
        out.append("<th>Scores</th><th>Gate</th></tr></thead><tbody>");
        for (Gate.Row row : gate.rubrics()) {
            ScopeStats s = row.stats();
            String name = s.scope().value();
            out.append("<tr><td><div class=\"rname\">").append(Html.escape(name)).append("</div>");
            criteria(name).ifPresent(c -> out.append("<div class=\"criteria\" title=\"").append(Html.escape(c))
                    .append("\">").append(Html.escape(Text.shorten(c, 90))).append("</div>"));
            out.append("</td><td class=\"num\">").append(s.tests());
            if (s.aborted() > 0) {
                out.append("<div class=\"c-abort small\">").append(s.aborted()).append(" aborted</div>");
            }
            out.append("</td><td>").append(rateBar(s)).append("</td><td class=\"num big\">")
                    .append(Text.score(s.meanScore())).append("</td>");
            if (baseline != null) {
                out.append("<td class=\"num ").append(deltaClass(row.meanScoreChange())).append("\">")
                        .append(Text.signed(row.meanScoreChange())).append(baselineRubric(name)).append("</td>");
            }
            out.append("<td>").append(histogram(name)).append("</td><td>").append(statusPill(row.status()))
                    .append("</td></tr>");
        }
        out.append("</tbody></table></section>\n");
    }

    private Optional<String> criteria(String rubric) {
        return merged.tests().stream().flatMap(t -> t.verdicts().stream())
                .filter(v -> rubric.equals(v.rubric()) && v.criteria() != null && !v.criteria().isBlank())
                .map(VerdictRecord::criteria).findFirst();
    }

    private String baselineRubric(String name) {
        Baseline.RubricSnapshot then = baseline.baseline().rubrics().get(name);
        if (then == null) {
            return "<div class=\"small muted\">new rubric</div>";
        }
        return "<div class=\"small muted nowrap\" title=\"baseline mean score and pass rate\">was "
                + (then.meanScore() == null ? "-" : Text.score(then.meanScore())) + " · "
                + (then.passRate() == null ? "-" : Text.percent(then.passRate())) + "</div>";
    }

    private static String deltaClass(double change) {
        if (Double.isNaN(change) || Math.abs(change) < 0.005) {
            return "muted";
        }
        return change < 0 ? "c-fail" : "c-pass";
    }

    /** A pass-rate bar with its Wilson interval drawn over it. */
    private static String rateBar(ScopeStats s) {
        if (s.decided() == 0) {
            return "<span class=\"muted\">no decided tests</span>";
        }
        double w = 160;
        double x = s.passRate() * w;
        double lo = s.interval().low() * w;
        double hi = s.interval().high() * w;
        String colour = s.passRate() >= 0.9 ? "#16a34a" : s.passRate() >= 0.7 ? "#d97706" : "#dc2626";
        return String.format(Locale.ROOT, "<div class=\"rate\"><svg width=\"168\" height=\"18\" viewBox=\"0 0 168 18\""
                        + " role=\"img\" aria-label=\"pass rate %s, interval %s to %s\"><rect x=\"4\" y=\"5\" width=\"%.1f\""
                        + " height=\"8\" rx=\"4\" fill=\"#e5e7eb\"/><rect x=\"4\" y=\"5\" width=\"%.1f\" height=\"8\" "
                        + "rx=\"4\" fill=\"%s\"/><line x1=\"%.1f\" x2=\"%.1f\" y1=\"9\" y2=\"9\" stroke=\"#111827\" "
                        + "stroke-width=\"1.5\"/><line x1=\"%.1f\" x2=\"%.1f\" y1=\"4\" y2=\"14\" stroke=\"#111827\" "
                        + "stroke-width=\"1.5\"/><line x1=\"%.1f\" x2=\"%.1f\" y1=\"4\" y2=\"14\" stroke=\"#111827\" "
                        + "stroke-width=\"1.5\"/></svg><span class=\"ratev\">%s</span><span class=\"small muted\">"
                        + "%s – %s · %s/%d</span></div>",
                Text.percent(s.passRate()), Text.percent(s.interval().low()), Text.percent(s.interval().high()), w, x, colour,
                4 + lo, 4 + hi, 4 + lo, 4 + lo, 4 + hi, 4 + hi, Text.percent(s.passRate()),
                Text.percent(s.interval().low()), Text.percent(s.interval().high()), String.valueOf(s.passed()), s.decided());
    }

    /** The distribution of a rubric's absolute scores, 1 to 5, as five bars. */
    private String histogram(String rubric) {
        int[] counts = new int[6];
        for (GatedTest t : merged.tests()) {
            for (VerdictRecord v : t.verdicts()) {
                if (v.mode() == GradingMode.ABSOLUTE && rubric.equals(v.rubric()) && v.score() != null
                        && v.score() >= 1 && v.score() <= 5) {
                    counts[v.score()]++;
                }
            }
        }
        int max = 0;
        for (int i = 1; i <= 5; i++) {
            max = Math.max(max, counts[i]);
        }
        if (max == 0) {
            return "<span class=\"muted small\">pairwise only</span>";
        }
        String[] colours = {"", "#dc2626", "#f97316", "#eab308", "#84cc16", "#16a34a"};
        StringBuilder b = new StringBuilder("<svg class=\"hist\" width=\"150\" height=\"60\" viewBox=\"0 0 150 60\" "
                + "role=\"img\" aria-label=\"score histogram\">");
        for (int i = 1; i <= 5; i++) {
            double h = counts[i] == 0 ? 1 : Math.max(3, 32.0 * counts[i] / max);
            double x = (i - 1) * 30 + 3;
            b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"24\" height=\"%.1f\" rx=\"2\" "
                            + "fill=\"%s\"><title>score %d: %d verdict%s</title></rect>", x, 46 - h, h,
                    counts[i] == 0 ? "#e5e7eb" : colours[i], i, counts[i], counts[i] == 1 ? "" : "s"));
            if (counts[i] > 0) {
                b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"hc\">%d</text>", x + 12,
                        43 - h, counts[i]));
            }
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"58\" class=\"hl\">%d</text>", x + 12, i));
        }
        return b.append("</svg>").toString();
    }

    private Map<AssertionRecord.PairwiseOutcome, Integer> pairwiseCounts(String rubric) {
        Map<AssertionRecord.PairwiseOutcome, Integer> counts = new EnumMap<>(AssertionRecord.PairwiseOutcome.class);
        for (AssertionRecord.PairwiseOutcome o : AssertionRecord.PairwiseOutcome.values()) {
            counts.put(o, 0);
        }
        for (GatedTest t : merged.tests()) {
            for (AssertionRecord a : t.assertions()) {
                if (a.pairwise() != null && (rubric == null || rubric.equals(a.rubric()))) {
                    counts.merge(a.pairwise(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private void pairwise() {
        List<String> rubrics = merged.tests().stream().flatMap(t -> t.assertions().stream())
                .filter(a -> a.pairwise() != null).map(AssertionRecord::rubric).filter(Objects::nonNull).distinct()
                .sorted().toList();
        if (rubrics.isEmpty()) {
            return;
        }
        out.append("<section><h2>Pairwise comparisons</h2><p class=\"muted small\">Each comparison is judged in both "
                + "orders (A/B, then B/A); a preference that flips with the order is inconsistent, not a win.</p>"
                + "<div class=\"pairs\">");
        for (String rubric : rubrics) {
            Map<AssertionRecord.PairwiseOutcome, Integer> c = pairwiseCounts(rubric);
            int win = c.get(AssertionRecord.PairwiseOutcome.WIN);
            int loss = c.get(AssertionRecord.PairwiseOutcome.LOSS);
            int inc = c.get(AssertionRecord.PairwiseOutcome.INCONSISTENT);
            int total = win + loss + inc;
            double w = 360;
            out.append("<div class=\"pair\"><div class=\"rname\">").append(Html.escape(rubric)).append("</div>")
                    .append(String.format(Locale.ROOT, "<svg width=\"%.0f\" height=\"14\" viewBox=\"0 0 %.0f 14\" "
                                    + "role=\"img\" aria-label=\"wins %d, losses %d, inconsistent %d\">"
                                    + "<rect x=\"0\" y=\"0\" width=\"%.1f\" height=\"14\" fill=\"#16a34a\"/>"
                                    + "<rect x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"14\" fill=\"#dc2626\"/>"
                                    + "<rect x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"14\" fill=\"#a3a3a3\"/></svg>",
                            w, w, win, loss, inc, w * win / total, w * win / total, w * loss / total,
                            w * (win + loss) / total, w * inc / total))
                    .append("<div class=\"small\"><span class=\"c-pass\">").append(win).append(" won</span> · ")
                    .append("<span class=\"c-fail\">").append(loss).append(" lost</span> · <span class=\"muted\">")
                    .append(inc).append(" inconsistent</span></div></div>");
        }
        out.append("</div></section>\n");
    }

    private void baselineSection() {
        if (baseline == null) {
            return;
        }
        List<GatedTest> newFailures = baseline.newFailures(merged.tests());
        List<GatedTest> fixed = baseline.fixed(merged.tests());
        List<GatedTest> added = baseline.added(merged.tests());
        List<Baseline.TestSnapshot> missing = baseline.missing(merged.tests());
        out.append("<section><h2>Against the baseline</h2>");
        significance();
        out.append("<div class=\"diff\">");
        testList("New failures", "c-fail", newFailures);
        testList("Fixed", "c-pass", fixed);
        PairedComparison all = gate.total().comparison();
        testList("Scored lower", "c-fail", all == null ? List.of() : all.scores().stream()
                .filter(c -> c.delta() < -1e-9).map(BaselineComparison.ScoreChange::test).toList());
        testList("New tests", "", added);
        out.append("<div><h3>Gone <span class=\"count\">").append(missing.size()).append("</span></h3><ul>");
        missing.stream().limit(20).forEach(m -> out.append("<li>").append(Html.escape(simple(m.className()) + "."
                + m.methodName())).append("</li>"));
        if (missing.isEmpty()) {
            out.append("<li class=\"muted\">none</li>");
        }
        out.append("</ul></div></div></section>\n");
    }

    /**
     * Whether the movement against the baseline is beyond noise: the whole suite in words, then a row per rubric,
     * class, tag and module with the paired tests behind it (every number from the gate's comparison).
     */
    private void significance() {
        PairedComparison total = gate.total().comparison();
        if (total == null) {
            return;
        }
        boolean beyond = total.significantDrop(gate.alpha());
        out.append("<p class=\"verdict-line ").append(beyond ? "c-fail" : "").append("\"><strong>")
                .append(Html.escape(ComparisonText.verdict(total, gate.alpha()))).append(".</strong> ")
                .append(Html.escape(ComparisonText.outcomes(total)));
        if (!total.scores().isEmpty()) {
            out.append("; ").append(Html.escape(ComparisonText.scores(total)));
        }
        out.append(".</p><p class=\"small muted\">").append(Html.escape(ComparisonText.tests(total)))
                .append(". Tests are paired with themselves in the baseline, so only those that changed count; ")
                .append("see docs/maven-plugin.md, \"Regressions beyond noise\".</p>");
        out.append("<table class=\"rubrics\"><thead><tr><th>Tests</th><th>In both</th><th>Worse / better</th>")
                .append("<th>Pass rate (change, 95% interval)</th><th>Scores lower / higher / same</th>")
                .append("<th>Mean score change (95% interval)</th><th>Chance of a drop this large</th><th></th>")
                .append("</tr></thead><tbody>");
        List<Gate.Row> rows = new java.util.ArrayList<>(List.of(gate.total()));
        rows.addAll(gate.rubrics());
        rows.addAll(gate.classes());
        rows.addAll(gate.tags());
        rows.addAll(gate.modules());
        for (Gate.Row row : rows) {
            PairedComparison c = row.comparison();
            if (c == null || c.testsApplied() == 0) {
                continue;
            }
            boolean drop = c.significantDrop(gate.alpha());
            var m = c.meanChange();
            out.append("<tr><td>").append(Html.escape(row.stats().scope().describe())).append("</td><td class=\"num\">")
                    .append(Math.max(c.decidedInBoth(), c.scores().size())).append("</td><td class=\"num\">")
                    .append("<span class=\"c-fail\">").append(c.worse().size()).append("</span> / <span class=\"c-pass\">")
                    .append(c.better().size()).append("</span></td><td class=\"small\">")
                    .append(Html.escape(ComparisonText.rate(c))).append("</td><td class=\"num\">");
            if (c.scores().isEmpty()) {
                out.append("-");
            } else {
                out.append(c.lower()).append(" / ").append(c.higher()).append(" / ").append(c.same());
            }
            out.append("</td><td class=\"num ").append(deltaClass(m.mean())).append("\">").append(Text.signed(m.mean()));
            if (m.hasInterval()) {
                out.append("<div class=\"small muted nowrap\">").append(Text.signed(m.low())).append(" to ")
                        .append(Text.signed(m.high())).append("</div>");
            }
            out.append("</td><td class=\"num\">").append(c.dropped() ? Text.chance(c.chanceOfDrop()) : "-")
                    .append("</td><td>").append(drop ? "<span class=\"pill failed\">beyond noise</span>"
                            : c.dropped() ? "<span class=\"muted small nowrap\">within noise</span>"
                            : "<span class=\"muted small nowrap\">no drop</span>").append("</td></tr>");
        }
        out.append("</tbody></table>");
    }

    private void testList(String heading, String tone, List<GatedTest> tests) {
        out.append("<div><h3 class=\"").append(tone).append("\">").append(heading).append(" <span class=\"count\">")
                .append(tests.size()).append("</span></h3><ul>");
        tests.stream().limit(20).forEach(t -> out.append("<li><a href=\"#").append(Html.escape(anchor(t))).append("\">")
                .append(Html.escape(t.label())).append("</a></li>"));
        if (tests.size() > 20) {
            out.append("<li class=\"muted\">and ").append(tests.size() - 20).append(" more</li>");
        }
        if (tests.isEmpty()) {
            out.append("<li class=\"muted\">none</li>");
        }
        out.append("</ul></div>");
    }

    private void tests() {
        out.append("<section><h2>Tests</h2><div class=\"tools\"><input id=\"filter\" type=\"search\" "
                + "placeholder=\"Filter by name, rubric or tag\" aria-label=\"filter tests\"><span class=\"muted small\">"
                + "Click a column to sort, a test to see the judge's feedback and the response.</span></div>"
                + "<div class=\"tests\" id=\"tests\"><div class=\"thead row\">"
                + "<button data-sort=\"status\">Status</button><button data-sort=\"name\">Test</button>"
                + "<button data-sort=\"rubrics\">Rubrics</button><button data-sort=\"score\" class=\"num\">Score</button>"
                + "<button data-sort=\"rate\" class=\"num\">Pass rate</button>"
                + "<button data-sort=\"duration\" class=\"num\">Time</button></div>");
        for (GatedTest t : listed) {
            testRow(t);
        }
        out.append("</div>");
        int left = merged.tests().size() - listed.size();
        if (left > 0) {
            long passed = merged.tests().stream().filter(t -> t.outcome() == Outcome.PASSED).count();
            long passedListed = listed.stream().filter(t -> t.outcome() == Outcome.PASSED).count();
            out.append("<p class=\"muted small\" id=\"not-listed\">").append(String.format(Locale.ROOT, "%,d", left))
                    .append(" more test").append(left == 1 ? " is" : "s are").append(" not listed here (")
                    .append(String.format(Locale.ROOT, "%,d", passed - passedListed)).append(" passed): the page lists ")
                    .append(String.format(Locale.ROOT, "%,d", MAX_LISTED_TESTS)).append(" tests, failed and aborted first;")
                    .append(" the tables above count every test, and the results files hold them all.</p>");
        }
        if (textsLeftOut) {
            out.append("<p class=\"muted small\" id=\"texts-left-out\">The results files hold more than ")
                    .append(MAX_TEXT_BYTES >> 20).append(" MiB, so this page shows outcomes, scores and messages, but not")
                    .append(" the instructions, responses and feedback of the verdicts: read them in the results files.</p>");
        }
        out.append("</section>\n");
    }

    private void testRow(GatedTest t) {
        double score = meanOrNaN(t.scores());
        List<String> rubricNames = ResultsMerger.rubricNames(List.of(t));
        String rubrics = String.join(", ", rubricNames);
        String searchable = (t.className() + " " + t.label() + " " + rubrics + " " + String.join(" ", t.tags()))
                .toLowerCase(Locale.ROOT);
        out.append("<details class=\"test\" id=\"").append(Html.escape(anchor(t))).append("\" data-status=\"")
                .append(statusOrder(t.outcome())).append("\" data-name=\"").append(Html.escape(t.label()))
                .append("\" data-rubrics=\"").append(Html.escape(rubrics)).append("\" data-score=\"")
                .append(Double.isNaN(score) ? "-1" : Text.score(score)).append("\" data-rate=\"")
                .append(t.decided() ? String.format(Locale.ROOT, "%.4f", sortRate(t)) : "-1")
                .append("\" data-duration=\"").append(t.durationMs()).append("\" data-search=\"")
                .append(Html.escape(searchable)).append("\"><summary class=\"row\">")
                .append(outcomePill(t.outcome())).append("<span class=\"tname\" title=\"")
                .append(Html.escape(packageOf(t.className()) + t.shortName())).append("\">");
        if (t.module() != null) {
            out.append("<span class=\"module\">").append(Html.escape(t.module())).append("</span> ");
        }
        out.append(Html.escape(t.shortName()));
        for (String tag : t.tags()) {
            out.append(" <span class=\"tag\">").append(Html.escape(tag)).append("</span>");
        }
        if (t.flaky()) {
            out.append(" <span class=\"tag rerun\" title=\"failed, then passed on a rerun (ran in ").append(t.seenInRuns())
                    .append(" results files); it counts as passed, as Surefire counts a flake\">flaky</span>");
        } else if (t.seenInRuns() > 1) {
            out.append(" <span class=\"tag rerun\" title=\"ran in ").append(t.seenInRuns())
                    .append(" results files; the last run counts\">rerun</span>");
        }
        out.append("</span><span class=\"small\">").append(Html.escape(rubrics)).append("</span><span class=\"num\">")
                .append(Double.isNaN(score) ? pairwiseSummary(t) : Text.score(score)).append("</span><span class=\"num\">");
        if (t.samples() != null) {
            out.append(t.samples().passed()).append("/").append(t.samples().run()).append(" <span class=\"muted\">(")
                    .append(t.ranEverySample() ? Text.percent((double) t.samples().passed() / t.samples().run())
                            : "stopped early").append(")</span>");
        } else {
            out.append(t.decided() ? (t.outcome() == Outcome.PASSED ? "passed" : "failed") : "-");
        }
        out.append("</span><span class=\"num muted\">").append(duration(t.durationMs())).append("</span></summary>")
                .append("<div class=\"detail\">");
        testDetail(t);
        out.append("</div></details>\n");
    }

    /**
     * What the pass-rate column sorts by: a sampled test that ran every sample by its samples' pass rate, any other
     * decided test by its verdict (1 or 0); a stopped-early sample fraction is not a rate and is not used.
     */
    private static double sortRate(GatedTest t) {
        if (t.ranEverySample() && t.samples().run() > 0) {
            return (double) t.samples().passed() / t.samples().run();
        }
        return t.outcome() == Outcome.PASSED ? 1 : 0;
    }

    /** For a pairwise-only test: its outcomes ("won", "lost", "inconsistent"), else "-". */
    private static String pairwiseSummary(GatedTest t) {
        List<String> outcomes = t.assertions().stream().filter(a -> a.pairwise() != null).map(a -> switch (a.pairwise()) {
            case WIN -> "<span class=\"c-pass\">won</span>";
            case LOSS -> "<span class=\"c-fail\">lost</span>";
            case INCONSISTENT -> "<span class=\"muted\">inconsistent</span>";
        }).toList();
        return outcomes.isEmpty() ? "-" : String.join(", ", outcomes);
    }

    private void testDetail(GatedTest t) {
        out.append("<div class=\"uid\">").append(Html.escape(t.id())).append("</div>");
        if (t.message() != null && !t.message().isBlank()) {
            out.append("<div class=\"message ").append(t.outcome() == Outcome.ABORTED ? "aborted" : "")
                    .append("\"><pre>").append(Html.escape(t.message())).append("</pre></div>");
        }
        if (t.samples() != null) {
            var s = t.samples();
            out.append("<p class=\"small\">Sampled ").append(s.run()).append(" of ").append(s.planned())
                    .append(" times, ").append(s.passed()).append(" passed (needs ").append(Text.percent(s.minPassRate()));
            if (t.ranEverySample()) {
                out.append("; 95% interval ").append(Text.percent(s.wilsonLow())).append(" – ")
                        .append(Text.percent(s.wilsonHigh())).append(").</p>");
            } else {
                out.append("). It stopped once its outcome was settled: these samples are the ones the stop chose, ")
                        .append("not a full run, so they give no pass rate (rubric.execution.early-stop=false runs ")
                        .append("them all).</p>");
            }
        }
        if (!t.assertions().isEmpty()) {
            out.append("<ul class=\"asserts\">");
            for (AssertionRecord a : t.assertions()) {
                String mark = a.aborted() ? "c-abort\">– " : a.passed() ? "c-pass\">✓ " : "c-fail\">✗ ";
                out.append("<li class=\"").append(mark).append(Html.escape(ViolationText.describe(a))).append("</li>");
            }
            out.append("</ul>");
        }
        int shown = 0;
        for (VerdictRecord v : t.verdicts()) {
            if (shown++ == 12) {
                out.append("<p class=\"muted small\">and ").append(t.verdicts().size() - 12)
                        .append(" more verdicts in the results file</p>");
                break;
            }
            verdict(v);
        }
    }

    /**
     * ", of 97.0%" with a title saying what that is, when the verdict's probabilities held less than the judge's whole
     * probability (a server's reported alternatives); nothing when they held all of it or the mass was not recorded.
     */
    private static String mass(VerdictRecord v) {
        if (v.probabilityMass() == null || v.probabilityMass() >= 1.0) {
            return "";
        }
        return " <span title=\"the judge's reported alternatives held this much of its probability at the verdict;"
                + " the probabilities are normalised over them\">(alternatives held "
                + Text.percent(v.probabilityMass()) + ")</span>";
    }

    private void verdict(VerdictRecord v) {
        out.append("<div class=\"verdict\"><div class=\"vhead\"><span class=\"rname\">").append(Html.escape(v.rubric()))
                .append("</span>");
        if (v.mode() == GradingMode.ABSOLUTE && v.score() != null) {
            out.append("<span class=\"score s").append(Math.max(1, Math.min(5, v.score()))).append("\">")
                    .append(v.score()).append("</span>");
            if (v.expectedScore() != null) {
                out.append("<span class=\"small muted\">expected ").append(Text.score(v.expectedScore()))
                        .append(mass(v)).append("</span>");
            }
        } else if (v.winner() != null) {
            out.append("<span class=\"winner\">winner ").append(Html.escape(v.winner())).append("</span>");
            if (v.probabilities() != null && !v.probabilities().isEmpty()) {
                out.append("<span class=\"small muted\">P(A) ").append(Text.score(v.probabilities().get(0)))
                        .append(mass(v)).append("</span>");
            }
        }
        if (v.forced()) {
            out.append("<span class=\"tag\" title=\"the judge did not write [RESULT] itself (it stopped, or reached"
                    + " its token budget): the decoder appended it\">forced</span>");
        }
        if (v.cached()) {
            out.append("<span class=\"tag\">cached</span>");
        }
        out.append("</div>");
        if (v.feedback() != null) {
            out.append("<blockquote>").append(Html.escape(v.feedback())).append("</blockquote>");
        }
        block("Instruction", v.instruction());
        block(v.mode() == GradingMode.PAIRWISE ? "Response A" : "Response", v.response());
        block("Response B", v.responseB());
        block("Reference answer", v.reference());
        out.append("</div>");
    }

    private void block(String label, String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        out.append("<div class=\"block\"><div class=\"label\">").append(label).append("</div><pre>")
                .append(Html.escape(text)).append("</pre></div>");
    }

    private static String outcomePill(Outcome o) {
        String name = o == null ? "unknown" : o.name().toLowerCase(Locale.ROOT);
        return "<span class=\"pill " + name + "\">" + name + "</span>";
    }

    private static String statusPill(Gate.Status s) {
        return switch (s) {
            case OK -> "<span class=\"pill passed\">ok</span>";
            case BROKEN -> "<span class=\"pill failed\">broken</span>";
            case UNCHECKED -> "<span class=\"muted small nowrap\">no rule</span>";
        };
    }

    private static int statusOrder(Outcome o) {
        if (o == null) {
            return 4;
        }
        return switch (o) {
            case FAILED -> 0;
            case ABORTED -> 1;
            case PASSED -> 2;
            case SKIPPED -> 3;
        };
    }

    /** The element id of a test's row: its position in the merged results, unique and stable for one page. */
    private String anchor(GatedTest t) {
        return anchors.getOrDefault(t.id(), "t0");
    }

    private static String packageOf(String className) {
        if (className == null || className.lastIndexOf('.') < 0) {
            return "";
        }
        return className.substring(0, className.lastIndexOf('.') + 1);
    }

    private static String simple(String className) {
        return className == null ? "?" : className.substring(className.lastIndexOf('.') + 1);
    }

    private static double meanOrNaN(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static String duration(long ms) {
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("rubric-maven-plugin is missing its resource " + name
                        + " beside " + HtmlReport.class.getName() + ": the plugin jar is damaged; build it again");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report resource " + name, e);
        }
    }
}
