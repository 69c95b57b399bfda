package dev.rubric.maven.gate;

import dev.rubric.maven.merge.GatedTest;

import dev.rubric.results.AssertionRecord;
import dev.rubric.results.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which tests a rule or a table row is about: all of them, those that used a rubric, those of a test class, those
 * with a tag, or those of a module (in an aggregate over a multi-module build).
 */
public record Scope(Kind kind, String value) {

    public enum Kind { ALL, RUBRIC, CLASS, TAG, MODULE }

    public static final Scope ALL = new Scope(Kind.ALL, "");

    public Scope {
        Objects.requireNonNull(kind, "kind");
        value = value == null ? "" : value.strip();
    }

    public static Scope rubric(String nameOrCriteria) {
        return new Scope(Kind.RUBRIC, nameOrCriteria);
    }

    public static Scope testClass(String name) {
        return new Scope(Kind.CLASS, name);
    }

    public static Scope tag(String tag) {
        return new Scope(Kind.TAG, tag);
    }

    public static Scope module(String module) {
        return new Scope(Kind.MODULE, module);
    }

    /**
     * How people read it: "all tests", "rubric 'helpfulness'", "class SupportBotTest", "tag 'smoke'",
     * "module support-bot".
     */
    public String describe() {
        return switch (kind) {
            case ALL -> "all tests";
            case RUBRIC -> "rubric '" + value + "'";
            case CLASS -> "class " + value;
            case TAG -> "tag '" + value + "'";
            case MODULE -> "module " + value;
        };
    }

    /**
     * The tests in this scope, each with the outcome and scores that count here. For a rubric, a test
     * that made several rubric assertions counts by the assertions on that rubric alone: a test that failed on
     * harmlessness still passed on helpfulness. An assertion on the rubric that got no verdict (the judge failed)
     * makes the test aborted in that rubric's scope, so a rubric's {@code maxAborted} sees it.
     */
    public List<ScopedTest> select(List<GatedTest> tests) {
        List<ScopedTest> out = new ArrayList<>();
        for (GatedTest t : tests) {
            switch (kind) {
                case ALL -> out.add(new ScopedTest(t, t.outcome(), t.scores(null)));
                case CLASS -> {
                    if (classMatches(t.className())) {
                        out.add(new ScopedTest(t, t.outcome(), t.scores(null)));
                    }
                }
                case TAG -> {
                    if (t.tags().stream().anyMatch(value::equalsIgnoreCase)) {
                        out.add(new ScopedTest(t, t.outcome(), t.scores(null)));
                    }
                }
                case MODULE -> {
                    if (value.equals(t.module())) {
                        out.add(new ScopedTest(t, t.outcome(), t.scores(null)));
                    }
                }
                case RUBRIC -> forRubric(t).ifPresent(out::add);
            }
        }
        return out;
    }

    private Optional<ScopedTest> forRubric(GatedTest t) {
        RubricSelector selector = new RubricSelector(value);
        List<AssertionRecord> assertions = t.assertions().stream()
                .filter(a -> selector.matches(a.rubric(), a.criteria())).toList();
        boolean usedRubric = !assertions.isEmpty()
                || t.verdicts().stream().anyMatch(v -> selector.matches(v.rubric(), v.criteria()));
        if (!usedRubric) {
            return Optional.empty();
        }
        List<Double> scores = t.scores(selector);
        if (t.samples() == null && assertions.stream().anyMatch(AssertionRecord::aborted)) {
            // the judge gave no verdict on this rubric: aborted here, whatever else the test did
            return Optional.of(new ScopedTest(t, Outcome.ABORTED, scores));
        }
        if (!t.decided() || t.samples() != null || assertions.isEmpty()) {
            return Optional.of(new ScopedTest(t, t.outcome(), scores));
        }
        boolean passed = assertions.stream().allMatch(AssertionRecord::passed);
        return Optional.of(new ScopedTest(t, passed ? Outcome.PASSED : Outcome.FAILED, scores));
    }

    private boolean classMatches(String className) {
        if (className == null) {
            return false;
        }
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return value.equals(className) || value.equals(simple);
    }
}
