package dev.rubric.maven.rejudge;

import dev.rubric.maven.merge.GatedTest;
import dev.rubric.maven.merge.MergedResults;
import dev.rubric.results.JudgeRecord;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What re-judging found, for the log and the report: which judges, how far their verdicts agree, which tests changed
 * outcome, and which tests were left out and why. The paired statistics over the tests come from the gate's
 * comparison of the new results with the old ones as a baseline.
 *
 * @param before   the judges of the stored verdicts
 * @param after    the judge that graded them again
 * @param verdicts how many verdicts were graded again
 * @param tests    how many tests they belong to
 * @param agreement verdict by verdict
 * @param changed  tests whose outcome is not what it was, in test order
 * @param skipped  tests left out, with the reason
 */
public record RejudgeSummary(List<JudgeRecord> before, JudgeRecord after, int verdicts, int tests,
                             Agreement agreement, List<Change> changed, List<RejudgePlan.Skipped> skipped) {

    public RejudgeSummary {
        before = List.copyOf(before);
        changed = List.copyOf(changed);
        skipped = List.copyOf(skipped);
    }

    /** A test whose outcome changed: its old self and its new self. */
    public record Change(GatedTest before, GatedTest after) {
    }

    public static RejudgeSummary of(MergedResults before, MergedResults after, JudgeRecord judge, int verdicts,
                                    Agreement agreement, List<RejudgePlan.Skipped> skipped) {
        Map<String, GatedTest> old = before.tests().stream()
                .collect(Collectors.toMap(GatedTest::id, Function.identity(), (a, b) -> b));
        List<Change> changed = after.tests().stream()
                .filter(t -> old.containsKey(t.id()) && !Objects.equals(old.get(t.id()).outcome(), t.outcome()))
                .map(t -> new Change(old.get(t.id()), t)).toList();
        return new RejudgeSummary(before.judges(), judge, verdicts, after.tests().size(), agreement, changed, skipped);
    }
}
