package dev.rubric.maven;

import dev.rubric.maven.gate.Gate;
import dev.rubric.maven.gate.ScopeStats;
import dev.rubric.maven.gate.Violation;
import dev.rubric.maven.text.ComparisonText;
import dev.rubric.maven.text.Text;
import dev.rubric.maven.text.ViolationText;
import dev.rubric.maven.merge.MergedResults;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The text a gate prints: the table, one line per broken rule, the summary, and the failure message. */
public final class GateLog {

    private GateLog() {
    }

    /** The compact table: one row per rubric, class, tag named in a rule and module, one for all tests. */
    public static List<String> table(Gate.Result result, boolean haveBaseline) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"rubric / class / tag", "tests", "pass rate", "mean", haveBaseline ? "vs baseline" : "", "verdict"});
        for (Gate.Row r : result.rubrics()) {
            rows.add(cells(r.stats().scope().value(), r, haveBaseline));
        }
        for (Gate.Row r : result.classes()) {
            String name = r.stats().scope().value();
            rows.add(cells(name.substring(name.lastIndexOf('.') + 1), r, haveBaseline));
        }
        for (Gate.Row r : result.tags()) {
            rows.add(cells("tag " + r.stats().scope().value(), r, haveBaseline));
        }
        for (Gate.Row r : result.modules()) {
            rows.add(cells("module " + r.stats().scope().value(), r, haveBaseline));
        }
        rows.add(cells("all tests", result.total(), haveBaseline));
        int[] width = new int[6];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        width[0] = Math.min(width[0], 48);
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder b = new StringBuilder();
            String first = row[0].length() > 48 ? row[0].substring(0, 45) + "..." : row[0];
            b.append(String.format(Locale.ROOT, "%-" + width[0] + "s", first));
            for (int i = 1; i < row.length; i++) {
                if (width[i] == 0) {
                    continue;
                }
                b.append("  ").append(String.format(Locale.ROOT, i == 5 ? "%-" + width[i] + "s" : "%" + width[i] + "s",
                        row[i]));
            }
            lines.add(b.toString().stripTrailing());
        }
        return lines;
    }

    private static String[] cells(String name, Gate.Row r, boolean haveBaseline) {
        ScopeStats s = r.stats();
        String tests = s.tests() + (s.aborted() > 0 ? " (" + s.aborted() + " aborted)" : "");
        return new String[] {name, tests, Text.percent(s.passRate()), Text.score(s.meanScore()),
                haveBaseline ? Text.signed(r.meanScoreChange()) : "", switch (r.status()) {
                    case OK -> "ok";
                    case BROKEN -> "BROKEN";
                    case UNCHECKED -> "-";
                }};
    }

    /**
     * The comparison with the baseline in words: one line for all tests, and one for each rubric, class, tag or module
     * whose tests dropped beyond noise.
     */
    public static List<String> comparisons(Gate.Result result) {
        return comparisons(result, "the baseline");
    }

    /** {@link #comparisons(Gate.Result)}, against something else ("the old verdicts"). */
    public static List<String> comparisons(Gate.Result result, String against) {
        List<String> lines = new ArrayList<>();
        if (result.total().comparison() == null) {
            return lines;
        }
        lines.add("Rubric: against " + against + ", all tests: "
                + ComparisonText.sentence(result.total().comparison(), result.alpha()));
        List<Gate.Row> rows = new ArrayList<>(result.rubrics());
        rows.addAll(result.classes());
        rows.addAll(result.tags());
        rows.addAll(result.modules());
        for (Gate.Row r : rows) {
            if (r.comparison() != null && r.comparison().significantDrop(result.alpha())) {
                lines.add("Rubric: against " + against + ", " + r.stats().scope().describe() + ": "
                        + ComparisonText.sentence(r.comparison(), result.alpha()));
            }
        }
        return lines;
    }

    /** One line per broken rule, JaCoCo style: "Rule violated for rubric 'x': pass rate 60.0% ... below 90.0%". */
    public static List<String> warnings(Gate.Result result) {
        return result.violations().stream().map(v -> "Rule violated for " + ViolationText.headline(v)).toList();
    }

    /** "Rubric: 12 tests, pass rate 91.7%, mean score 4.08, 0 aborted: all 5 checks met." */
    public static String summary(Gate.Result result, MergedResults merged) {
        ScopeStats t = result.total().stats();
        String numbers = String.format(Locale.ROOT, "Rubric: %d test%s from %d results file%s, pass rate %s, mean score %s,"
                        + " %d aborted", t.tests(), t.tests() == 1 ? "" : "s", merged.files(), merged.files() == 1 ? "" : "s",
                Text.percent(t.passRate()), Text.score(t.meanScore()), t.aborted());
        if (result.passed()) {
            return numbers + ": all " + result.checks() + " checks met.";
        }
        return numbers + ": " + result.violations().size() + " rule" + (result.violations().size() == 1 ? "" : "s")
                + " broken.";
    }

    /** The failure message: every broken rule, with its offending tests and their judge feedback, shortened. */
    public static String failure(Gate.Result result, String where) {
        StringBuilder b = new StringBuilder();
        int n = result.violations().size();
        b.append("Rubric quality gate failed: ").append(n).append(" rule").append(n == 1 ? "" : "s").append(" broken");
        for (Violation v : result.violations()) {
            b.append("\n- ").append(ViolationText.headline(v));
            for (String line : ViolationText.offenderLines(v)) {
                b.append("\n    ").append(line);
            }
        }
        b.append("\n").append(where);
        return b.toString();
    }
}
