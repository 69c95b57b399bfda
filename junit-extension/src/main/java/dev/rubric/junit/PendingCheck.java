package dev.rubric.junit;

import dev.rubric.core.Grading;
import dev.rubric.core.JudgeException;
import dev.rubric.core.Rubric;
import dev.rubric.core.Verdict;
import dev.rubric.junit.engine.GradingScope;
import dev.rubric.results.AssertionRecord;
import dev.rubric.results.Check;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One rubric check between asking the judge and deciding: its gradings, the scope of the test that made it, and how
 * its verdicts decide it. A check made at once resolves right after its own gradings; a soft one
 * ({@link RubricSoftAssertions}) resolves with the others of its test, from one submission.
 */
final class PendingCheck {

    /** What the verdicts say: the assertion for the results file, and the failure message when it did not hold. */
    record Decision(AssertionRecord record, String failure) {
    }

    /** How a check ended. */
    sealed interface Resolution permits Held, Failed, NoVerdict {
    }

    record Held() implements Resolution {
    }

    record Failed(AssertionError error) implements Resolution {
    }

    record NoVerdict(JudgeException reason, String check) implements Resolution {
    }

    private final ResponseAssert origin;
    private final Check check;
    private final Double threshold;
    private final Rubric rubric;
    private final GradingScope scope;
    private final List<Grading> gradings;
    private final Function<List<Verdict>, Decision> decide;

    PendingCheck(ResponseAssert origin, Check check, Double threshold, Rubric rubric, GradingScope scope,
                 List<? extends Grading> gradings, Function<List<Verdict>, Decision> decide) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.check = Objects.requireNonNull(check, "check");
        this.threshold = threshold;
        this.rubric = Objects.requireNonNull(rubric, "rubric");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.gradings = List.copyOf(gradings);
        this.decide = Objects.requireNonNull(decide, "decide");
    }

    GradingScope scope() {
        return scope;
    }

    List<Grading> gradings() {
        return gradings;
    }

    /**
     * Decides the check from what the judge made of its gradings and records the assertion in its test's record
     * (one without a verdict when the judge gave none: per-rubric counts of the results file see it).
     *
     * @throws RuntimeException what deciding threw: a check that cannot be decided with this judge (no score
     *                          probabilities for an expected score) is an error, not a failure
     */
    Resolution resolve(List<GradingScope.Graded> graded) {
        List<Verdict> verdicts = new ArrayList<>(graded.size());
        for (GradingScope.Graded g : graded) {
            if (g instanceof GradingScope.NotJudged n) {
                scope.record(AssertionRecord.noVerdict(rubric.name(), rubric.criteria(), check, threshold));
                return new NoVerdict(n.reason(), describe());
            }
            verdicts.add(((GradingScope.Judged) g).verdict());
        }
        Decision d = decide.apply(verdicts);
        scope.record(d.record());
        return d.failure() == null ? new Held() : new Failed(origin.failureOf(d.failure()));
    }

    /** "scoresAtLeast 4 on helpfulness": the check as a line of a soft assertion's summary names it. */
    String describe() {
        return check.withThreshold(threshold) + " on " + rubric.name();
    }
}
