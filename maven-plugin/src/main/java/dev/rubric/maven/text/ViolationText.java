package dev.rubric.maven.text;

import dev.rubric.core.GradingMode;
import dev.rubric.maven.gate.Gate;
import dev.rubric.maven.scope.SampleCounts;
import dev.rubric.maven.scope.ScopedTest;
import dev.rubric.maven.gate.Violation;
import dev.rubric.maven.merge.GatedTest;
import dev.rubric.results.AssertionRecord;
import dev.rubric.results.Outcome;
import dev.rubric.results.VerdictRecord;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Puts the gate's findings into words, for the build log and the report alike, PIT style: one line per broken rule
 * ("rubric 'helpfulness': pass rate 66.7% (2 of 3 tests) is below the minimum 90.0%"), then a line per offending test
 * with the reason and the judge's feedback, shortened.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ViolationText {

    static final int FEEDBACK_CHARS = 200;
    /** How a user turns early stopping off, so that sampled tests run every sample. */
    static final String EARLY_STOP_OFF = "-D" + dev.rubric.core.ConfigKeys.EARLY_STOP + "=false";
    /** An abort reason shared by several tests is printed once, so it may be long enough to say the way out. */
    static final int ABORT_REASON_CHARS = 1200;

    private ViolationText() {
    }

    /** "rubric 'helpfulness': pass rate 66.7% (2 of 3 tests) is below the minimum 90.0%". */
    public static String headline(Violation v) {
        return v.scope().describe() + ": " + what(v);
    }

    /** What went wrong, with the value and the limit. */
    public static String what(Violation v) {
        if (v instanceof Violation.PassRateBelow p) {
            return String.format(Locale.ROOT, "pass rate %s (%d of %d tests) is below the"
                    + " minimum %s", Text.percent(p.passRate()), p.passed(), p.decided(),
                    Text.percent(p.minimum()));
        }
        if (v instanceof Violation.SamplePassRateBelow p) {
            SampleCounts c = p.samples();
            return "sample pass rate " + Text.percent(c.passRate()) + " (" + c.samplesPassed() + " of "
                    + c.samplesRun() + " samples of " + c.fullRuns() + " sampled test" + plural(c.fullRuns())
                    + ") is below the minimum " + Text.percent(p.minimum());
        }
        if (v instanceof Violation.SamplesStoppedEarly e) {
            SampleCounts c = e.samples();
            return "sample pass rate cannot be held to " + Text.percent(e.minimum()) + ": " + c.stoppedEarly()
                    + " of " + c.sampledTests() + " sampled test" + plural(c.sampledTests()) + " stopped once "
                    + (c.stoppedEarly() == 1 ? "its" : "their") + " outcome was settled, so "
                    + (c.stoppedEarly() == 1 ? "its samples are" : "their samples are") + " not a full run: run every"
                    + " sample with " + EARLY_STOP_OFF + " (a system property, or in junit-platform.properties)";
        }
        if (v instanceof Violation.NoSamples n) {
            return "has no sampled tests, so its sample pass rate cannot be held to " + Text.percent(n.minimum())
                    + ": drop <minSamplePassRate> for it";
        }
        if (v instanceof Violation.MeanScoreBelow m) {
            return "mean score " + Text.score(m.meanScore()) + " (" + m.scoredTests()
                    + " tests) is below the minimum " + Text.score(m.minimum());
        }
        if (v instanceof Violation.NoScores n) {
            return "has no absolute scores, so its mean score cannot be held to "
                    + Text.score(n.minimum()) + " (pairwise verdicts have none): drop <minMeanScore> for it";
        }
        if (v instanceof Violation.TooManyAborted a) {
            return a.aborted() + " test" + plural(a.aborted()) + " aborted (no verdict: "
                    + "the judge failed), at most " + a.maximum() + " allowed";
        }
        if (v instanceof Violation.MeanScoreFell f) {
            return "mean score fell by " + Text.score(f.drop()) + " against the baseline ("
                    + Text.score(f.before()) + " -> " + Text.score(f.after()) + " over " + f.testsInBoth()
                    + " tests in both), more than the allowed " + Text.score(f.maximumDrop());
        }
        if (v instanceof Violation.SignificantDrop d) {
            return "dropped beyond noise against the baseline: " + ComparisonText.sentence(d.comparison(), d.alpha())
                    .replaceAll("\\.$", "");
        }
        if (v instanceof Violation.NewFailures n) {
            return n.count() + " test" + plural(n.count()) + " passed in the baseline and fail"
                    + (n.count() == 1 ? "s" : "") + " now";
        }
        if (v instanceof Violation.NoMatch n) {
            return n.abortedBeforeVerdict() > 0
                    ? "no test has a verdict on it (" + known(n.known()) + "), but " + n.abortedBeforeVerdict()
                    + " test" + plural(n.abortedBeforeVerdict()) + " aborted before the judge graded them: make the "
                    + "judge work first, then check the name in <rules> if this stays"
                    : "no test matches it (" + known(n.known()) + "): check the name in <rules>";
        }
        if (v instanceof Violation.JudgeAgreementLow j) {
            return judgeAgreement(j);
        }
        throw new IllegalStateException("unknown: " + v);
    }

    /** A judge agreement limit not met, with the numbers and the way out. */
    static String judgeAgreement(Violation.JudgeAgreementLow j) {
        String name = title(j.statistic());
        String bar = CalibrationText.value(j.statistic(), j.minimum());
        String more = ": add human-labelled records for it to the calibration sets (docs/calibration.md) and run"
                + " mvn rubric:calibrate";
        if (j.measured() == null) {
            return "the judge's agreement with people (" + name + ") is not measured: " + j.notMeasured()
                    + "; it must reach " + bar + more;
        }
        if (!j.measured().defined() || !j.measured().hasInterval()) {
            return "the judge's agreement with people (" + name + ") cannot be held to " + bar + ": it is "
                    + CalibrationText.statistic(j.statistic(), j.measured()) + " over " + j.measured().n() + " record"
                    + plural(j.measured().n()) + more;
        }
        return "the judge's agreement with people (" + name + ") is " + CalibrationText.statistic(j.statistic(),
                j.measured()) + " over " + j.measured().n() + " record" + plural(j.measured().n())
                + ": its lower bound " + CalibrationText.value(j.statistic(), j.measured().low())
                + " is below the minimum " + bar;
    }

    private static String title(String key) {
        for (dev.rubric.stats.AgreementStatistic s : dev.rubric.stats.AgreementStatistic.values()) {
            if (s.key().equals(key)) {
                return s.title();
            }
        }
        return "pairwise accuracy, the pick surviving a swap, without ties";
    }

    /** The lines that list a violation's offenders, without indentation. */
    public static List<String> offenderLines(Violation v) {
        return v.offenders().stream().flatMap(o -> lines(o).stream()).toList();
    }

    /** One offender in words: "[module] Class.method: why: \"feedback\"". */
    public static List<String> lines(Violation.Offender o) {
        if (o instanceof Violation.Failing f) {
            return List.of(f.test().test().label() + ": " + detail(f));
        }
        if (o instanceof Violation.Dropped d) {
            return List.of(d.test().label() + ": " + Text.score(d.before()) + " -> "
                    + Text.score(d.after()) + feedbackSuffix(d.test(), d));
        }
        if (o instanceof Violation.AbortedAlike a) {
            return a.tests().size() == 1
                    ? List.of(a.tests().get(0).label() + ": aborted: " + Text.shorten(a.reason(), ABORT_REASON_CHARS))
                    : List.of((a.all() ? "all " : "") + a.tests().size() + " aborted for one reason: "
                    + Text.shorten(a.reason(), ABORT_REASON_CHARS), "  " + names(a.tests()));
        }
        if (o instanceof Violation.More m) {
            return List.of("and " + m.count() + " more (see mvn rubric:report)");
        }
        throw new IllegalStateException("unknown: " + o);
    }

    /** The test an offender names, or null for a line about several. */
    public static GatedTest test(Violation.Offender o) {
        if (o instanceof Violation.Failing f) {
            return f.test().test();
        }
        if (o instanceof Violation.Dropped d) {
            return d.test();
        }
        if (o instanceof Violation.AbortedAlike a) {
            return a.tests().size() == 1 ? a.tests().get(0) : null;
        }
        if (o instanceof Violation.More m) {
            return null;
        }
        throw new IllegalStateException("unknown: " + o);
    }

    /** An offender's line without its test's name: why it offends, and what the judge said. */
    public static String detail(Violation.Offender o) {
        if (o instanceof Violation.Failing f) {
            return detail(f);
        }
        if (o instanceof Violation.Dropped d) {
            return Text.score(d.before()) + " -> " + Text.score(d.after()) + feedbackSuffix(d.test(), d);
        }
        if (o instanceof Violation.AbortedAlike a) {
            return a.tests().size() == 1
                    ? "aborted: " + Text.shorten(a.reason(), ABORT_REASON_CHARS)
                    : String.join("; ", lines(a));
        }
        if (o instanceof Violation.More m) {
            return String.join("", lines(m));
        }
        throw new IllegalStateException("unknown: " + o);
    }

    private static String names(List<GatedTest> tests) {
        return tests.stream().limit(Gate.MAX_OFFENDERS).map(GatedTest::label).collect(Collectors.joining(", "))
                + (tests.size() > Gate.MAX_OFFENDERS ? " and " + (tests.size() - Gate.MAX_OFFENDERS) + " more" : "");
    }

    /** Why a test offends, and what the judge said, shortened: the line a developer reads first. */
    private static String detail(Violation.Failing f) {
        ScopedTest st = f.test();
        GatedTest t = st.test();
        if (st.outcome() == Outcome.ABORTED) {
            return "aborted: " + Text.shorten(t.message() == null ? "no reason recorded" : t.message(), FEEDBACK_CHARS);
        }
        StringBuilder b = new StringBuilder();
        if (t.samples() != null) {
            b.append(String.format(Locale.ROOT, "passed %d of %d samples (needs %s%s)", t.samples().passed(),
                    t.samples().run(), Text.percent(t.samples().minPassRate()), t.ranEverySample() ? ""
                            : "; stopped after " + t.samples().run() + " of " + t.samples().planned()));
        } else {
            List<String> failed = t.assertions().stream().filter(a -> !a.passed())
                    .filter(a -> Gate.inScope(f.scope(), a.rubric(), a.criteria())).map(ViolationText::describe)
                    .toList();
            if (!failed.isEmpty()) {
                b.append(String.join("; ", failed));
            } else if (!Double.isNaN(st.meanScore())) {
                b.append("scored ").append(Text.score(st.meanScore()));
            } else if (t.message() != null) {
                b.append(Text.shorten(t.message(), FEEDBACK_CHARS));
            } else {
                b.append(String.valueOf(st.outcome()).toLowerCase(Locale.ROOT));
            }
        }
        b.append(feedbackSuffix(t, f));
        return b.toString();
    }

    private static String feedbackSuffix(GatedTest t, Violation.Offender o) {
        var scope = o instanceof Violation.Failing f ? f.scope() : ((Violation.Dropped) o).scope();
        return Gate.worstVerdict(t, scope).map(VerdictRecord::feedback).filter(fb -> fb != null && !fb.isBlank())
                .map(fb -> ": \"" + Text.shorten(fb, FEEDBACK_CHARS) + "\"").orElse("");
    }

    /** One assertion: "helpfulness scored 2 (scoresAtLeast 4)", "helpfulness beats: loss". */
    public static String describe(AssertionRecord a) {
        String rubric = a.rubric() == null ? "" : a.rubric() + " ";
        String check = a.check().method() + (a.threshold() == null ? "" : " "
                + Text.score(a.threshold()).replace(".00", ""));
        if (a.aborted()) {
            return rubric + check + ": no verdict (the judge failed)";
        }
        if (a.mode() == GradingMode.PAIRWISE || a.pairwise() != null) {
            return rubric + check + ": "
                    + (a.pairwise() == null ? "failed" : a.pairwise().name().toLowerCase(Locale.ROOT));
        }
        return rubric + (a.actual() == null ? "no score" : "scored " + Text.score(a.actual()).replace(".00", ""))
                + " (" + check + ")";
    }

    private static String known(List<String> names) {
        return names.isEmpty() ? "the results have none"
                : "the results have: " + String.join(", ", names.subList(0, Math.min(names.size(), 12)))
                + (names.size() > 12 ? ", ..." : "");
    }

    private static String plural(long n) {
        return n == 1 ? "" : "s";
    }
}
