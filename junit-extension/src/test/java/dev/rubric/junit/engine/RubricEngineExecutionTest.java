package dev.rubric.junit.engine;

import dev.rubric.junit.fixtures.BasicFixture;
import dev.rubric.junit.fixtures.CasesFixture;
import dev.rubric.junit.fixtures.EarlyStopFixture;
import dev.rubric.junit.fixtures.JudgeFailureFixture;
import dev.rubric.junit.fixtures.PairwiseFixture;
import dev.rubric.junit.fixtures.ParallelFixture;
import dev.rubric.junit.fixtures.SampledCasesFixture;
import dev.rubric.junit.fixtures.SampledFixture;
import dev.rubric.junit.testing.ScriptedJudge;
import dev.rubric.results.AssertionRecord.PairwiseOutcome;
import dev.rubric.results.Check;
import dev.rubric.results.Outcome;
import dev.rubric.results.ResultsFiles;
import dev.rubric.results.RunResults;
import dev.rubric.results.TestResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Path;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

class RubricEngineExecutionTest {

    @TempDir
    Path reports;

    @BeforeEach
    void script() {
        RubricKit.standardScript();
    }

    private static Map<String, TestExecutionResult.Status> outcomes(EngineExecutionResults r) {
        return r.allEvents().finished().stream().collect(Collectors.toMap(
                e -> e.getTestDescriptor().getDisplayName(),
                e -> e.getRequiredPayload(TestExecutionResult.class).getStatus(), (a, b) -> a));
    }

    private static String failureMessage(EngineExecutionResults r, String displayName) {
        return r.allEvents().finished().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().equals(displayName))
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow().getMessage())
                .findFirst().orElseThrow();
    }

    /** Each sampled test's verdict, its "pass rate" node's result, by the sampled test's display name. */
    private static Map<String, TestExecutionResult> sampledVerdicts(EngineExecutionResults r) {
        return r.testEvents().finished().stream().filter(e -> e.getTestDescriptor() instanceof PassRateDescriptor)
                .collect(Collectors.toMap(e -> e.getTestDescriptor().getParent().orElseThrow().getDisplayName(),
                        e -> e.getRequiredPayload(TestExecutionResult.class)));
    }

    private RunResults onlyResultsFile() {
        List<RunResults> all = ResultsFiles.readAll(reports);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    @Test
    void passesAndFailsOnTheJudgesScoresWithTheRubricAndFeedbackInTheMessage() {
        EngineExecutionResults r = RubricKit.engine(reports, selectClass(BasicFixture.class)).execute();
        r.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1).aborted(0));
        String message = failureMessage(r, "bad()");
        assertThat(message)
                .contains("score at least 4 on \"harmlessness\", but the judge gave 2")
                .contains("Rubric: Does the model")  // the harmlessness criteria
                .contains("Score 2 means: ", "Score 4 (required) means: ")
                .contains("Scripted feedback: the response \"bad answer\" earns 2.")
                .contains("Response to \"How do I get a refund?\":", "bad answer")
                .contains("fresh from the judge (scripted:scripted-judge@1");
    }

    @Test
    void aNewInstancePerTestClosedAfterItAndOneJudgeClosedAtTheEnd() {
        BasicFixture.INSTANCES.set(0);
        BasicFixture.CLOSES.set(0);
        RubricKit.engine(reports, selectClass(BasicFixture.class)).execute();
        assertThat(BasicFixture.INSTANCES).hasValue(2);
        assertThat(BasicFixture.CLOSES).hasValue(2);
        assertThat(ScriptedJudge.CONSTRUCTED).hasValue(1);
        assertThat(ScriptedJudge.CLOSED).hasValue(1);
    }

    @Test
    void testsRunInParallelSoTheJudgeSeesGradingsTogether() {
        ScriptedJudge.delay(300);
        EngineExecutionResults r = RubricKit.engine(reports, selectClass(ParallelFixture.class))
                .configurationParameter("rubric.execution.parallelism", "6").execute();
        r.testEvents().assertStatistics(s -> s.succeeded(6));
        assertThat(ScriptedJudge.MAX_IN_FLIGHT.get()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void parallelismOneGradesOneAtATime() {
        ScriptedJudge.delay(50);
        RubricKit.engine(reports, selectClass(ParallelFixture.class))
                .configurationParameter("rubric.execution.parallelism", "1").execute()
                .testEvents().assertStatistics(s -> s.succeeded(6));
        assertThat(ScriptedJudge.MAX_IN_FLIGHT).hasValue(1);
    }

    @Test
    void aSampledTestStoppedEarlyKeepsItsVerdictButItsSamplesAreAPartialRun() {
        EarlyStopFixture.PASSES_THEN_FAILS_RUNS.set(0);
        EarlyStopFixture.FAILS_THEN_PASSES_RUNS.set(0);
        RubricKit.engine(reports, selectClass(EarlyStopFixture.class)).execute();

        assertThat(EarlyStopFixture.PASSES_THEN_FAILS_RUNS).hasValue(3);
        assertThat(EarlyStopFixture.FAILS_THEN_PASSES_RUNS).hasValue(1);
        Map<String, TestResult> sampled = sampledResults(onlyResultsFile());
        // the passed / run fraction is 1.00 and 0.00 here, while the full runs are 0.60 and 0.80: the results say the
        // run stopped early, so no reader takes it for a full one
        assertThat(sampled.get("passesThenFails()").samples()).satisfies(s -> {
            assertThat(s.run()).isEqualTo(3);
            assertThat(s.passed()).isEqualTo(3);
            assertThat(s.stoppedEarly()).isTrue();
        });
        assertThat(sampled.get("failsThenPasses()").samples()).satisfies(s -> {
            assertThat(s.run()).isEqualTo(1);
            assertThat(s.passed()).isZero();
            assertThat(s.stoppedEarly()).isTrue();
        });
        assertThat(sampled.get("passesThenFails()").outcome()).isEqualTo(Outcome.PASSED);
        assertThat(sampled.get("failsThenPasses()").outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void earlyStopOffRunsEverySampleSoTheSamplesPassRateIsTheFullRuns() {
        EarlyStopFixture.PASSES_THEN_FAILS_RUNS.set(0);
        EarlyStopFixture.FAILS_THEN_PASSES_RUNS.set(0);
        RubricKit.engine(reports, selectClass(EarlyStopFixture.class))
                .configurationParameter("rubric.execution.early-stop", "false").execute();

        assertThat(EarlyStopFixture.PASSES_THEN_FAILS_RUNS).hasValue(5);
        assertThat(EarlyStopFixture.FAILS_THEN_PASSES_RUNS).hasValue(5);
        Map<String, TestResult> sampled = sampledResults(onlyResultsFile());
        TestResult first = sampled.get("passesThenFails()");
        TestResult second = sampled.get("failsThenPasses()");
        assertThat(first.samples().run()).isEqualTo(5);
        assertThat(first.samples().passRate()).isEqualTo(0.6);
        assertThat(first.samples().stoppedEarly()).isFalse();
        assertThat(second.samples().run()).isEqualTo(5);
        assertThat(second.samples().passRate()).isEqualTo(0.8);
        assertThat(second.samples().stoppedEarly()).isFalse();
        // the verdicts are the same as with early stopping: that is what the stop relies on
        assertThat(first.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(second.outcome()).isEqualTo(Outcome.FAILED);
    }

    /** The sampled tests of a results file (the nodes with sample statistics), by display name. */
    private static Map<String, TestResult> sampledResults(RunResults run) {
        return run.tests().stream().filter(t -> t.samples() != null)
                .collect(Collectors.toMap(TestResult::displayName, t -> t));
    }

    @Test
    void sampledTestsStopOnceTheOutcomeIsSettledAndReportThePassRate() {
        SampledFixture.MOSTLY_GOOD_RUNS.set(0);
        SampledFixture.MOSTLY_BAD_RUNS.set(0);
        SampledFixture.ALTERNATING_RUNS.set(0);
        EngineExecutionResults r = RubricKit.engine(reports, selectClass(SampledFixture.class)).execute();
        assertThat(SampledFixture.MOSTLY_GOOD_RUNS).hasValue(3);
        assertThat(SampledFixture.MOSTLY_BAD_RUNS).hasValue(3);
        assertThat(SampledFixture.ALTERNATING_RUNS).hasValue(4);
        Map<String, TestExecutionResult> verdicts = sampledVerdicts(r);
        assertThat(verdicts).hasSize(3);
        assertThat(verdicts.get("mostlyGood()").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(verdicts.get("mostlyBad()").getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(verdicts.get("alternating()").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(r.allEvents().skipped().count()).isEqualTo(4); // samples 4 and 5 of the first two
        // a failed sample must not fail the build by itself: it is aborted, and the "pass rate" test carries the
        // verdict (a test, so that Surefire can see it pass on a rerun); no container fails
        assertThat(r.testEvents().failed().stream().map(e -> e.getTestDescriptor()))
                .singleElement().isInstanceOf(PassRateDescriptor.class)
                .satisfies(d -> assertThat(d.getLegacyReportingName()).isEqualTo("mostlyBad"));
        r.containerEvents().assertStatistics(s -> s.failed(0));
        assertThat(r.testEvents().aborted().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()))
                .hasSize(5).allSatisfy(t -> assertThat(t).isInstanceOf(SampleFailedException.class)
                        .hasMessageContaining("counts against the pass rate"));
        assertThat(verdicts.get("mostlyBad()").getThrowable().orElseThrow().getMessage())
                .contains("0/3 samples passed (0%, 95% CI 0%-56%); 3 of 5 required",
                "stopped after 3 of 5 samples", "first failure: Expected the response to score at least 4");

        List<TestResult> tests = onlyResultsFile().tests();
        assertThat(tests).filteredOn(t -> t.uniqueId().contains("[method:mostlyBad()]/[sample:"))
                .extracting(TestResult::outcome)
                .containsExactlyInAnyOrder(Outcome.FAILED, Outcome.FAILED, Outcome.FAILED, Outcome.SKIPPED, Outcome.SKIPPED);
        TestResult good = tests.stream().filter(t -> t.displayName().equals("mostlyGood()"))
                .findFirst().orElseThrow();
        assertThat(good.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(good.samples().planned()).isEqualTo(5);
        assertThat(good.samples().run()).isEqualTo(3);
        assertThat(good.samples().passed()).isEqualTo(3);
        assertThat(good.samples().stoppedEarly()).isTrue();
        assertThat(good.durationMs()).isGreaterThanOrEqualTo(tests.stream()
                .filter(t -> t.uniqueId().contains("[method:mostlyGood()]/[sample:")).mapToLong(TestResult::durationMs).sum());
        assertThat(good.samples().wilsonLow()).isCloseTo(0.4385, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(good.samples().wilsonHigh()).isEqualTo(1.0);
    }

    @Test
    void casesAndTheDeclarativeFormGradeEachCase() {
        EngineExecutionResults r = RubricKit.engine(reports, selectClass(CasesFixture.class)).execute();
        Map<String, TestExecutionResult.Status> outcomes = outcomes(r);
        assertThat(outcomes)
                .containsEntry("[1] refund", TestExecutionResult.Status.SUCCESSFUL)
                .containsEntry("[2] Can I change my delivery address after ordering?", TestExecutionResult.Status.FAILED)
                .containsEntry("[1] opening hours", TestExecutionResult.Status.SUCCESSFUL)
                .containsEntry("[2] Do you ship abroad?", TestExecutionResult.Status.SUCCESSFUL)
                .containsEntry("[2] rude", TestExecutionResult.Status.FAILED)
                .containsEntry("declaredResponse()", TestExecutionResult.Status.SUCCESSFUL)
                .containsEntry("declaredString()", TestExecutionResult.Status.FAILED);
        assertThat(failureMessage(r, "declaredString()")).contains("on \"harmlessness\", but the judge gave 2");
        TestResult refund = onlyResultsFile().tests().stream()
                .filter(t -> t.methodName().equals("answersQuestions") && t.displayName().equals("[1] refund"))
                .findFirst().orElseThrow();
        assertThat(refund.parentId()).endsWith("[method:answersQuestions(dev.rubric.junit.Case)]");
        assertThat(refund.tags()).containsExactly("billing", "cases");
        assertThat(refund.verdicts()).singleElement().satisfies(v -> {
            assertThat(v.reference()).isEqualTo("reference answer");
            assertThat(v.instruction()).isEqualTo("How do I get a refund?");
        });
    }

    @Test
    void sampledCasesSampleEachCaseAndStopEachOnceItsOutcomeIsSettled() {
        SampledCasesFixture.RUNS.clear();
        EngineExecutionResults r = RubricKit.engine(reports, selectMethod(SampledCasesFixture.class, "sampledCases",
                "dev.rubric.junit.Case")).execute();

        assertThat(SampledCasesFixture.RUNS).hasEntrySatisfying("steady", n -> assertThat(n).hasValue(2))
                .hasEntrySatisfying("flaky", n -> assertThat(n).hasValue(3))
                .hasEntrySatisfying("broken", n -> assertThat(n).hasValue(2));
        Map<String, TestExecutionResult> verdicts = sampledVerdicts(r);
        assertThat(verdicts.get("[1] steady").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(verdicts.get("[2] flaky").getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(verdicts.get("[3] broken").getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(r.allEvents().skipped().count()).isEqualTo(2); // the third samples of steady and broken
        assertThat(verdicts.get("[2] flaky").getThrowable().orElseThrow().getMessage())
                .contains("1/3 samples passed", "2 of 3 required");
        // Surefire names a sampled case's verdict after the case
        assertThat(r.testEvents().failed().stream().map(e -> e.getTestDescriptor().getLegacyReportingName()))
                .containsExactlyInAnyOrder("sampledCases[flaky]", "sampledCases[broken]");

        List<TestResult> tests = onlyResultsFile().tests();
        String method = "[engine:rubric]/[class:" + SampledCasesFixture.class.getName()
                + "]/[method:sampledCases(dev.rubric.junit.Case)]";
        TestResult steady = tests.stream().filter(t -> t.uniqueId().equals(method + "/[case:1]")).findFirst().orElseThrow();
        assertThat(steady.parentId()).isEqualTo(method);
        assertThat(steady.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(steady.samples().planned()).isEqualTo(3);
        assertThat(steady.samples().run()).isEqualTo(2);
        assertThat(steady.samples().stoppedEarly()).isTrue();
        assertThat(tests).filteredOn(t -> method.concat("/[case:2]").equals(t.parentId()))
                .extracting(TestResult::uniqueId, TestResult::outcome)
                .containsExactlyInAnyOrder(tuple(method + "/[case:2]/[sample:1]", Outcome.FAILED),
                        tuple(method + "/[case:2]/[sample:2]", Outcome.PASSED),
                        tuple(method + "/[case:2]/[sample:3]", Outcome.FAILED));
        assertThat(tests).filteredOn(t -> t.uniqueId().endsWith("[case:2]/[sample:2]")).singleElement()
                .satisfies(t -> assertThat(t.verdicts()).singleElement()
                        .satisfies(v -> assertThat(v.instruction()).isEqualTo("Where is my parcel?")));
        assertThat(SummaryTable.render(tests)).contains("sampledCases [2] flaky", "1/3 passed").doesNotContain("sample 1 of 3");
    }

    @Test
    void theDeclarativeFormSamplesEachCase() {
        EngineExecutionResults r = RubricKit.engine(reports, selectMethod(SampledCasesFixture.class,
                "declaredSampledCases", "dev.rubric.junit.Case")).execute();
        r.testEvents().assertStatistics(s -> s.started(9).succeeded(9)); // 6 samples and 3 verdicts
        r.containerEvents().assertStatistics(s -> s.failed(0));
        assertThat(ScriptedJudge.CALLS).hasValue(6);
    }

    @Test
    void pairwiseIsAskedInBothOrdersAndAFlipIsInconsistent() {
        EngineExecutionResults r = RubricKit.engine(reports, selectClass(PairwiseFixture.class)).execute();
        assertThat(outcomes(r))
                .containsEntry("goodBeatsBad()", TestExecutionResult.Status.SUCCESSFUL)
                .containsEntry("badLosesToGood()", TestExecutionResult.Status.SUCCESSFUL)
                .containsEntry("tieBeatsFails()", TestExecutionResult.Status.FAILED)
                .containsEntry("tieBeatsOrTiesPasses()", TestExecutionResult.Status.SUCCESSFUL);
        assertThat(failureMessage(r, "tieBeatsFails()")).contains("preference flipped with position (inconsistent)",
                "won when shown first (as A) and lost when shown second (as B)");
        assertThat(ScriptedJudge.CALLS).hasValue(8);
        TestResult flip = onlyResultsFile().tests().stream().filter(t -> t.methodName().equals("tieBeatsFails"))
                .findFirst().orElseThrow();
        assertThat(flip.verdicts()).extracting(v -> v.winner()).containsExactly("A", "A");
        assertThat(flip.verdicts()).extracting(v -> v.response()).containsExactly("even answer", "other even answer");
        assertThat(flip.assertions()).singleElement()
                .satisfies(a -> assertThat(a.pairwise()).isEqualTo(PairwiseOutcome.INCONSISTENT));
    }

    @Test
    void aJudgeFailureAbortsTheTestWithTheReason() {
        EngineExecutionResults r = RubricKit.engine(reports, selectClass(JudgeFailureFixture.class)).execute();
        r.testEvents().assertStatistics(s -> s.started(3).aborted(3).failed(0).succeeded(0));
        assertThat(failureMessage(r, "judgeFails()")).contains("SERVER_ERROR", "told to fail on \"explode\"");
        assertThat(failureMessage(r, "judgeHasNoVerdict()")).contains("UNPARSEABLE_OUTPUT");
        assertThat(onlyResultsFile().tests()).extracting(TestResult::outcome).containsOnly(Outcome.ABORTED);
    }

    @Test
    void anAssertionTheJudgeGaveNoVerdictForIsRecordedSoPerRubricRulesSeeIt() {
        RubricKit.engine(reports, selectClass(JudgeFailureFixture.class)).execute();
        TestResult fails = onlyResultsFile().tests().stream().filter(t -> t.methodName().equals("judgeFails"))
                .findFirst().orElseThrow();
        assertThat(fails.verdicts()).isEmpty();
        assertThat(fails.assertions()).singleElement().satisfies(a -> {
            assertThat(a.aborted()).isTrue();
            assertThat(a.passed()).isFalse();
            assertThat(a.actual()).isNull();
            assertThat(a.rubric()).isEqualTo("harmlessness");
            assertThat(a.check()).isEqualTo(Check.SCORES_AT_LEAST);
            assertThat(a.threshold()).isEqualTo(4.0);
        });
        TestResult pairwise = onlyResultsFile().tests().stream()
                .filter(t -> t.methodName().equals("pairwiseJudgeFails")).findFirst().orElseThrow();
        assertThat(pairwise.outcome()).isEqualTo(Outcome.ABORTED);
        assertThat(pairwise.assertions()).singleElement().satisfies(a -> {
            assertThat(a.aborted()).isTrue();
            assertThat(a.check()).isEqualTo(Check.BEATS);
            assertThat(a.pairwise()).isNull();
        });
    }

    @Test
    void aJudgeThatCannotBeBuiltAbortsEveryTestWithOneReasonLoggedOnce() {
        List<LogRecord> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(SharedJudge.class.getName());
        logger.addHandler(handler);
        EngineExecutionResults r;
        try {
            r = RubricKit.engine(reports, selectClass(BasicFixture.class), selectClass(ParallelFixture.class))
                    .configurationParameter("rubric.judge", "com.example.NoSuchJudge").execute();
        } finally {
            logger.removeHandler(handler);
        }
        assertThat(logged).filteredOn(l -> l.getLevel() == Level.SEVERE).singleElement()
                .satisfies(l -> assertThat(l.getMessage()).contains("com.example.NoSuchJudge", "every test that needs it is aborted"));
        r.testEvents().assertStatistics(s -> s.started(8).aborted(8));
        assertThat(r.testEvents().aborted().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow().getMessage())
                .distinct().toList()).singleElement().asString()
                .contains("MISCONFIGURED", "com.example.NoSuchJudge", "names no class on the test classpath");
        RunResults results = onlyResultsFile();
        assertThat(results.judge()).isNull();
    }

    @Test
    void aTestWhoseInstanceCannotBeCreatedFailsWithTheConstructorsFailureInTheResultsFile() {
        EngineExecutionResults r = RubricKit.engine(reports,
                selectClass(dev.rubric.junit.fixtures.BrokenConstructorFixture.class)).execute();
        r.testEvents().assertStatistics(s -> s.failed(1));
        TestResult never = onlyResultsFile().tests().stream().filter(t -> t.methodName().equals("neverRuns"))
                .findFirst().orElseThrow();
        assertThat(never.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(never.message()).contains("the bot needs a config file");
    }

    @Test
    void theJudgeIsBuiltOnlyWhenATestGrades() {
        RubricKit.engine(reports, selectMethod(dev.rubric.junit.fixtures.InvalidFixture.class, "valid")).execute()
                .testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(ScriptedJudge.CONSTRUCTED).hasValue(0);
    }

    @Test
    void theResultsFileHoldsTheJudgeAndEveryTestsVerdictsAndAssertions() {
        RubricKit.engine(reports, selectClass(BasicFixture.class)).execute();
        RunResults results = onlyResultsFile();
        assertThat(results.schemaVersion()).isEqualTo(RunResults.SCHEMA_VERSION);
        assertThat(results.judge().backend()).isEqualTo("scripted");
        assertThat(results.judge().settings()).containsEntry("rubric.judge", ScriptedJudge.class.getName());
        assertThat(results.startedAt()).isBeforeOrEqualTo(results.finishedAt());
        assertThat(results.cacheMisses()).isEqualTo(2);
        TestResult bad = results.tests().stream().filter(t -> t.methodName().equals("bad")).findFirst().orElseThrow();
        assertThat(bad.uniqueId()).isEqualTo("[engine:rubric]/[class:" + BasicFixture.class.getName() + "]/[method:bad()]");
        assertThat(bad.className()).isEqualTo(BasicFixture.class.getName());
        assertThat(bad.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(bad.message()).contains("the judge gave 2");
        assertThat(bad.assertions()).singleElement().satisfies(a -> {
            assertThat(a.check()).isEqualTo(Check.SCORES_AT_LEAST);
            assertThat(a.rubric()).isEqualTo("harmlessness");
            assertThat(a.threshold()).isEqualTo(4.0);
            assertThat(a.actual()).isEqualTo(2.0);
            assertThat(a.passed()).isFalse();
        });
        assertThat(bad.verdicts()).singleElement().satisfies(v -> {
            assertThat(v.score()).isEqualTo(2);
            assertThat(v.response()).isEqualTo("bad answer");
            assertThat(v.feedback()).contains("earns 2");
            assertThat(v.cached()).isFalse();
            assertThat(v.fingerprintId()).isEqualTo(results.judge().fingerprintId());
        });
        TestResult good = results.tests().stream().filter(t -> t.methodName().equals("good")).findFirst().orElseThrow();
        assertThat(good.tags()).containsExactly("smoke");
        assertThat(good.verdicts()).singleElement().satisfies(v -> assertThat(v.reference()).isEqualTo("reference answer"));
    }

    @Test
    void scoresAndFeedbackArePublishedAsReportEntries() {
        EngineExecutionResults r = RubricKit.engine(reports, selectMethod(BasicFixture.class, "bad")).execute();
        List<ReportEntry> entries = r.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class)).toList();
        assertThat(entries).singleElement().satisfies(e -> assertThat(e.getKeyValuePairs())
                .containsEntry("rubric", "harmlessness").containsEntry("score", "2")
                .containsEntry("feedback", "Scripted feedback: the response \"bad answer\" earns 2."));
    }

    @Test
    void aBrokenCasesFileIsACriticalIssueThatStopsTheRunNamingFileAndLine() {
        EngineExecutionResults r = RubricKit.engine(reports, selectClass(dev.rubric.junit.fixtures.InvalidFixture.class))
                .execute();
        r.testEvents().assertStatistics(s -> s.started(0));
        Throwable engineFailure = r.containerEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .findFirst().orElseThrow();
        assertThat(engineFailure).hasMessageContaining("broken-cases.jsonl line 2 is not valid JSON");
    }

    @Test
    void theSummaryTableListsEachTestWithItsScoreAndOutcome() {
        RubricKit.engine(reports, selectClass(BasicFixture.class)).execute();
        String table = SummaryTable.render(onlyResultsFile().tests());
        assertThat(table).contains("BasicFixture.good", "score 5/5", "passed", "BasicFixture.bad", "score 2/5",
                "failed", "1 of 2 rubric tests passed");
    }
}
