package dev.rubric.maven.rejudge;

import dev.rubric.core.GradingMode;
import dev.rubric.results.batch.GradingOutcome;
import dev.rubric.results.AbortRecord;
import dev.rubric.results.AssertionRecord;
import dev.rubric.results.Check;
import dev.rubric.results.AssertionRecord.PairwiseOutcome;
import dev.rubric.results.JudgeRecord;
import dev.rubric.results.Outcome;
import dev.rubric.results.RunResults;
import dev.rubric.results.SampleStats;
import dev.rubric.results.TestResult;
import dev.rubric.results.VerdictRecord;
import dev.rubric.stats.WilsonInterval;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A results file as the new judge's verdicts make it, without running any test: each test's checks are held to the
 * new verdicts, in the order the test made them.
 *
 * <ul>
 *   <li>A check that now fails (or gets no verdict) ends the test there, FAILED (or ABORTED), as AssertJ would have:
 *       the checks after it, and their verdicts, drop out.</li>
 *   <li>A test whose checks all pass now passes. One that failed at a rubric check that now passes is PASSED with a
 *       note: what the test did after that check never ran.</li>
 *   <li>A test that failed or aborted for another reason (an exception, a plain assertion, a grading that got no
 *       verdict then) keeps that outcome, unless a check before that point now fails.</li>
 *   <li>A sampled test is decided again from its samples' new outcomes, by its own rule (passes &gt;= ceil(p * N)).
 *       Samples that the original run never ran (it stopped early) are unknown: when they could still change the
 *       outcome the test is SKIPPED, saying so.</li>
 * </ul>
 */
final class Rejudgement {

    /** The new outcome of a stored verdict: the test node's unique id and the verdict's index in it. */
    interface Outcomes {
        GradingOutcome of(String testId, int index);
    }

    private Rejudgement() {
    }

    static RunResults apply(RunResults run, Set<String> leftOut, Outcomes outcomes, JudgeRecord judge, Instant now) {
        Map<String, TestResult> rebuilt = new LinkedHashMap<>();
        for (TestResult t : run.tests()) {
            if (leftOut.contains(t.uniqueId()) || t.samples() != null) {
                continue;
            }
            rebuilt.put(t.uniqueId(), node(t, outcomes));
        }
        for (TestResult t : run.tests()) {
            if (!leftOut.contains(t.uniqueId()) && t.samples() != null) {
                List<TestResult> samples = run.tests().stream().filter(s -> t.uniqueId().equals(s.parentId()))
                        .map(s -> rebuilt.get(s.uniqueId())).toList();
                rebuilt.put(t.uniqueId(), sampled(t, samples));
            }
        }
        List<TestResult> tests = run.tests().stream().map(t -> rebuilt.get(t.uniqueId()))
                .filter(java.util.Objects::nonNull).toList();
        long hits = tests.stream().flatMap(t -> t.verdicts().stream()).filter(VerdictRecord::cached).count();
        long all = tests.stream().mapToLong(t -> t.verdicts().size()).sum();
        return new RunResults(RunResults.SCHEMA_VERSION, run.runId() + "-rejudged", judge, now, now, hits,
                all - hits, tests);
    }

    /** One test, sample or case: its checks held to the new verdicts. */
    static TestResult node(TestResult t, Outcomes outcomes) {
        if (t.outcome() == Outcome.SKIPPED) {
            return t;
        }
        List<AssertionRecord> checks = new ArrayList<>();
        List<VerdictRecord> verdicts = new ArrayList<>();
        int next = 0;
        Outcome stop = null;
        String message = null;
        AbortRecord abort = null;
        for (AssertionRecord a : t.assertions()) {
            if (a.aborted()) {
                // no verdict then, so nothing to grade again: the test was aborted here, and stays so
                checks.add(a);
                stop = Outcome.ABORTED;
                message = t.message();
                abort = t.abort();
                break;
            }
            int needed = a.mode() == GradingMode.PAIRWISE ? 2 : 1;
            List<GradingOutcome> mine = new ArrayList<>();
            for (int i = 0; i < needed; i++) {
                mine.add(outcomes.of(t.uniqueId(), next++));
            }
            mine.stream().filter(o -> o.verdict() != null).forEach(o -> verdicts.add(o.verdict()));
            AbortRecord failure = mine.stream().map(GradingOutcome::failure).filter(java.util.Objects::nonNull)
                    .findFirst().orElse(null);
            if (failure != null) {
                checks.add(AssertionRecord.noVerdict(a.rubric(), a.criteria(), a.check(), a.threshold()));
                stop = Outcome.ABORTED;
                message = failure.message();
                abort = failure;
                break;
            }
            Held c = check(a, mine.stream().map(GradingOutcome::verdict).toList());
            checks.add(c.record());
            if (!c.record().passed()) {
                stop = Outcome.FAILED;
                message = c.message();
                break;
            }
        }
        Outcome outcome;
        if (stop != null) {
            outcome = stop;
        } else if (t.outcome() == Outcome.PASSED) {
            outcome = Outcome.PASSED;
        } else if (t.outcome() == Outcome.FAILED && !t.assertions().isEmpty()
                && !t.assertions().get(t.assertions().size() - 1).passed()) {
            outcome = Outcome.PASSED;
            message = "passes when re-judged: its checks all hold with the new verdicts (the original run stopped at"
                    + " the check that failed then, so any code after it did not run)";
        } else {
            outcome = t.outcome();
            message = t.message();
            abort = t.abort();
        }
        return new TestResult(t.uniqueId(), t.parentId(), t.className(), t.methodName(), t.displayName(), t.tags(),
                outcome, message, t.durationMs(), checks, verdicts, null, outcome == Outcome.ABORTED ? abort : null);
    }

    /** A sampled test decided again from its re-judged samples. */
    static TestResult sampled(TestResult t, List<TestResult> samples) {
        SampleStats was = t.samples();
        if (t.outcome() == Outcome.SKIPPED) {
            return t;
        }
        int passed = (int) samples.stream().filter(s -> s.outcome() == Outcome.PASSED).count();
        int run = (int) samples.stream().filter(s -> s.outcome() != Outcome.SKIPPED).count();
        int planned = was.planned();
        int required = Math.max(0, Math.min(planned, (int) Math.ceil(was.minPassRate() * planned - 1e-9)));
        TestResult firstAborted = samples.stream().filter(s -> s.outcome() == Outcome.ABORTED).findFirst()
                .orElse(null);
        String tally = String.format(Locale.ROOT, "%d/%d samples passed; %d of %d required", passed, run, required,
                planned);
        Outcome outcome;
        String message = null;
        AbortRecord abort = null;
        if (passed >= required) {
            outcome = Outcome.PASSED;
        } else if (passed + (planned - run) < required) {
            outcome = firstAborted != null ? Outcome.ABORTED : Outcome.FAILED;
            message = "the sampled test " + (firstAborted != null ? "had samples without a verdict" : "failed")
                    + " when re-judged: " + tally;
            abort = firstAborted == null ? null : firstAborted.abort();
        } else {
            outcome = Outcome.SKIPPED;
            message = "re-judging cannot decide: the original run stopped after " + run + " of " + planned
                    + " samples, and with the new verdicts the samples it never ran could still change the outcome ("
                    + tally + "); run the tests again, or with rubric.execution.early-stop=false so that every sample"
                    + " is kept";
        }
        WilsonInterval w = WilsonInterval.of(passed, run);
        SampleStats stats = new SampleStats(planned, run, passed, was.minPassRate(), run == 0 ? 0 : (double) passed / run,
                w.low(), w.high(), was.stoppedEarly());
        return new TestResult(t.uniqueId(), t.parentId(), t.className(), t.methodName(), t.displayName(), t.tags(),
                outcome, message, t.durationMs(), List.of(), List.of(), stats, outcome == Outcome.ABORTED ? abort : null);
    }

    private record Held(AssertionRecord record, String message) {
    }

    /** One check held to its new verdict(s), worded like the engine's first line of a failure. */
    private static Held check(AssertionRecord a, List<VerdictRecord> v) {
        Check check = a.check();
        String on = " on \"" + a.rubric() + "\"";
        return switch (check) {
            case SCORES_AT_LEAST, SCORES_AT_MOST -> {
                int score = v.get(0).score();
                boolean ok = check.holds(score, a.threshold());
                yield new Held(new AssertionRecord(a.rubric(), a.criteria(), check, a.threshold(), (double) score,
                        null, ok), "Expected the response " + check.requirement(a.threshold()) + on
                        + ", but the judge gave " + score + " (re-judged)." + feedback(v));
            }
            case HAS_EXPECTED_SCORE_AT_LEAST -> {
                Double expected = v.get(0).expectedScore();
                if (expected == null) {
                    yield new Held(new AssertionRecord(a.rubric(), a.criteria(), check, a.threshold(), null, null,
                            false), "the judge gave no score probabilities, so " + check.withThreshold(a.threshold())
                            + " cannot be checked (re-judged)");
                }
                boolean ok = check.holds(expected, a.threshold());
                yield new Held(new AssertionRecord(a.rubric(), a.criteria(), check, a.threshold(), expected, null,
                        ok), String.format(Locale.ROOT, "Expected the response %s%s, but it is %.2f (re-judged).",
                        check.requirement(a.threshold()), on, expected) + feedback(v));
            }
            case BEATS, BEATS_OR_TIES, LOSES_TO -> {
                PairwiseOutcome outcome = PairwiseOutcome.of("A".equals(v.get(0).winner()),
                        "B".equals(v.get(1).winner()));
                boolean ok = check.holds(outcome);
                yield new Held(new AssertionRecord(a.rubric(), a.criteria(), check, null, null, outcome, ok),
                        "Expected the response " + check.requirement(null) + on + " (the judge was asked in both"
                        + " orders), but the outcome is " + outcome.name().toLowerCase(Locale.ROOT) + " (re-judged)."
                        + feedback(v));
            }
        };
    }

    private static String feedback(List<VerdictRecord> v) {
        String f = v.get(0).feedback();
        return f == null || f.isBlank() ? "" : "\nJudge feedback:\n  " + f;
    }
}
