package dev.rubric.maven.rejudge;

import dev.rubric.core.DecodingSettings;
import dev.rubric.core.GradingMode;
import dev.rubric.core.JudgeException;
import dev.rubric.core.Rubrics;
import dev.rubric.results.batch.GradedBatch;
import dev.rubric.results.batch.GradingBatch;
import dev.rubric.results.batch.GradingOutcome;
import dev.rubric.results.batch.GradingRequest;
import dev.rubric.maven.Fixtures;
import dev.rubric.results.AbortRecord;
import dev.rubric.results.AssertionRecord;
import dev.rubric.results.Check;
import dev.rubric.results.JudgeRecord;
import dev.rubric.results.Outcome;
import dev.rubric.results.RunResults;
import dev.rubric.results.TestResult;
import dev.rubric.results.VerdictRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static dev.rubric.maven.Fixtures.PKG;
import static dev.rubric.maven.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

/** Holding stored checks to new verdicts: what each test's outcome becomes, without running it. */
class RejudgePlanTest {

    static final JudgeRecord NEW_JUDGE = new JudgeRecord("ffff000011112222", "strict judge", "keyword", "strict",
            "2", "it", DecodingSettings.GREEDY, Map.of());
    static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    /** A judge that scores by the response's text: "great ..." 5, "fine ..." 3, "fail" no verdict, else 2. */
    static GradedBatch judge(GradingBatch batch) {
        List<GradingOutcome> out = new ArrayList<>();
        for (GradingRequest r : batch.gradings()) {
            String text = r.mode() == GradingMode.PAIRWISE ? r.response() + " | " + r.responseB() : r.response();
            if (text.startsWith("fail")) {
                out.add(new GradingOutcome(r.id(), null, new AbortRecord(JudgeException.Reason.TIMED_OUT,
                        "the judge gave no verdict (TIMED_OUT): slow")));
                continue;
            }
            VerdictRecord v = r.mode() == GradingMode.ABSOLUTE
                    ? new VerdictRecord(GradingMode.ABSOLUTE, r.rubric(), r.criteria(), r.instruction(), r.response(),
                    null, r.reference(), text.startsWith("great") ? 5 : text.startsWith("fine") ? 3 : 2, null, null,
                    null, null, "new feedback on " + text, false, false, 0, NEW_JUDGE.fingerprintId(),
                    r.scoreDescriptions(), null)
                    : new VerdictRecord(GradingMode.PAIRWISE, r.rubric(), r.criteria(), r.instruction(), r.response(),
                    r.responseB(), r.reference(), null, r.response().startsWith("great") ? "A" : "B", null, null, null,
                    "new pairwise feedback", false, false, 0, NEW_JUDGE.fingerprintId(), r.scoreDescriptions(), null);
            out.add(new GradingOutcome(r.id(), v, null));
        }
        return new GradedBatch(GradingBatch.SCHEMA_VERSION, NEW_JUDGE, out);
    }

    static VerdictRecord verdict(String response, int score) {
        return new VerdictRecord(GradingMode.ABSOLUTE, "helpfulness", Rubrics.HELPFULNESS.criteria(), "q", response,
                null, null, score, null, null, null, null, "old feedback", false, false, 10, "old",
                Rubrics.HELPFULNESS.scoreDescriptions(), null);
    }

    static AssertionRecord atLeast(int threshold, int score) {
        return new AssertionRecord("helpfulness", Rubrics.HELPFULNESS.criteria(), Check.SCORES_AT_LEAST,
                (double) threshold, (double) score, null, score >= threshold);
    }

    static TestResult test(String method, Outcome outcome, String message, List<AssertionRecord> checks,
                           List<VerdictRecord> verdicts) {
        return new TestResult(id("BotTest", method), null, PKG + "BotTest", method, method + "()", List.of(), outcome,
                message, 100, checks, verdicts, null);
    }

    private static Map<String, TestResult> rejudge(TestResult... tests) {
        RejudgePlan plan = RejudgePlan.of(List.of(Fixtures.run("r1", List.of(tests))));
        RunResults after = plan.apply(judge(plan.batch()), NOW).get(0);
        assertThat(after.runId()).isEqualTo("r1-rejudged");
        assertThat(after.judge()).isEqualTo(NEW_JUDGE);
        return after.tests().stream().filter(t -> t.parentId() == null).collect(java.util.stream.Collectors.toMap(
                TestResult::methodName,
                Function.identity()));
    }

    @Test
    void aPassingTestFailsWhenItsVerdictFallsAndAFailedOnePassesWhenItRises() {
        Map<String, TestResult> r = rejudge(
                test("nowWorse", Outcome.PASSED, null, List.of(atLeast(4, 5)), List.of(verdict("meh", 5))),
                test("nowBetter", Outcome.FAILED, "Expected ... but the judge gave 2", List.of(atLeast(4, 2)),
                        List.of(verdict("great answer", 2))));

        assertThat(r.get("nowWorse").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.get("nowWorse").message()).startsWith("Expected the response to score at least 4 on "
                + "\"helpfulness\", but the judge gave 2 (re-judged).").contains("new feedback on meh");
        assertThat(r.get("nowWorse").assertions()).singleElement().satisfies(a -> {
            assertThat(a.actual()).isEqualTo(2.0);
            assertThat(a.passed()).isFalse();
        });
        assertThat(r.get("nowWorse").verdicts()).singleElement().satisfies(v -> {
            assertThat(v.score()).isEqualTo(2);
            assertThat(v.fingerprintId()).isEqualTo(NEW_JUDGE.fingerprintId());
        });
        assertThat(r.get("nowBetter").outcome()).isEqualTo(Outcome.PASSED);
        assertThat(r.get("nowBetter").message()).contains("passes when re-judged", "did not run");
    }

    @Test
    void theFirstCheckThatFailsNowEndsTheTestAndTheChecksAfterItDropOut() {
        Map<String, TestResult> r = rejudge(test("twoChecks", Outcome.PASSED, null,
                List.of(atLeast(4, 5), atLeast(3, 4)), List.of(verdict("fine answer", 5), verdict("great", 4))));

        TestResult t = r.get("twoChecks");
        assertThat(t.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(t.assertions()).hasSize(1);
        assertThat(t.verdicts()).hasSize(1);
    }

    @Test
    void aGradingWithoutANewVerdictAbortsTheTestWithItsReason() {
        Map<String, TestResult> r = rejudge(test("judgeSlow", Outcome.PASSED, null, List.of(atLeast(4, 5)),
                List.of(verdict("fail please", 5))));

        TestResult t = r.get("judgeSlow");
        assertThat(t.outcome()).isEqualTo(Outcome.ABORTED);
        assertThat(t.abort().reason()).isEqualTo(JudgeException.Reason.TIMED_OUT);
        assertThat(t.assertions()).singleElement().satisfies(a -> assertThat(a.aborted()).isTrue());
    }

    @Test
    void aTestThatFailedForAnotherReasonStaysFailedAndAnAbortedCheckStaysAborted() {
        AssertionRecord noVerdict = AssertionRecord.noVerdict("helpfulness",
                Rubrics.HELPFULNESS.criteria(), Check.SCORES_AT_LEAST, 4.0);
        Map<String, TestResult> r = rejudge(
                test("npe", Outcome.FAILED, "NullPointerException", List.of(atLeast(4, 5)),
                        List.of(verdict("great", 5))),
                new TestResult(id("BotTest", "aborted"), null, PKG + "BotTest", "aborted", "aborted()", List.of(),
                        Outcome.ABORTED, "judge down", 1, List.of(noVerdict), List.of(), null,
                        new AbortRecord(JudgeException.Reason.UNREACHABLE, "judge down")));

        assertThat(r.get("npe").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.get("npe").message()).isEqualTo("NullPointerException");
        assertThat(r.get("aborted").outcome()).isEqualTo(Outcome.ABORTED);
        assertThat(r.get("aborted").abort().message()).isEqualTo("judge down");
    }

    @Test
    void pairwiseChecksAreDecidedFromBothOrdersAgain() {
        AssertionRecord beats = new AssertionRecord("helpfulness",
                Rubrics.HELPFULNESS.criteria(), Check.BEATS, null, null, AssertionRecord.PairwiseOutcome.WIN, true);
        VerdictRecord ab = new VerdictRecord(GradingMode.PAIRWISE, "helpfulness", Rubrics.HELPFULNESS.criteria(), "q",
                "great new", "old", null, null, "A", null, null, null, "f", false, false, 1, "old",
                Rubrics.HELPFULNESS.scoreDescriptions(), null);
        VerdictRecord ba = new VerdictRecord(GradingMode.PAIRWISE, "helpfulness", Rubrics.HELPFULNESS.criteria(), "q",
                "old", "great new", null, null, "B", null, null, null, "f", false, false, 1, "old",
                Rubrics.HELPFULNESS.scoreDescriptions(), null);

        Map<String, TestResult> r = rejudge(test("wins", Outcome.PASSED, null, List.of(beats), List.of(ab, ba)));

        // the new judge prefers whichever answer starts with "great": A first, then B: a win in both orders
        assertThat(r.get("wins").outcome()).isEqualTo(Outcome.PASSED);
        assertThat(r.get("wins").assertions().get(0).pairwise()).isEqualTo(AssertionRecord.PairwiseOutcome.WIN);
    }

    @Test
    void aSampledTestIsDecidedAgainAndSaysWhenSamplesItNeverRanCouldChangeIt() {
        // 3 of 5 needed; stopped after 3 passes. Re-judged: 2 of the 3 are now below 4: open (2 unrun samples)
        List<TestResult> stopped = sampled("openNow", 0.6, 5, "great", "fine", "fine");
        // all 5 run (early stop off): 3 fail now: 2 of 5 < 3 needed: failed
        List<TestResult> full = sampled("failsNow", 0.6, 5, "great", "fine", "fine", "great", "fine");
        List<TestResult> all = new ArrayList<>(stopped);
        all.addAll(full);

        Map<String, TestResult> r = rejudge(all.toArray(TestResult[]::new));

        assertThat(r.get("openNow").outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(r.get("openNow").message()).contains("re-judging cannot decide: the original run stopped after 3"
                + " of 5 samples", "rubric.execution.early-stop=false");
        assertThat(r.get("failsNow").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.get("failsNow").samples().passed()).isEqualTo(2);
        assertThat(r.get("failsNow").message()).contains("2/5 samples passed; 3 of 5 required");
        assertThat(r).hasSize(2);
    }

    @Test
    void aTestWhoseFileLacksWhatAGradingNeedsIsLeftOutWithTheReason() {
        VerdictRecord custom = new VerdictRecord(GradingMode.ABSOLUTE, "tone", "Is it warm?", "q", "great", null, null,
                5, null, null, null, null, "f", false, false, 1, "old");
        AssertionRecord tone = new AssertionRecord("tone", "Is it warm?", Check.SCORES_AT_LEAST, 4.0, 5.0,
                null, true);
        RejudgePlan plan = RejudgePlan.of(List.of(Fixtures.run("r1", List.of(
                test("oldFile", Outcome.PASSED, null, List.of(tone), List.of(custom)),
                test("unpaired", Outcome.PASSED, null, List.of(), List.of(verdict("great", 5))),
                test("fine", Outcome.PASSED, null, List.of(atLeast(4, 5)), List.of(verdict("great", 5)))))));

        assertThat(plan.batch().gradings()).hasSize(1);
        assertThat(plan.skipped()).extracting(RejudgePlan.Skipped::label).containsExactly("BotTest.oldFile",
                "BotTest.unpaired");
        assertThat(plan.skipped().get(0).reason()).contains("before it kept the rubric's score descriptions");
        assertThat(plan.skipped().get(1).reason()).contains("its 0 checks and 1 verdicts do not pair up");
        assertThat(plan.apply(judge(plan.batch()), NOW).get(0).tests()).extracting(TestResult::methodName)
                .containsExactly("fine");
    }

    /** A sampled test whose samples answered the given texts, each passing at 4 (the old judge gave 5 to each). */
    static List<TestResult> sampled(String method, double minPassRate, int planned, String... answers) {
        String parent = id("BotTest", method);
        List<TestResult> all = new ArrayList<>();
        int run = answers.length;
        all.add(new TestResult(parent, null, PKG + "BotTest", method, method + "()", List.of(), Outcome.PASSED, null,
                100, List.of(), List.of(), new dev.rubric.results.SampleStats(planned, run, run, minPassRate, 1.0, 0.5,
                1.0, run < planned)));
        for (int i = 0; i < planned; i++) {
            String sid = parent + "/[sample:" + (i + 1) + "]";
            all.add(i < run
                    ? new TestResult(sid, parent, PKG + "BotTest", method, "sample " + (i + 1), List.of(),
                    Outcome.PASSED, null, 10, List.of(atLeast(4, 5)), List.of(verdict(answers[i], 5)), null)
                    : new TestResult(sid, parent, PKG + "BotTest", method, "sample " + (i + 1), List.of(),
                    Outcome.SKIPPED, "the outcome was settled", 0, List.of(), List.of(), null));
        }
        return all;
    }
}
