package dev.rubric.maven.gate;

import dev.rubric.maven.scope.Scope;
import dev.rubric.maven.scope.ScopedTest;
import dev.rubric.maven.scope.ScopeStats;
import dev.rubric.maven.scope.SampleCounts;
import dev.rubric.maven.scope.RubricSelector;

import dev.rubric.core.GradingMode;
import dev.rubric.maven.baseline.BaselineComparison;
import dev.rubric.maven.baseline.PairedComparison;
import dev.rubric.maven.calibrate.CalibrationResults;
import dev.rubric.maven.merge.GatedTest;
import dev.rubric.maven.merge.MergedResults;
import dev.rubric.maven.merge.ResultsMerger;
import dev.rubric.results.AssertionRecord;
import dev.rubric.results.Outcome;
import dev.rubric.results.VerdictRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Applies a gate's rules to merged results: the numbers per rubric, class, tag and module, and every broken rule, as
 * data ({@link Violation}). No Maven types and no wording: the mojos and the report put the findings into words.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Gate {

    /** How many offending tests a violation lists; the rest are counted. */
    public static final int MAX_OFFENDERS = 10;
    /** With more distinct abort reasons than this, the aborted tests are listed one by one instead. */
    static final int MAX_ABORT_REASONS = 3;

    private Gate() {
    }

    /**
     * A table row: a scope's numbers, its mean score change against the baseline, its paired comparison with the
     * baseline ({@code null} without one), and whether its rules held.
     */
    public record Row(ScopeStats stats, double meanScoreChange, PairedComparison comparison, Status status) {
    }

    public enum Status { OK, BROKEN, UNCHECKED }

    /**
     * What a gate found.
     *
     * @param total      every test together
     * @param rubrics    one row per rubric, by name
     * @param classes    one row per test class
     * @param tags       one row per tag that a rule names
     * @param modules    one row per module, in an aggregate over several modules
     * @param violations every broken rule, in the order the rules were given
     * @param checks     how many limits were checked
     * @param alpha      the significance level the comparisons with the baseline are read at
     */
    public record Result(Row total, List<Row> rubrics, List<Row> classes, List<Row> tags, List<Row> modules,
                         List<Violation> violations, int checks, double alpha) {

        public boolean passed() {
            return violations.isEmpty();
        }
    }

    /**
     * @param baseline the baseline comparison, or {@code null} when there is no baseline
     * @throws InvalidRuleException for a rule that names no scope or has a limit out of range
     */
    public static Result evaluate(MergedResults merged, BaselineComparison baseline, GateSettings settings) {
        return evaluate(merged, baseline, settings, null);
    }

    /**
     * @param baseline    the baseline comparison, or {@code null} when there is no baseline
     * @param calibration the judge's measured agreement with people ({@code rubric:calibrate}), or {@code null} when
     *                    none was measured
     * @throws InvalidRuleException for a rule that names no scope or has a limit out of range
     */
    public static Result evaluate(MergedResults merged, BaselineComparison baseline, GateSettings settings,
                                  CalibrationResults calibration) {
        List<GatedTest> tests = merged.tests();
        List<Violation> violations = new ArrayList<>();
        Set<Scope> checked = new LinkedHashSet<>();
        Set<Scope> broken = new LinkedHashSet<>();
        int checks = 0;

        List<ScopedRule> rules = new ArrayList<>();
        rules.add(new ScopedRule(Scope.ALL, Rule.of(Scope.ALL, settings.minPassRate(), settings.minMeanScore(),
                settings.maxAborted(), null).withMinSamplePassRate(settings.minSamplePassRate())
                .withFailOnSignificantDrop(settings.failOnSignificantDrop() ? Boolean.TRUE : null)));
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

        if (settings.minJudgeAgreement() != null) {
            Rule.of(Scope.ALL, null, null, null, null).withMinJudgeAgreement(settings.minJudgeAgreement(),
                    settings.judgeAgreementStatistic()).validate("rubric-maven-plugin");
            for (String rubric : ResultsMerger.rubricNames(tests)) {
                if (!hasOwnJudgeAgreementLimit(rules, rubric, tests)) {
                    Scope scope = Scope.rubric(rubric);
                    rules.add(new ScopedRule(scope, Rule.of(scope, null, null, null, null).withMinJudgeAgreement(
                            settings.minJudgeAgreement(), settings.judgeAgreementStatistic())));
                }
            }
        }

        for (ScopedRule sr : rules) {
            List<ScopedTest> selected = sr.scope().select(tests);
            ScopeStats stats = ScopeStats.of(sr.scope(), selected);
            List<Violation> found = check(sr, selected, stats, baseline, merged, settings.alpha());
            if (sr.rule().getMinJudgeAgreement() != null && (found.isEmpty()
                    || !(found.get(0) instanceof Violation.NoMatch))) {
                if (sr.scope().kind() != Scope.Kind.RUBRIC) {
                    throw new InvalidRuleException("minJudgeAgreement holds a rubric's judge to people's labels: put"
                            + " it on a <rule> with a <rubric> (or use the plain parameter for every rubric), not on "
                            + sr.scope().describe());
                }
                found = new ArrayList<>(found);
                JudgeAgreementRule.check(sr.scope(), sr.rule().getMinJudgeAgreement(),
                        JudgeAgreementRule.key("minJudgeAgreement", sr.rule().getJudgeAgreementStatistic()),
                        calibration, merged).ifPresent(found::add);
            }
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
                violations.add(new Violation.NewFailures(Scope.ALL, newFailures.size(),
                        offenders(newFailures.stream().map(t -> new ScopedTest(t, t.outcome(), t.scores()))
                                .toList(), Scope.ALL)));
                broken.add(Scope.ALL);
                checked.add(Scope.ALL);
            }
        }

        Rows rows = new Rows(tests, baseline, checked, broken);
        Row total = rows.row(Scope.ALL, tests);
        double alpha = settings.alpha();
        List<Row> rubricRows = ResultsMerger.rubricNames(tests).stream()
                .map(r -> rows.row(Scope.rubric(r), tests)).toList();
        // each class's row from its own tests (and those whose simple name is its name: a class scope matches both),
        // not from all tests per class: a run of many classes stays linear
        Map<String, List<GatedTest>> byClass = new HashMap<>();
        Map<String, List<GatedTest>> bySimpleName = new HashMap<>();
        for (GatedTest t : tests) {
            if (t.className() != null) {
                byClass.computeIfAbsent(t.className(), k -> new ArrayList<>()).add(t);
                bySimpleName.computeIfAbsent(t.className().substring(t.className().lastIndexOf('.') + 1),
                        k -> new ArrayList<>()).add(t);
            }
        }
        List<Row> classRows = byClass.keySet().stream().sorted()
                .map(c -> rows.row(Scope.testClass(c), bySimpleName.containsKey(c) ? tests : byClass.get(c)))
                .toList();
        List<Row> tagRows = rules.stream().map(ScopedRule::scope).filter(s -> s.kind() == Scope.Kind.TAG).distinct()
                .map(s -> rows.row(s, tests)).toList();
        List<Row> moduleRows = merged.modules().stream()
                .map(m -> rows.row(Scope.module(m), tests)).toList();
        return new Result(total, rubricRows, classRows, tagRows, moduleRows, violations, checks, alpha);
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

    /** Whether a rule names this rubric with a judge agreement limit of its own, replacing the global one. */
    private static boolean hasOwnJudgeAgreementLimit(List<ScopedRule> rules, String rubric, List<GatedTest> tests) {
        String criteria = tests.stream().flatMap(t -> t.verdicts().stream()).filter(v -> rubric.equals(v.rubric()))
                .map(VerdictRecord::criteria).filter(Objects::nonNull).findFirst().orElse(null);
        return rules.stream().anyMatch(r -> r.scope().kind() == Scope.Kind.RUBRIC
                && r.rule().getMinJudgeAgreement() != null
                && new RubricSelector(r.scope().value()).matches(rubric, criteria));
    }

    /** The rows of the summary, with each checked scope's tests found once. */
    private static final class Rows {
        private final List<GatedTest> tests;
        private final BaselineComparison baseline;
        private final Set<Scope> checked;
        private final Set<Scope> broken;
        private final Map<Scope, Set<GatedTest>> members = new HashMap<>();

        Rows(List<GatedTest> tests, BaselineComparison baseline, Set<Scope> checked, Set<Scope> broken) {
            this.tests = tests;
            this.baseline = baseline;
            this.checked = checked;
            this.broken = broken;
        }

        /** The row of a scope, selected from {@code candidates} (all tests, or a subset holding all of its tests). */
        Row row(Scope scope, List<GatedTest> candidates) {
            List<ScopedTest> selected = scope.select(candidates);
            ScopeStats stats = ScopeStats.of(scope, selected);
            double change = baseline == null ? Double.NaN : baseline.meanScoreChange(scope, selected);
            PairedComparison comparison = baseline == null ? null : baseline.compare(scope, selected);
            // the row's tests as a set only when a rule of its kind may hold the same tests (a large run's total row
            // never needs one)
            java.util.function.Supplier<Set<GatedTest>> rowMembers = new java.util.function.Supplier<>() {
                private Set<GatedTest> set;

                @Override
                public Set<GatedTest> get() {
                    if (set == null) {
                        set = selected.stream().map(ScopedTest::test).collect(Collectors.toSet());
                    }
                    return set;
                }
            };
            Status status = Status.UNCHECKED;
            for (Scope s : checked) {
                if (sameTests(s, scope, rowMembers)) {
                    status = broken.contains(s) ? Status.BROKEN : (status == Status.BROKEN ? status : Status.OK);
                }
            }
            if (status == Status.OK && stats.decided() == 0) {
                status = Status.UNCHECKED; // every test aborted: its limits could not be held, so never "ok"
            }
            return new Row(stats, change, comparison, status);
        }

        private boolean sameTests(Scope rule, Scope row, java.util.function.Supplier<Set<GatedTest>> rowMembers) {
            if (rule.equals(row)) {
                return true;
            }
            if (rule.kind() != row.kind() || row.kind() == Scope.Kind.ALL || row.kind() == Scope.Kind.TAG) {
                return false;
            }
            Set<GatedTest> ruleMembers = members.computeIfAbsent(rule,
                    r -> r.select(tests).stream().map(ScopedTest::test).collect(Collectors.toSet()));
            return !ruleMembers.isEmpty() && ruleMembers.equals(rowMembers.get());
        }
    }

    private static int limits(Rule r, boolean haveBaseline) {
        int n = 0;
        n += r.getMinPassRate() != null ? 1 : 0;
        n += r.getMinMeanScore() != null ? 1 : 0;
        n += r.getMaxAborted() != null ? 1 : 0;
        n += r.getMaxMeanScoreDrop() != null && haveBaseline ? 1 : 0;
        n += r.getMinSamplePassRate() != null ? 1 : 0;
        n += Boolean.TRUE.equals(r.getFailOnSignificantDrop()) && haveBaseline ? 1 : 0;
        n += r.getMinJudgeAgreement() != null ? 1 : 0;
        return n;
    }

    private static List<Violation> check(ScopedRule sr, List<ScopedTest> selected, ScopeStats stats,
                                         BaselineComparison baseline, MergedResults merged, double alpha) {
        Rule rule = sr.rule();
        Scope scope = sr.scope();
        List<Violation> out = new ArrayList<>();
        if (selected.isEmpty() && scope.kind() != Scope.Kind.ALL && limits(rule, baseline != null) > 0) {
            long unjudged = scope.kind() != Scope.Kind.RUBRIC ? 0 : merged.tests().stream()
                    .filter(t -> t.outcome() == Outcome.ABORTED && t.verdicts().isEmpty()).count();
            out.add(new Violation.NoMatch(scope, known(scope, merged), unjudged));
            return out;
        }
        if (rule.getMinPassRate() != null && stats.decided() > 0 && stats.passRate() < rule.getMinPassRate()) {
            List<ScopedTest> failing = selected.stream().filter(t -> t.outcome() == Outcome.FAILED)
                    .sorted(LOWEST_SCORE_FIRST).toList();
            out.add(new Violation.PassRateBelow(scope, stats.passRate(), stats.passed(), stats.decided(),
                    rule.getMinPassRate(), offenders(failing, scope)));
        }
        if (rule.getMinSamplePassRate() != null && stats.decided() > 0) {
            sampleRate(scope, selected, stats.samples(), rule.getMinSamplePassRate()).ifPresent(out::add);
        }
        if (rule.getMinMeanScore() != null) {
            if (stats.scoredTests() == 0 && stats.decided() > 0) {
                out.add(new Violation.NoScores(scope, rule.getMinMeanScore()));
            } else if (stats.scoredTests() > 0 && stats.meanScore() < rule.getMinMeanScore()) {
                List<ScopedTest> low = selected.stream().filter(ScopedTest::decided)
                        .filter(t -> t.meanScore() < rule.getMinMeanScore())
                        .sorted(Comparator.comparingDouble(ScopedTest::meanScore)).toList();
                out.add(new Violation.MeanScoreBelow(scope, stats.meanScore(), stats.scoredTests(),
                        rule.getMinMeanScore(), offenders(low, scope)));
            }
        }
        if (rule.getMaxAborted() != null && stats.aborted() > rule.getMaxAborted()) {
            List<ScopedTest> aborted = selected.stream().filter(t -> t.outcome() == Outcome.ABORTED).toList();
            out.add(new Violation.TooManyAborted(scope, stats.aborted(), rule.getMaxAborted(),
                    abortedOffenders(aborted, scope)));
        }
        if (rule.getMaxMeanScoreDrop() != null && baseline != null) {
            List<BaselineComparison.ScoreChange> changes = baseline.scoreChanges(scope, selected);
            double change = changes.stream().mapToDouble(BaselineComparison.ScoreChange::delta).average()
                    .orElse(Double.NaN);
            if (!Double.isNaN(change) && -change > rule.getMaxMeanScoreDrop() + 1e-9) {
                double before = changes.stream().mapToDouble(BaselineComparison.ScoreChange::before).average().orElse(0);
                double after = changes.stream().mapToDouble(BaselineComparison.ScoreChange::after).average().orElse(0);
                List<Violation.Offender> dropped = changes.stream().filter(c -> c.delta() < 0).limit(MAX_OFFENDERS)
                        .map(c -> (Violation.Offender) new Violation.Dropped(c.test(), c.before(), c.after(), scope))
                        .toList();
                out.add(new Violation.MeanScoreFell(scope, before, after, changes.size(), rule.getMaxMeanScoreDrop(),
                        withRest(dropped, changes.stream().filter(c -> c.delta() < 0).count())));
            }
        }
        if (Boolean.TRUE.equals(rule.getFailOnSignificantDrop()) && baseline != null) {
            PairedComparison comparison = baseline.compare(scope, selected);
            if (comparison.significantDrop(alpha)) {
                out.add(new Violation.SignificantDrop(scope, comparison, alpha, dropOffenders(comparison, selected,
                        scope)));
            }
        }
        return out;
    }

    /** The tests that went from passed to failed, then those whose score fell most: what a significant drop is made of. */
    private static List<Violation.Offender> dropOffenders(PairedComparison c, List<ScopedTest> selected, Scope scope) {
        List<Violation.Offender> all = new ArrayList<>();
        Set<GatedTest> worse = Set.copyOf(c.worse());
        selected.stream().filter(t -> worse.contains(t.test()))
                .forEach(t -> all.add(new Violation.Failing(t, scope)));
        c.scores().stream().filter(d -> d.delta() < 0 && !worse.contains(d.test()))
                .forEach(d -> all.add(new Violation.Dropped(d.test(), d.before(), d.after(), scope)));
        return withRest(all.stream().limit(MAX_OFFENDERS).toList(), all.size());
    }

    /** Failed tests with the lowest score first, those without a score last. */
    private static final Comparator<ScopedTest> LOWEST_SCORE_FIRST = Comparator.comparingDouble(
            (ScopedTest t) -> Double.isNaN(t.meanScore()) ? Double.MAX_VALUE : t.meanScore());

    /**
     * The samples' pass rate against its minimum: held only over full runs. A sampled test that stopped early ran the
     * samples its stop chose, so when one did the rate cannot be held at all, and the violation says how to run every
     * sample instead of quietly counting the others.
     */
    private static Optional<Violation> sampleRate(Scope scope, List<ScopedTest> selected, SampleCounts samples,
                                                  double minimum) {
        if (samples.sampledTests() == 0) {
            return Optional.of(new Violation.NoSamples(scope, minimum));
        }
        if (samples.stoppedEarly() > 0) {
            List<ScopedTest> cut = selected.stream().filter(ScopedTest::decided)
                    .filter(t -> t.test().samples() != null && !t.test().ranEverySample()).toList();
            return Optional.of(new Violation.SamplesStoppedEarly(scope, samples, minimum, offenders(cut, scope)));
        }
        if (samples.passRate() < minimum) {
            List<ScopedTest> low = selected.stream().filter(ScopedTest::decided)
                    .filter(t -> t.test().ranEverySample()
                            && (double) t.test().samples().passed() / t.test().samples().run() < minimum)
                    .sorted(Comparator.comparingDouble(t -> (double) t.test().samples().passed()
                            / t.test().samples().run()))
                    .toList();
            return Optional.of(new Violation.SamplePassRateBelow(scope, samples, minimum, offenders(low, scope)));
        }
        return Optional.empty();
    }

    /** The names the results have for a kind of scope, sorted. */
    private static List<String> known(Scope scope, MergedResults merged) {
        return switch (scope.kind()) {
            case RUBRIC -> ResultsMerger.rubricNames(merged.tests());
            case CLASS -> merged.tests().stream().map(GatedTest::className).filter(Objects::nonNull).distinct()
                    .sorted().toList();
            case TAG -> merged.tests().stream().flatMap(t -> t.tags().stream()).distinct().sorted().toList();
            case MODULE -> merged.modules().stream().sorted().toList();
            case ALL -> List.of();
        };
    }

    private static List<Violation.Offender> offenders(List<ScopedTest> tests, Scope scope) {
        List<Violation.Offender> list = tests.stream().limit(MAX_OFFENDERS)
                .map(t -> (Violation.Offender) new Violation.Failing(t, scope)).toList();
        return withRest(list, tests.size());
    }

    /**
     * The aborted tests, grouped by their reason: a judge that is down or missing aborts every test for the same
     * reason, which is then said once, followed by the tests' names.
     */
    private static List<Violation.Offender> abortedOffenders(List<ScopedTest> aborted, Scope scope) {
        Map<String, List<ScopedTest>> byReason = aborted.stream().collect(Collectors.groupingBy(
                t -> t.test().abortReason(), LinkedHashMap::new, Collectors.toList()));
        if (byReason.size() > MAX_ABORT_REASONS) {
            return offenders(aborted, scope);
        }
        List<Violation.Offender> out = new ArrayList<>();
        for (Map.Entry<String, List<ScopedTest>> e : byReason.entrySet()) {
            out.add(new Violation.AbortedAlike(e.getKey(), e.getValue().stream().map(ScopedTest::test).toList(),
                    byReason.size() == 1));
        }
        return out;
    }

    private static List<Violation.Offender> withRest(List<Violation.Offender> shown, long total) {
        if (total <= shown.size()) {
            return shown;
        }
        List<Violation.Offender> out = new ArrayList<>(shown);
        out.add(new Violation.More(total - shown.size()));
        return out;
    }

    /** The verdict in scope that explains a failure best: the lowest absolute score, else the first pairwise one. */
    public static Optional<VerdictRecord> worstVerdict(GatedTest t, Scope scope) {
        return t.verdicts().stream().filter(v -> inScope(scope, v.rubric(), v.criteria()))
                .min(Comparator.comparingDouble(v -> v.mode() == GradingMode.ABSOLUTE && v.score() != null
                        ? v.score() : 10.0));
    }

    /** Whether an assertion or verdict on this rubric counts in the scope (every one does, but in a rubric's). */
    public static boolean inScope(Scope scope, String rubric, String criteria) {
        return scope.kind() != Scope.Kind.RUBRIC || new RubricSelector(scope.value()).matches(rubric, criteria);
    }
}
