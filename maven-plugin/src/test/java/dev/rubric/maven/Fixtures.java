package dev.rubric.maven;

import dev.rubric.maven.merge.ResultsMerger;
import dev.rubric.maven.merge.MergedResults;

import dev.rubric.core.GradingMode;
import dev.rubric.results.AssertionRecord;
import dev.rubric.results.Check;
import dev.rubric.results.JudgeRecord;
import dev.rubric.results.Outcome;
import dev.rubric.results.RunResults;
import dev.rubric.results.SampleStats;
import dev.rubric.results.TestResult;
import dev.rubric.results.VerdictRecord;
import dev.rubric.stats.WilsonInterval;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds results records for tests, the way the engine writes them. */
public final class Fixtures {

    public static final String PKG = "com.example.bot.";
    public static final JudgeRecord JUDGE = new JudgeRecord("3f9a1c0de2b4a6f8", "openai:prometheus-eval/prometheus-7b-v2.0"
            + "@66ffb1fc (prometheus-2/v1, greedy, max 1024 tokens)", "openai", "prometheus-eval/prometheus-7b-v2.0",
            "66ffb1fc", "prometheus-2/v1", null, Map.of("rubric.judge.url", "http://127.0.0.1:8000/v1"));

    private Fixtures() {
    }

    public static VerdictRecord absolute(String rubric, int score, String feedback) {
        return new VerdictRecord(GradingMode.ABSOLUTE, rubric, "Is the response " + rubric + "?",
                "How do I get a refund?", "You can request a refund within 30 days.", null, null, score, null,
                (double) score, null, null, feedback, false, false, 1234, JUDGE.fingerprintId());
    }

    public static VerdictRecord pairwise(String rubric, String winner, String feedback) {
        return new VerdictRecord(GradingMode.PAIRWISE, rubric, "Which response is more " + rubric + "?",
                "Summarise the ticket.", "New answer", "Old answer", null, null, winner, null, null, null, feedback,
                false, false, 2000, JUDGE.fingerprintId());
    }

    public static AssertionRecord atLeast(String rubric, int threshold, int actual) {
        return new AssertionRecord(rubric, "Is the response " + rubric + "?", Check.SCORES_AT_LEAST,
                (double) threshold, (double) actual, null, actual >= threshold);
    }

    public static AssertionRecord beats(String rubric, AssertionRecord.PairwiseOutcome outcome) {
        return new AssertionRecord(rubric, "Which response is more " + rubric + "?", Check.BEATS,
                null, null, outcome, outcome == AssertionRecord.PairwiseOutcome.WIN);
    }

    /** An absolute test on one rubric: passes when score >= threshold. */
    public static TestResult scored(String cls, String method, String rubric, int threshold, int score, String... tags) {
        Outcome o = score >= threshold ? Outcome.PASSED : Outcome.FAILED;
        return new TestResult(id(cls, method), null, PKG + cls, method, method + "()", List.of(tags), o,
                o == Outcome.FAILED ? "expected " + rubric + " >= " + threshold + " but the judge gave " + score : null,
                1500, List.of(atLeast(rubric, threshold, score)),
                List.of(absolute(rubric, score, "Feedback on " + method + ": the answer is " + score + "/5.")), null);
    }

    public static TestResult aborted(String cls, String method, String rubric, String reason) {
        return new TestResult(id(cls, method), null, PKG + cls, method, method + "()", List.of(), Outcome.ABORTED,
                reason, 30_000, List.of(), List.of(), null);
    }

    /** A test aborted at an assertion on {@code rubric}: the engine records that assertion without a verdict. */
    public static TestResult abortedOn(String cls, String method, String rubric, String reason) {
        return new TestResult(id(cls, method), null, PKG + cls, method, method + "()", List.of(), Outcome.ABORTED,
                reason, 30_000, List.of(noVerdict(rubric)), List.of(), null);
    }

    public static AssertionRecord noVerdict(String rubric) {
        return AssertionRecord.noVerdict(rubric, "Is the response " + rubric + "?",
                Check.SCORES_AT_LEAST, 4.0);
    }

    public static TestResult test(String cls, String method, Outcome outcome, List<AssertionRecord> assertions,
                           List<VerdictRecord> verdicts, String... tags) {
        return new TestResult(id(cls, method), null, PKG + cls, method, method + "()", List.of(tags), outcome, null,
                800, assertions, verdicts, null);
    }

    /** A sampled test and its samples: {@code passed} of {@code run} samples passed. */
    public static List<TestResult> sampled(String cls, String method, String rubric, int passed, int run, double minPassRate) {
        double rate = (double) passed / run;
        WilsonInterval w = WilsonInterval.of(passed, run);
        String parent = id(cls, method);
        TestResult p = new TestResult(parent, null, PKG + cls, method, method + "()", List.of(),
                rate >= minPassRate ? Outcome.PASSED : Outcome.FAILED, null, 9000, List.of(), List.of(),
                new SampleStats(run, run, passed, minPassRate, rate, w.low(), w.high(), false));
        List<TestResult> all = new java.util.ArrayList<>(List.of(p));
        for (int i = 1; i <= run; i++) {
            int score = i <= passed ? 4 : 2;
            all.add(new TestResult(parent + "/[sample:" + i + "]", parent, PKG + cls, method, "sample " + i,
                    List.of(), score >= 3 ? Outcome.PASSED : Outcome.FAILED, null, 1800,
                    List.of(atLeast(rubric, 3, score)), List.of(absolute(rubric, score, "sample " + i + " feedback")),
                    null));
        }
        return all;
    }

    /**
     * A sampled test as the engine writes it for a sequence of sample outcomes: with {@code earlyStop} it stops as
     * soon as the rest cannot change its verdict (the engine's rule: passes reach ceil(p * N), or can no longer), and
     * the samples it did not run are SKIPPED.
     */
    public static List<TestResult> sampledSequence(String cls, String method, String rubric, double minPassRate,
                                                   boolean earlyStop, boolean... outcomes) {
        int planned = outcomes.length;
        int required = (int) Math.ceil(minPassRate * planned - 1e-9);
        String parent = id(cls, method);
        List<TestResult> samples = new java.util.ArrayList<>();
        int passed = 0;
        int run = 0;
        for (int i = 0; i < planned; i++) {
            boolean settled = passed >= required || passed + (planned - run) < required;
            String sid = parent + "/[sample:" + (i + 1) + "]";
            if (earlyStop && settled) {
                samples.add(new TestResult(sid, parent, PKG + cls, method, "sample " + (i + 1), List.of(),
                        Outcome.SKIPPED, "the outcome was settled by the earlier samples", 0, List.of(), List.of(),
                        null));
                continue;
            }
            int score = outcomes[i] ? 5 : 2;
            run++;
            passed += outcomes[i] ? 1 : 0;
            samples.add(new TestResult(sid, parent, PKG + cls, method, "sample " + (i + 1), List.of(),
                    outcomes[i] ? Outcome.PASSED : Outcome.FAILED, null, 1800, List.of(atLeast(rubric, 4, score)),
                    List.of(absolute(rubric, score, "sample " + (i + 1) + " feedback")), null));
        }
        WilsonInterval w = WilsonInterval.of(passed, run);
        List<TestResult> all = new java.util.ArrayList<>();
        all.add(new TestResult(parent, null, PKG + cls, method, method + "()", List.of(),
                passed >= required ? Outcome.PASSED : Outcome.FAILED, null, 9000, List.of(), List.of(),
                new SampleStats(planned, run, passed, minPassRate, run == 0 ? 0 : (double) passed / run, w.low(),
                        w.high(), run < planned)));
        all.addAll(samples);
        return all;
    }

    public static String id(String cls, String method) {
        return "[engine:rubric]/[class:" + PKG + cls + "]/[method:" + method + "()]";
    }

    public static RunResults run(String runId, Instant finishedAt, List<TestResult> tests) {
        return new RunResults(RunResults.SCHEMA_VERSION, runId, JUDGE, finishedAt.minusSeconds(60), finishedAt, 3, 7,
                tests);
    }

    public static RunResults run(String runId, List<TestResult> tests) {
        return run(runId, Instant.parse("2026-11-27T10:00:00Z"), tests);
    }

    public static MergedResults merged(TestResult... tests) {
        return ResultsMerger.merge(List.of(run("r1", List.of(tests))));
    }
}
