package dev.rubric.maven;

import dev.rubric.core.GradingMode;
import dev.rubric.results.AbortReasons;
import dev.rubric.results.AssertionRecord;
import dev.rubric.results.Outcome;
import dev.rubric.results.VerdictRecord;
import org.apache.maven.plugin.MojoExecutionException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Applies a gate's rules to merged results: the numbers per rubric and class, and every broken rule. */
public final class Gate {

    /** How many offending tests a violation lists; the rest are counted. */
    static final int MAX_OFFENDERS = 10;
    static final int FEEDBACK_CHARS = 200;
    /** An abort reason shared by several tests is printed once, so it may be long enough to say the way out. */
    static final int ABORT_REASON_CHARS = 1200;
    /** With more distinct abort reasons than this, the aborted tests are listed one by one instead. */
    static final int MAX_ABORT_REASONS = 3;

    private Gate() {
    }

    /** A table row: a scope's numbers, its mean score change against the baseline, and whether its rules held. */
    public record Row(ScopeStats stats, double meanScoreChange, Status status) {
    }

    public enum Status { OK, BROKEN, UNCHECKED }

    /**
     * What a gate found.
     *
     * @param total      every test together
     * @param rubrics    one row per rubric, by name
     * @param classes    one row per test class
     * @param tags       one row per tag that a rule names
     * @param violations every broken rule, in the order the rules were given
     * @param checks     how many limits were checked
     */
    public record Result(Row total, List<Row> rubrics, List<Row> classes, List<Row> tags, List<Violation> violations,
                         int checks) {

        public boolean passed() {
            return violations.isEmpty();
        }
    }

    public static Result evaluate(MergedResults merged, BaselineComparison baseline, GateSettings settings)
            throws MojoExecutionException {
        List<GatedTest> tests = merged.tests();
        List<Violation> violations = new ArrayList<>();
        Set<Scope> checked = new LinkedHashSet<>();
        Set<Scope> broken = new LinkedHashSet<>();
        int checks = 0;

        List<ScopedRule> rules = new ArrayList<>();
        rules.add(new ScopedRule(Scope.ALL, Rule.of(Scope.ALL, settings.minPassRate(), settings.minMeanScore(),
                settings.maxAborted(), null)));
        for (int i = 0; i < settings.rules().size(); i++) {
            Rule rule = settings.rules().get(i);
            rule.validate("<rules> entry " + (i + 1) + " " + rule);
            rules.add(new ScopedRule(rule.scope(), rule));
        }
        if (settings.maxMeanScoreDrop() != null && baseline != null) {
            for (String rubric : ResultsMerger.rubricNames(tests)) {
                if (!hasOwnDropLimit(rules, rubric, tests)) {
                    Scope scope = Scope.rubric(rubric);
                    rules.add(new ScopedRule(scope, Rule.of(scope, null, null, null, settings.maxMeanScoreDrop())));
                }
            }
        }

        for (ScopedRule sr : rules) {
            List<ScopedTest> selected = sr.scope().select(tests);
            ScopeStats stats = ScopeStats.of(sr.scope(), selected);
            List<Violation> found = check(sr, selected, stats, baseline, merged);
            int limits = limits(sr.rule(), baseline != null);
            checks += limits;
            if (limits > 0) {
                checked.add(sr.scope());
            }
            if (!found.isEmpty()) {
                broken.add(sr.scope());
            }
            violations.addAll(found);
        }

        if (settings.failOnNewFailures() && baseline != null) {
            checks++;
            List<GatedTest> newFailures = baseline.newFailures(tests);
            if (!newFailures.isEmpty()) {
                violations.add(new Violation(Scope.ALL, newFailures.size() + " test" + plural(newFailures.size())
                        + " passed in the baseline and fail" + (newFailures.size() == 1 ? "s" : "") + " now",
                        offenders(newFailures.stream().map(t -> new ScopedTest(t, t.outcome(), t.passWeight(),
                                t.scores(null))).toList(), Scope.ALL)));
                broken.add(Scope.ALL);
                checked.add(Scope.ALL);
            }
        }

        Row total = row(Scope.ALL, tests, baseline, checked, broken);
        List<Row> rubricRows = ResultsMerger.rubricNames(tests).stream()
                .map(r -> row(Scope.rubric(r), tests, baseline, checked, broken)).toList();
        List<Row> classRows = tests.stream().map(GatedTest::className).filter(Objects::nonNull).distinct().sorted()
                .map(c -> row(Scope.testClass(c), tests, baseline, checked, broken)).toList();
        List<Row> tagRows = rules.stream().map(ScopedRule::scope).filter(s -> s.kind() == Scope.Kind.TAG).distinct()
                .map(s -> row(s, tests, baseline, checked, broken)).toList();
        return new Result(total, rubricRows, classRows, tagRows, violations, checks);
    }

    private record ScopedRule(Scope scope, Rule rule) {
    }

    /** Whether a rule names this rubric (by name or criteria) with a drop limit of its own, replacing the global one. */
    private static boolean hasOwnDropLimit(List<ScopedRule> rules, String rubric, List<GatedTest> tests) {
        String criteria = tests.stream().flatMap(t -> t.verdicts().stream()).filter(v -> rubric.equals(v.rubric()))
                .map(VerdictRecord::criteria).filter(Objects::nonNull).findFirst().orElse(null);
        return rules.stream().anyMatch(r -> r.scope().kind() == Scope.Kind.RUBRIC
                && r.rule().getMaxMeanScoreDrop() != null
                && new RubricSelector(r.scope().value()).matches(rubric, criteria));
    }

    private static Row row(Scope scope, List<GatedTest> tests, BaselineComparison baseline, Set<Scope> checked,
                           Set<Scope> broken) {
        List<ScopedTest> selected = scope.select(tests);
        ScopeStats stats = ScopeStats.of(scope, selected);
        double change = baseline == null ? Double.NaN : baseline.meanScoreChange(scope, selected);
        Set<GatedTest> members = selected.stream().map(ScopedTest::test).collect(Collectors.toSet());
        Status status = Status.UNCHECKED;
        for (Scope s : checked) {
            if (sameTests(s, scope, tests, members)) {
                status = broken.contains(s) ? Status.BROKEN : (status == Status.BROKEN ? status : Status.OK);
            }
        }
        if (status == Status.OK && stats.decided() == 0) {
            status = Status.UNCHECKED; // every test aborted: its limits could not be held, so never "ok"
        }
        return new Row(stats, change, status);
    }

    private static boolean sameTests(Scope rule, Scope row, List<GatedTest> tests, Set<GatedTest> members) {
        if (rule.equals(row)) {
            return true;
        }
        if (rule.kind() != row.kind() || row.kind() == Scope.Kind.ALL || row.kind() == Scope.Kind.TAG) {
            return false;
        }
        Set<GatedTest> ruleMembers = rule.select(tests).stream().map(ScopedTest::test).collect(Collectors.toSet());
        return !ruleMembers.isEmpty() && ruleMembers.equals(members);
    }

    private static int limits(Rule r, boolean haveBaseline) {
        int n = 0;
        n += r.getMinPassRate() != null ? 1 : 0;
        n += r.getMinMeanScore() != null ? 1 : 0;
        n += r.getMaxAborted() != null ? 1 : 0;
        n += r.getMaxMeanScoreDrop() != null && haveBaseline ? 1 : 0;
        return n;
    }

    private static List<Violation> check(ScopedRule sr, List<ScopedTest> selected, ScopeStats stats,
                                         BaselineComparison baseline, MergedResults merged) {
        Rule rule = sr.rule();
        Scope scope = sr.scope();
        List<Violation> out = new ArrayList<>();
        if (selected.isEmpty() && scope.kind() != Scope.Kind.ALL && limits(rule, baseline != null) > 0) {
            long unjudged = merged.tests().stream()
                    .filter(t -> t.outcome() == Outcome.ABORTED && t.verdicts().isEmpty()).count();
            String why = scope.kind() == Scope.Kind.RUBRIC && unjudged > 0
                    ? "no test has a verdict on it (" + known(scope, merged) + "), but " + unjudged + " test"
                    + plural(unjudged) + " aborted before the judge graded them: make the judge work first, then "
                    + "check the name in <rules> if this stays"
                    : "no test matches it (" + known(scope, merged) + "): check the name in <rules>";
            out.add(new Violation(scope, why, List.of()));
            return out;
        }
        if (rule.getMinPassRate() != null && stats.decided() > 0 && stats.passRate() < rule.getMinPassRate()) {
            List<ScopedTest> failing = selected.stream().filter(ScopedTest::decided).filter(t -> t.passWeight() < 1.0)
                    .sorted(Comparator.comparingDouble(ScopedTest::passWeight)).toList();
            out.add(new Violation(scope, String.format(Locale.ROOT, "pass rate %s (%s of %d tests) is below the "
                            + "minimum %s", Text.percent(stats.passRate()), Text.passes(stats.passes()), stats.decided(),
                    Text.percent(rule.getMinPassRate())), offenders(failing, scope)));
        }
        if (rule.getMinMeanScore() != null) {
            if (stats.scoredTests() == 0 && stats.decided() > 0) {
                out.add(new Violation(scope, "has no absolute scores, so its mean score cannot be held to "
                        + Text.score(rule.getMinMeanScore()) + " (pairwise verdicts have none): drop <minMeanScore>"
                        + " for it", List.of()));
            } else if (stats.scoredTests() > 0 && stats.meanScore() < rule.getMinMeanScore()) {
                List<ScopedTest> low = selected.stream().filter(ScopedTest::decided)
                        .filter(t -> t.meanScore() < rule.getMinMeanScore())
                        .sorted(Comparator.comparingDouble(ScopedTest::meanScore)).toList();
                out.add(new Violation(scope, "mean score " + Text.score(stats.meanScore()) + " (" + stats.scoredTests()
                        + " tests) is below the minimum " + Text.score(rule.getMinMeanScore()), offenders(low, scope)));
            }
        }
        if (rule.getMaxAborted() != null && stats.aborted() > rule.getMaxAborted()) {
            List<ScopedTest> aborted = selected.stream().filter(t -> t.outcome() == Outcome.ABORTED).toList();
            out.add(new Violation(scope, stats.aborted() + " test" + plural(stats.aborted()) + " aborted (no verdict: "
                    + "the judge failed), at most " + rule.getMaxAborted() + " allowed", abortedOffenders(aborted)));
        }
        if (rule.getMaxMeanScoreDrop() != null && baseline != null) {
            List<BaselineComparison.ScoreChange> changes = baseline.scoreChanges(scope, selected);
            double change = changes.stream().mapToDouble(BaselineComparison.ScoreChange::delta).average()
                    .orElse(Double.NaN);
            if (!Double.isNaN(change) && -change > rule.getMaxMeanScoreDrop() + 1e-9) {
                double before = changes.stream().mapToDouble(BaselineComparison.ScoreChange::before).average().orElse(0);
                double after = changes.stream().mapToDouble(BaselineComparison.ScoreChange::after).average().orElse(0);
                List<Violation.Offender> dropped = changes.stream().filter(c -> c.delta() < 0).limit(MAX_OFFENDERS)
                        .map(c -> new Violation.Offender(c.test(), Text.score(c.before()) + " -> " + Text.score(c.after())
                                + feedbackSuffix(c.test(), scope)))
                        .toList();
                out.add(new Violation(scope, "mean score fell by " + Text.score(-change) + " against the baseline ("
                        + Text.score(before) + " -> " + Text.score(after) + " over " + changes.size()
                        + " tests in both), more than the allowed " + Text.score(rule.getMaxMeanScoreDrop()),
                        withRest(dropped, changes.stream().filter(c -> c.delta() < 0).count())));
            }
        }
        return out;
    }

    private static String known(Scope scope, MergedResults merged) {
        List<String> names = switch (scope.kind()) {
            case RUBRIC -> ResultsMerger.rubricNames(merged.tests());
            case CLASS -> merged.tests().stream().map(GatedTest::className).filter(Objects::nonNull).distinct()
                    .sorted().toList();
            case TAG -> merged.tests().stream().flatMap(t -> t.tags().stream()).distinct().sorted().toList();
            case ALL -> List.of();
        };
        return names.isEmpty() ? "the results have none"
                : "the results have: " + String.join(", ", names.subList(0, Math.min(names.size(), 12)))
                + (names.size() > 12 ? ", ..." : "");
    }

    private static List<Violation.Offender> offenders(List<ScopedTest> tests, Scope scope) {
        List<Violation.Offender> list = tests.stream().limit(MAX_OFFENDERS)
                .map(t -> new Violation.Offender(t.test(), detail(t, scope))).toList();
        return withRest(list, tests.size());
    }

    /**
     * The aborted tests, grouped by their reason: a judge that is down or missing aborts every test for the same
     * reason, which is then said once, in full, followed by the tests' names.
     */
    private static List<Violation.Offender> abortedOffenders(List<ScopedTest> aborted) {
        Map<String, List<ScopedTest>> byReason = aborted.stream().collect(Collectors.groupingBy(
                t -> AbortReasons.of(t.test().message()), LinkedHashMap::new, Collectors.toList()));
        if (byReason.size() > MAX_ABORT_REASONS) {
            return offenders(aborted, Scope.ALL);
        }
        List<Violation.Offender> out = new ArrayList<>();
        for (Map.Entry<String, List<ScopedTest>> e : byReason.entrySet()) {
            List<ScopedTest> tests = e.getValue();
            if (tests.size() == 1) {
                out.add(new Violation.Offender(tests.get(0).test(), "aborted: " + Text.shorten(e.getKey(),
                        ABORT_REASON_CHARS)));
                continue;
            }
            String names = tests.stream().limit(MAX_OFFENDERS).map(t -> t.test().shortName())
                    .collect(Collectors.joining(", "))
                    + (tests.size() > MAX_OFFENDERS ? " and " + (tests.size() - MAX_OFFENDERS) + " more" : "");
            out.add(new Violation.Offender(null, (byReason.size() == 1 ? "all " : "") + tests.size()
                    + " aborted for one reason: " + Text.shorten(e.getKey(), ABORT_REASON_CHARS)));
            out.add(new Violation.Offender(null, "  " + names));
        }
        return out;
    }

    private static List<Violation.Offender> withRest(List<Violation.Offender> shown, long total) {
        if (total <= shown.size()) {
            return shown;
        }
        List<Violation.Offender> out = new ArrayList<>(shown);
        out.add(new Violation.Offender(null, "and " + (total - shown.size()) + " more (see mvn rubric:report)"));
        return out;
    }

    /** Why a test offends, and what the judge said, shortened: the line a developer reads first. */
    static String detail(ScopedTest st, Scope scope) {
        GatedTest t = st.test();
        if (st.outcome() == Outcome.ABORTED) {
            return "aborted: " + Text.shorten(t.message() == null ? "no reason recorded" : t.message(), FEEDBACK_CHARS);
        }
        StringBuilder b = new StringBuilder();
        if (t.samples() != null) {
            b.append(String.format(Locale.ROOT, "passed %d of %d samples (needs %s)", t.samples().passed(),
                    t.samples().run(), Text.percent(t.samples().minPassRate())));
        } else {
            List<String> failed = t.assertions().stream().filter(a -> !a.passed())
                    .filter(a -> inScope(scope, a.rubric(), a.criteria())).map(Gate::describe).toList();
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
        b.append(feedbackSuffix(t, scope));
        return b.toString();
    }

    private static String feedbackSuffix(GatedTest t, Scope scope) {
        return worstVerdict(t, scope).map(VerdictRecord::feedback).filter(f -> f != null && !f.isBlank())
                .map(f -> ": \"" + Text.shorten(f, FEEDBACK_CHARS) + "\"").orElse("");
    }

    /** The verdict in scope that explains a failure best: the lowest absolute score, else the first pairwise one. */
    static Optional<VerdictRecord> worstVerdict(GatedTest t, Scope scope) {
        return t.verdicts().stream().filter(v -> inScope(scope, v.rubric(), v.criteria()))
                .min(Comparator.comparingDouble(v -> v.mode() == GradingMode.ABSOLUTE && v.score() != null
                        ? v.score() : 10.0));
    }

    private static boolean inScope(Scope scope, String rubric, String criteria) {
        return scope.kind() != Scope.Kind.RUBRIC || new RubricSelector(scope.value()).matches(rubric, criteria);
    }

    static String describe(AssertionRecord a) {
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

    private static String plural(long n) {
        return n == 1 ? "" : "s";
    }
}
