package dev.rubric.maven.baseline;

import dev.rubric.maven.gate.RubricSelector;
import dev.rubric.maven.gate.Scope;
import dev.rubric.maven.merge.GatedTest;
import dev.rubric.maven.gate.ScopedTest;

import dev.rubric.results.Outcome;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares the current results with a baseline. Score changes are measured on the tests present in both, so that
 * adding a hard new test does not read as a regression of the old ones.
 */
public final class BaselineComparison {

    private final Baseline baseline;
    private final Map<String, Baseline.TestSnapshot> byId;

    public BaselineComparison(Baseline baseline) {
        this.baseline = baseline;
        this.byId = baseline.tests().stream()
                .collect(Collectors.toMap(Baseline.TestSnapshot::id, Function.identity(), (a, b) -> b));
    }

    public Baseline baseline() {
        return baseline;
    }

    /**
     * A test's mean score in a scope, then and now.
     *
     * @param test   the test now
     * @param before its mean score in the baseline
     * @param after  its mean score now
     */
    public record ScoreChange(GatedTest test, double before, double after) {

        public double delta() {
            return after - before;
        }
    }

    /** The score changes of the tests in scope that have a score both now and in the baseline, worst drop first. */
    public List<ScoreChange> scoreChanges(Scope scope, List<ScopedTest> selected) {
        List<ScoreChange> changes = new ArrayList<>();
        for (ScopedTest st : selected) {
            double now = st.meanScore();
            Baseline.TestSnapshot then = byId.get(st.test().id());
            if (Double.isNaN(now) || then == null || !st.decided()) {
                continue;
            }
            baselineScore(scope, st.test(), then).ifPresent(before -> changes.add(new ScoreChange(st.test(), before, now)));
        }
        changes.sort(Comparator.comparingDouble(ScoreChange::delta));
        return changes;
    }

    /** Mean score now minus mean score then, over the tests in both; NaN when there are none. */
    public double meanScoreChange(Scope scope, List<ScopedTest> selected) {
        List<ScoreChange> changes = scoreChanges(scope, selected);
        return changes.stream().mapToDouble(ScoreChange::delta).average().orElse(Double.NaN);
    }

    /**
     * The paired comparison of a scope's tests with their baseline selves: outcomes of the tests decided in both runs,
     * scores of the tests scored in both (see {@link PairedComparison}).
     */
    public PairedComparison compare(Scope scope, List<ScopedTest> selected) {
        int bothPassed = 0;
        int bothFailed = 0;
        List<GatedTest> worse = new ArrayList<>();
        List<GatedTest> better = new ArrayList<>();
        for (ScopedTest st : selected) {
            Baseline.TestSnapshot then = byId.get(st.test().id());
            if (!st.decided() || then == null) {
                continue;
            }
            Optional<Outcome> before = baselineOutcome(scope, st.test(), then);
            if (before.isEmpty()) {
                continue;
            }
            boolean passedThen = before.get() == Outcome.PASSED;
            if (passedThen && st.passed()) {
                bothPassed++;
            } else if (passedThen) {
                worse.add(st.test());
            } else if (st.passed()) {
                better.add(st.test());
            } else {
                bothFailed++;
            }
        }
        return PairedComparison.of(scope, bothPassed, worse, better, bothFailed, scoreChanges(scope, selected));
    }

    /**
     * A test's outcome in the baseline, within a scope: for a rubric, by that rubric's assertions (the baseline keeps
     * them apart for a test of several rubrics); empty when it was not decided then, or did not use the rubric.
     */
    private static Optional<Outcome> baselineOutcome(Scope scope, GatedTest now, Baseline.TestSnapshot then) {
        List<String> outcomes;
        if (scope.kind() != Scope.Kind.RUBRIC) {
            outcomes = List.of(then.outcome());
        } else {
            outcomes = matchingRubrics(scope, now, then).stream().map(then::outcome).toList();
        }
        if (outcomes.isEmpty() || !outcomes.stream().allMatch(o -> Outcome.PASSED.name().equals(o)
                || Outcome.FAILED.name().equals(o))) {
            return Optional.empty();
        }
        return Optional.of(outcomes.contains(Outcome.FAILED.name()) ? Outcome.FAILED : Outcome.PASSED);
    }

    /** The rubric names of a baseline test that a rubric scope selects (by name, or by the criteria they have now). */
    private static List<String> matchingRubrics(Scope scope, GatedTest now, Baseline.TestSnapshot then) {
        RubricSelector selector = new RubricSelector(scope.value());
        Set<String> names = new java.util.TreeSet<>(then.scores().keySet());
        names.addAll(then.outcomes().keySet());
        then.verdicts().forEach(v -> {
            if (v.rubric() != null) {
                names.add(v.rubric());
            }
        });
        return names.stream().filter(name -> selector.matches(name, null) || now.verdicts().stream()
                .anyMatch(v -> name.equals(v.rubric()) && selector.matches(v.rubric(), v.criteria()))).toList();
    }

    /** Tests that passed in the baseline and fail now. */
    public List<GatedTest> newFailures(List<GatedTest> tests) {
        return tests.stream()
                .filter(t -> t.outcome() == Outcome.FAILED)
                .filter(t -> Optional.ofNullable(byId.get(t.id())).map(BaselineFiles::passed).orElse(false))
                .toList();
    }

    /** Tests that failed in the baseline and pass now. */
    public List<GatedTest> fixed(List<GatedTest> tests) {
        return tests.stream()
                .filter(t -> t.outcome() == Outcome.PASSED)
                .filter(t -> Optional.ofNullable(byId.get(t.id())).map(s -> Outcome.FAILED.name().equals(s.outcome()))
                        .orElse(false))
                .toList();
    }

    /** Baseline tests that did not run now (renamed, deleted, or not included by Surefire). */
    public List<Baseline.TestSnapshot> missing(List<GatedTest> tests) {
        Set<String> now = tests.stream().map(GatedTest::id).collect(Collectors.toSet());
        return baseline.tests().stream().filter(t -> !now.contains(t.id())).toList();
    }

    /** Tests that are not in the baseline. */
    public List<GatedTest> added(List<GatedTest> tests) {
        return tests.stream().filter(t -> !byId.containsKey(t.id())).toList();
    }

    private static Optional<Double> baselineScore(Scope scope, GatedTest now, Baseline.TestSnapshot then) {
        if (scope.kind() != Scope.Kind.RUBRIC) {
            return Optional.ofNullable(then.meanScore());
        }
        RubricSelector selector = new RubricSelector(scope.value());
        List<Double> scores = then.scores().entrySet().stream()
                .filter(e -> selector.matches(e.getKey(), null)
                        || now.verdicts().stream().anyMatch(v -> e.getKey().equals(v.rubric())
                        && selector.matches(v.rubric(), v.criteria())))
                .map(Map.Entry::getValue)
                .toList();
        return scores.isEmpty() ? Optional.empty()
                : Optional.of(scores.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
    }
}
