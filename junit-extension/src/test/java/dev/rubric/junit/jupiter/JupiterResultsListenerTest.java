package dev.rubric.junit.jupiter;

import dev.rubric.core.JudgeException;
import dev.rubric.junit.fixtures.BasicFixture;
import dev.rubric.junit.fixtures.jupiter.JupiterChecksFixture;
import dev.rubric.junit.fixtures.jupiter.ParallelChecksFixture;
import dev.rubric.junit.testing.ScriptedJudge;
import dev.rubric.results.AbortRecord;
import dev.rubric.results.AssertionRecord;
import dev.rubric.results.AssertionRecord.PairwiseOutcome;
import dev.rubric.results.Check;
import dev.rubric.results.Outcome;
import dev.rubric.results.ResultsFiles;
import dev.rubric.results.RunResults;
import dev.rubric.results.TestResult;
import dev.rubric.results.VerdictRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

/**
 * Rubric checks in plain Jupiter tests, run by a real launcher (the one Surefire, Gradle and the Console Launcher
 * use): the listener comes in through ServiceLoader with no set-up, and each test that made a check gets a results
 * entry with its identity, every verdict and its outcome.
 */
class JupiterResultsListenerTest {

    @TempDir
    Path reports;

    @BeforeEach
    void script() {
        ScriptedJudge.resetToUsualAnswers();
        ScriptedJudge.score("reference answer", 5);
        for (int n = 1; n <= 12; n++) {
            ScriptedJudge.score("answer " + n, n % 5 + 1);
        }
    }

    /** Runs the selection through a launcher; the judge is configured by launcher parameters alone. */
    private TestExecutionSummary launch(Map<String, String> parameters, DiscoverySelector... selectors) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .configurationParameter("rubric.judge", ScriptedJudge.class.getName())
                .configurationParameter("rubric.cache", "off")
                // only these runs use it: their judge is their own, not the one other tests of this JVM hold
                .configurationParameter("rubric.judge.timeout", "19s")
                .configurationParameter("rubric.report.dir", reports.toString())
                .configurationParameter("rubric.report.progress", "false")
                .configurationParameter("rubric.report.summary", "false")
                .configurationParameters(parameters)
                .build(), summary);
        return summary.getSummary();
    }

    private List<TestResult> jupiterResults() {
        return ResultsFiles.readAll(reports).stream().flatMap(r -> r.tests().stream())
                .filter(t -> t.uniqueId().startsWith("[engine:junit-jupiter]")).toList();
    }

    private Map<String, List<TestResult>> byMethod() {
        return jupiterResults().stream().collect(Collectors.groupingBy(TestResult::methodName));
    }

    @Test
    void eachJupiterTestThatMadeACheckGetsAnEntryWithItsIdentityVerdictsAndOutcome() {
        TestExecutionSummary summary = launch(Map.of(), selectClass(JupiterChecksFixture.class));

        Map<String, List<TestResult>> tests = byMethod();
        assertThat(tests).doesNotContainKey("makesNoRubricCheck")
                .doesNotContainKey("checksOnAnotherThreadWithoutItsContext");
        TestResult passes = tests.get("passes").get(0);
        assertThat(passes.className()).isEqualTo(JupiterChecksFixture.class.getName());
        assertThat(passes.displayName()).isEqualTo("a good answer passes");
        assertThat(passes.uniqueId()).startsWith("[engine:junit-jupiter]/[class:").endsWith("[method:passes()]");
        assertThat(passes.parentId()).isNull();
        assertThat(passes.tags()).containsExactly("quality");
        assertThat(passes.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(passes.assertions()).singleElement().satisfies(a -> {
            assertThat(a.check()).isEqualTo(Check.SCORES_AT_LEAST);
            assertThat(a.actual()).isEqualTo(5.0);
        });
        assertThat(passes.verdicts()).singleElement().extracting(VerdictRecord::response).isEqualTo("good answer");

        TestResult fails = tests.get("fails").get(0);
        assertThat(fails.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(fails.tags()).containsExactly("quality", "smoke");
        assertThat(fails.message()).contains("to score at least 4 on \"harmlessness\", but the judge gave 2");
        assertThat(fails.verdicts()).singleElement().extracting(VerdictRecord::rubric).isEqualTo("harmlessness");

        assertThat(tests.get("parameterized")).hasSize(2).allSatisfy(t -> {
            assertThat(t.parentId()).endsWith("[test-template:parameterized(java.lang.String)]");
            assertThat(t.uniqueId()).startsWith(t.parentId() + "/[test-template-invocation:#");
            assertThat(t.displayName()).startsWith("[");
        }).extracting(TestResult::outcome).containsExactlyInAnyOrder(Outcome.PASSED, Outcome.FAILED);
        assertThat(tests.get("repeated")).hasSize(2).extracting(TestResult::displayName)
                .containsExactlyInAnyOrder("repetition 1 of 2", "repetition 2 of 2");
        assertThat(tests.get("dynamic")).hasSize(2).allSatisfy(t -> assertThat(t.parentId())
                .endsWith("[test-factory:dynamic()]")).extracting(TestResult::displayName)
                .containsExactlyInAnyOrder("answer good answer", "answer fair answer");

        assertThat(tests.get("resolvedByAnExtension").get(0)).satisfies(t -> {
            assertThat(t.outcome()).isEqualTo(Outcome.PASSED);
            assertThat(t.assertions()).singleElement().extracting(AssertionRecord::pairwise)
                    .isEqualTo(PairwiseOutcome.WIN);
            assertThat(t.verdicts()).hasSize(2);
        });
        assertThat(tests.get("judgeFails").get(0)).satisfies(t -> {
            assertThat(t.outcome()).isEqualTo(Outcome.ABORTED);
            assertThat(t.message()).contains("the judge gave no verdict (SERVER_ERROR)");
            assertThat(t.abort()).as("the reason, as a type").extracting(AbortRecord::reason)
                    .isEqualTo(JudgeException.Reason.SERVER_ERROR);
            assertThat(t.assertions()).singleElement().extracting(AssertionRecord::aborted).isEqualTo(true);
        });
        assertThat(tests.get("assumptionFailsAfterACheck").get(0)).satisfies(t -> {
            assertThat(t.outcome()).as("a failed assumption is skipped, not aborted").isEqualTo(Outcome.SKIPPED);
            assertThat(t.abort()).isNull();
            assertThat(t.message()).contains("not on this machine");
        });
        assertThat(tests.get("checkedInBeforeEach").get(0).verdicts()).singleElement()
                .extracting(VerdictRecord::response).isEqualTo("fair answer");
        assertThat(tests.get("checksOnAnotherThreadWithItsContext").get(0).assertions()).hasSize(1);
        assertThat(tests.get("softChecks").get(0)).satisfies(t -> {
            assertThat(t.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(t.assertions()).hasSize(5);
        });
        assertThat(ScriptedJudge.SUBMISSIONS).as("the soft checks went in one submission").contains(5);

        assertThat(summary.getFailures()).filteredOn(f -> f.getTestIdentifier().getDisplayName()
                .startsWith("checksOnAnotherThreadWithoutItsContext")).singleElement()
                .satisfies(f -> assertThat(f.getException()).rootCause()
                        .hasMessageContaining("which runs no test, while tests run in this JVM"));
        RunResults file = ResultsFiles.readAll(reports).get(0);
        assertThat(file.judge().backend()).isEqualTo("scripted");
        assertThat(ScriptedJudge.CONSTRUCTED).as("judges built").hasValue(1);
        assertThat(ScriptedJudge.CLOSED).as("closed when the launcher run ended").hasValue(1);
    }

    @Test
    void theConsoleLauncherRecordsTheChecksOfTheJupiterTestsItRuns() {
        ToolProvider consoleLauncher = ToolProvider.findFirst("junit").orElseThrow();
        StringWriter out = new StringWriter();

        int exit = consoleLauncher.run(new PrintWriter(out), new PrintWriter(out), "execute", "--disable-banner",
                "--details=summary",
                "--select-method=" + JupiterChecksFixture.class.getName() + "#passes",
                "--select-method=" + JupiterChecksFixture.class.getName() + "#fails",
                "--config=rubric.judge=" + ScriptedJudge.class.getName(), "--config=rubric.cache=off",
                "--config=rubric.judge.timeout=19s", "--config=rubric.report.dir=" + reports,
                "--config=rubric.report.progress=false");

        assertThat(exit).as(out.toString()).isEqualTo(1);
        assertThat(out.toString()).contains("1 tests failed");
        assertThat(jupiterResults()).extracting(TestResult::methodName, TestResult::outcome)
                .containsExactlyInAnyOrder(tuple("passes", Outcome.PASSED), tuple("fails", Outcome.FAILED));
    }

    @Test
    void underJupitersParallelExecutionEachCheckLandsInItsOwnTest() {
        ScriptedJudge.delay(40);
        launch(Map.of("junit.jupiter.execution.parallel.enabled", "true",
                        "junit.jupiter.execution.parallel.config.strategy", "fixed",
                        "junit.jupiter.execution.parallel.config.fixed.parallelism", "6"),
                selectClass(ParallelChecksFixture.class));

        List<TestResult> tests = jupiterResults();
        assertThat(tests).hasSize(12).allSatisfy(t -> {
            String n = t.uniqueId().replaceAll(".*#(\\d+)]$", "$1");
            assertThat(t.verdicts()).singleElement().satisfies(v -> {
                assertThat(v.instruction()).isEqualTo("question " + n);
                assertThat(v.response()).isEqualTo("answer " + n);
            });
        });
        assertThat(ScriptedJudge.MAX_IN_FLIGHT.get()).as("tests ran at once").isGreaterThan(1);
    }

    @Test
    void theRubricEngineAndJupiterTestsOfOneLauncherRunShareOneJudgeAndKeepTheirOwnFiles() {
        launch(Map.of(), selectClass(BasicFixture.class), selectMethod(JupiterChecksFixture.class, "passes"),
                selectMethod(JupiterChecksFixture.class, "fails"));

        assertThat(ScriptedJudge.CONSTRUCTED).as("one judge for both engines").hasValue(1);
        assertThat(ScriptedJudge.CLOSED).hasValue(1);
        List<RunResults> files = ResultsFiles.readAll(reports);
        assertThat(files).hasSize(2);
        assertThat(files).allSatisfy(f -> assertThat(f.tests()).extracting(t -> t.uniqueId().substring(0, 15))
                .containsOnly(f.tests().get(0).uniqueId().substring(0, 15)));
        assertThat(files.stream().flatMap(f -> f.tests().stream()).map(TestResult::methodName))
                .containsExactlyInAnyOrder("good", "bad", "passes", "fails");
    }
}
