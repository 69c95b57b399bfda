package dev.rubric.junit.engine;

import dev.rubric.results.Outcome;
import dev.rubric.results.TestResult;
import dev.rubric.results.VerdictRecord;
import org.junit.platform.engine.UniqueId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The table printed at the end of a run: one row per test (a method, or a data-driven case), with its lowest score,
 * its pairwise results or its pass rate, and its outcome. Samples are summarised in their method's (or case's) row.
 */
public final class SummaryTable {

    private static final int NAME_WIDTH = 60;
    private static final int MAX_REASONS = 5;

    private SummaryTable() {
    }

    public static String render(List<TestResult> tests) {
        List<TestResult> rows = new ArrayList<>(tests.stream().filter(t -> !isSample(t)).toList());
        rows.sort(Comparator.comparing(TestResult::uniqueId));
        StringBuilder sb = new StringBuilder();
        String format = "%-" + NAME_WIDTH + "s  %-32s  %s%n";
        sb.append("Rubric results").append(System.lineSeparator());
        sb.append(String.format(Locale.ROOT, format, "test", "score / pass rate", "outcome"));
        sb.append("-".repeat(NAME_WIDTH + 2 + 32 + 2 + 8)).append(System.lineSeparator());
        int passed = 0;
        for (TestResult t : rows) {
            if (t.outcome() == Outcome.PASSED) {
                passed++;
            }
            sb.append(String.format(Locale.ROOT, format, name(t), result(t, tests),
                    t.outcome().name().toLowerCase(Locale.ROOT)));
        }
        sb.append(String.format(Locale.ROOT, "%d of %d rubric tests passed%n", passed, rows.size()));
        sb.append(abortReasons(rows));
        return sb.toString();
    }

    /**
     * The reasons the aborted tests had no verdict, each said once with how many tests it aborted: a judge that is
     * down or missing aborts every test the same way, and its message says what to do.
     */
    static String abortReasons(List<TestResult> rows) {
        Map<String, Long> reasons = rows.stream().filter(t -> t.outcome() == Outcome.ABORTED)
                .collect(Collectors.groupingBy(TestResult::abortReason, LinkedHashMap::new,
                        Collectors.counting()));
        long aborted = reasons.values().stream().mapToLong(Long::longValue).sum();
        if (aborted == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        if (reasons.size() == 1) {
            sb.append(aborted == 1 ? "1 test aborted (no verdict): " : (aborted == rows.size() ? "all " : "") + aborted
                    + " tests aborted (no verdict), for one reason: ")
                    .append(reasons.keySet().iterator().next()).append(System.lineSeparator());
            return sb.toString();
        }
        sb.append(aborted).append(" tests aborted (no verdict):").append(System.lineSeparator());
        reasons.entrySet().stream().limit(MAX_REASONS).forEach(e -> sb.append("  ").append(e.getValue())
                .append(e.getValue() == 1 ? " test: " : " tests: ").append(e.getKey()).append(System.lineSeparator()));
        if (reasons.size() > MAX_REASONS) {
            sb.append("  and ").append(reasons.size() - MAX_REASONS).append(" more reasons (see the results file)")
                    .append(System.lineSeparator());
        }
        return sb.toString();
    }

    /** Samples are summarised in their sampled test's row (a method's, or a case's). */
    private static boolean isSample(TestResult t) {
        return t.parentId() != null && UniqueId.parse(t.uniqueId()).getLastSegment().getType()
                .equals(SampleDescriptor.SEGMENT_TYPE);
    }

    private static String name(TestResult t) {
        String simple = t.className().substring(t.className().lastIndexOf('.') + 1);
        String name = simple + "." + t.methodName();
        if (t.parentId() != null) {
            name += t.displayName().startsWith("[") ? " " + t.displayName() : " [" + t.displayName() + "]";
        }
        return name.length() <= NAME_WIDTH ? name : name.substring(0, NAME_WIDTH - 3) + "...";
    }

    private static String result(TestResult t, List<TestResult> all) {
        if (t.samples() != null) {
            var s = t.samples();
            long unjudged = all.stream().filter(c -> t.uniqueId().equals(c.parentId()))
                    .filter(c -> c.outcome() == Outcome.ABORTED).count();
            // a run cut short by the stop is the samples the stop chose: no interval, as if it were a rate
            String rate = s.stoppedEarly() ? String.format(Locale.ROOT, "%d/%d passed, stopped at %d of %d",
                    s.passed(), s.run(), s.run(), s.planned())
                    : String.format(Locale.ROOT, "%d/%d passed, CI %.0f-%.0f%%", s.passed(), s.run(),
                    100 * s.wilsonLow(), 100 * s.wilsonHigh());
            return rate + (unjudged > 0 ? ", " + unjudged + " no verdict" : "");
        }
        List<String> parts = new ArrayList<>();
        t.verdicts().stream().filter(v -> v.score() != null).mapToInt(VerdictRecord::score).min()
                .ifPresent(min -> parts.add("score " + min + "/5"));
        t.assertions().stream().filter(a -> a.pairwise() != null)
                .forEach(a -> parts.add(a.check().method() + ": " + a.pairwise().name().toLowerCase(Locale.ROOT)));
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }
}
