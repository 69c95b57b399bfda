package dev.rubric.maven.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * The table {@code rubric:bench} prints: each statistic with its interval. There is no column of the paper's numbers:
 * the paper could not be read offline, and the copies of its tables that could disagree on the 7B (docs/maven-plugin.md,
 * "Benchmarking the judge", lists what was checked); a wrong published number is worse than none, so the table says
 * where to compare instead.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class BenchTable {

    /** Where the published numbers are, for the reader to compare by hand. */
    static final String PAPER = "compare with Kim et al. 2024, \"Prometheus 2\" (arXiv:2405.01535), the tables for"
            + " Vicuna Bench, MT Bench and FLASK (Pearson, Spearman, Kendall with GPT-4) and for HHH Alignment and"
            + " Auto-J (accuracy); this table has no paper column: the copies of those tables that could be checked"
            + " offline are listed, with their doubts, in Rubric's docs/maven-plugin.md";

    private BenchTable() {
    }

    public static List<String> lines(BenchResult r) {
        List<String> out = new ArrayList<>();
        out.add(r.file() + " (" + r.format() + "): " + r.n() + " of " + r.records() + " records judged"
                + (r.parseFailures() + r.otherFailures() == 0 ? "" : "; left out: " + r.parseFailures()
                + " whose judge output did not parse, " + r.otherFailures() + " for another reason (first: "
                + r.firstFailure() + ")")
                + (r.ties() == null ? "" : "; " + r.ties() + " with equal mean scores (misses)"));
        if (r.judge() != null) {
            out.add("judge: " + r.judge().description());
        }
        out.add(String.format(Locale.ROOT, "%-22s %-14s %5s %8s  %s", "statistic", "records", "n", "value",
                "95% bootstrap interval"));
        for (BenchResult.Statistic s : r.statistics()) {
            String value = s.value() == null ? "undefined" : String.format(Locale.ROOT, "%.3f", s.value());
            String interval = s.low() == null ? "none" : String.format(Locale.ROOT, "[%.3f, %.3f]", s.low(), s.high());
            out.add(String.format(Locale.ROOT, "%-22s %-14s %5d %8s  %s%s", s.name(), s.group(), s.n(), value,
                    interval, s.note().isEmpty() ? "" : " (" + s.note() + ")"));
        }
        out.add(PAPER);
        return out;
    }
}
