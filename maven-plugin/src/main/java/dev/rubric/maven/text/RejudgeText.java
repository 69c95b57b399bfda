package dev.rubric.maven.text;

import dev.rubric.maven.baseline.BaselineFiles;
import dev.rubric.maven.rejudge.Agreement;
import dev.rubric.maven.rejudge.RejudgeSummary;
import dev.rubric.results.JudgeRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/** Re-judging in words, for the build log and the report alike. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class RejudgeText {

    /** How many changed tests and left-out tests a log line names; the report has them all. */
    static final int NAMED = 10;

    private RejudgeText() {
    }

    /** "re-judged 24 verdicts of 12 tests with NEW; they were given by OLD". */
    public static String judges(RejudgeSummary s) {
        return "re-judged " + s.verdicts() + " verdict" + plural(s.verdicts()) + " of " + s.tests() + " test"
                + plural(s.tests()) + " with " + name(s.after()) + "; they were given by "
                + (s.before().isEmpty() ? "an unknown judge" : s.before().stream().map(RejudgeText::name)
                .collect(Collectors.joining("; ")));
    }

    /** "20 of 22 scores the same (90.9%), 22 within one point, ...; 2 of 2 pairwise winners the same". */
    public static String agreement(Agreement a) {
        List<String> parts = new ArrayList<>();
        if (a.absolute() > 0) {
            parts.add(a.sameScore() + " of " + a.absolute() + " score" + plural(a.absolute()) + " the same ("
                    + Text.percent((double) a.sameScore() / a.absolute()) + "), " + a.withinOne() + " within one point;"
                    + " the new scores are " + String.format(Locale.ROOT, "%+.2f", a.meanChange()) + " on average ("
                    + Text.score(a.meanAbsChange()) + " apart)");
        }
        if (a.pairwise() > 0) {
            parts.add(a.sameWinner() + " of " + a.pairwise() + " pairwise winner" + plural(a.pairwise()) + " the same");
        }
        if (a.failed() > 0) {
            parts.add(a.failed() + " grading" + plural(a.failed()) + " got no verdict from the new judge");
        }
        return parts.isEmpty() ? "no verdict to compare" : String.join("; ", parts);
    }

    /** "2 tests changed outcome: A.b passed -> failed, ..." or "no test changed outcome". */
    public static String changes(RejudgeSummary s) {
        if (s.changed().isEmpty()) {
            return "no test changed outcome";
        }
        return s.changed().size() + " test" + plural(s.changed().size()) + " changed outcome: " + s.changed().stream()
                .limit(NAMED).map(RejudgeText::change).collect(Collectors.joining(", "))
                + (s.changed().size() > NAMED ? " and " + (s.changed().size() - NAMED) + " more" : "");
    }

    /** "A.b passed -> failed". */
    public static String change(RejudgeSummary.Change c) {
        return c.after().label() + " " + outcomes(c);
    }

    /** "passed -> failed": the change without the test's name (the report links the name). */
    public static String outcomes(RejudgeSummary.Change c) {
        return lower(c.before().outcome()) + " -> " + lower(c.after().outcome());
    }

    /** One line per test left out: "A.b: the results file was written before ...". */
    public static List<String> skipped(RejudgeSummary s) {
        return s.skipped().stream().map(k -> k.label() + ": " + k.reason()).toList();
    }

    private static String name(JudgeRecord j) {
        return j == null ? "an unknown judge" : BaselineFiles.judgeName(j);
    }

    private static String lower(Object o) {
        return String.valueOf(o).toLowerCase(Locale.ROOT);
    }

    private static String plural(long n) {
        return n == 1 ? "" : "s";
    }
}
