package dev.rubric.junit.engine;

import dev.rubric.junit.fixtures.CasesFixture;
import dev.rubric.junit.fixtures.JudgeFailureFixture;
import dev.rubric.junit.fixtures.SampledFixture;
import dev.rubric.junit.fixtures.jupiter.BrokenLifecycleFixture;
import dev.rubric.junit.fixtures.jupiter.ConditionsFixture;
import dev.rubric.junit.fixtures.jupiter.DisabledClassFixture;
import dev.rubric.junit.fixtures.jupiter.Events;
import dev.rubric.junit.fixtures.jupiter.FailingSetUpFixture;
import dev.rubric.junit.fixtures.jupiter.LifecycleFixture;
import dev.rubric.junit.fixtures.jupiter.NestedFixture;
import dev.rubric.junit.fixtures.jupiter.PerClassFixture;
import dev.rubric.junit.fixtures.jupiter.SpringFixture;
import dev.rubric.junit.fixtures.jupiter.TimeoutFixture;
import dev.rubric.junit.fixtures.jupiter.UnsupportedJupiterFixture;
import dev.rubric.junit.testing.ScriptedJudge;
import dev.rubric.core.JudgeException;
import dev.rubric.results.Outcome;
import dev.rubric.results.ResultsFiles;
import dev.rubric.results.RunResults;
import dev.rubric.results.TestResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectIteration;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

/** A rubric test class written as for Jupiter behaves as Jupiter would run it. */
class JupiterModelTest {

    @TempDir
    Path reports;

    @BeforeEach
    void script() {
        RubricKit.standardScript();
        Events.take();
    }

    private RunResults onlyResultsFile() {
        List<RunResults> all = ResultsFiles.readAll(reports);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private TestResult result(String methodName) {
        return onlyResultsFile().tests().stream().filter(t -> t.methodName().equals(methodName) && t.parentId() == null)
                .findFirst().orElseThrow(() -> new AssertionError("no result for " + methodName));
    }

    private static Map<String, TestExecutionResult.Status> outcomes(EngineExecutionResults r) {
        return r.allEvents().finished().stream().collect(Collectors.toMap(
                e -> e.getTestDescriptor().getDisplayName(),
                e -> e.getRequiredPayload(TestExecutionResult.class).getStatus(), (a, b) -> a));
    }

    @Test
    void lifecycleMethodsRunInJupitersOrderAroundEveryInvocationEachOnANewInstance() {
        EngineExecutionResults r = RubricKit.engine(reports, selectClass(LifecycleFixture.class))
                .configurationParameter("rubric.execution.parallelism", "1").execute();
        r.testEvents().assertStatistics(s -> s.failed(0));
        List<String> events = Events.take();
        assertThat(events.get(0)).isEqualTo("base beforeAll");
        assertThat(events.get(1)).isEqualTo("beforeAll");
        assertThat(events.subList(events.size() - 2, events.size())).containsExactly("afterAll", "base afterAll");
        // plain test, two samples, two cases: five invocations, each wrapped the same way on its own instance
        List<String> tests = events.stream().filter(e -> e.startsWith("test ")).toList();
        assertThat(tests).hasSize(5);
        assertThat(tests.stream().map(e -> e.substring(e.lastIndexOf(' ') + 1)).distinct()).hasSize(5);
        for (String test : tests) {
            int at = events.indexOf(test);
            String instance = test.substring(test.lastIndexOf(' ') + 1);
            assertThat(events.get(at - 2)).isEqualTo("base beforeEach " + instance);
            assertThat(events.get(at - 1)).startsWith("beforeEach ").endsWith(" " + instance);
            assertThat(events.get(at + 1)).isEqualTo("afterEach");
            assertThat(events.get(at + 2)).isEqualTo("base afterEach");
        }
        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("beforeEach sample 2 of 2 "))
                .anySatisfy(e -> assertThat(e).startsWith("beforeEach [1] refund "));
    }

    @Test
    void testInfoAndTestReporterAreSuppliedAsInJupiter() {
        EngineExecutionResults r = RubricKit.engine(reports, selectMethod(LifecycleFixture.class, "plain",
                "org.junit.jupiter.api.TestInfo,org.junit.jupiter.api.TestReporter")).execute();
        List<Map<String, String>> entries = r.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs()).toList();
        assertThat(entries).anySatisfy(e -> assertThat(e).containsEntry("seen", "plain [inherited]"));
        assertThat(Events.take()).anySatisfy(e -> assertThat(e).startsWith("test plain(TestInfo, TestReporter) "));
    }

    @Test
    void perClassSharesOneInstanceWithNonStaticBeforeAllAndAfterAll() {
        PerClassFixture.INSTANCES.set(0);
        EngineExecutionResults r = RubricKit.engine(reports, selectClass(PerClassFixture.class)).execute();
        r.testEvents().assertStatistics(s -> s.failed(0).succeeded(5)); // 4 invocations and a sampled test's pass rate
        assertThat(PerClassFixture.INSTANCES).hasValue(1);
        assertThat(Events.take()).containsExactly("invocations 4");
    }

    @Test
    void disabledTestsAndFalseConditionsAreSkippedWithTheirReasonAndAFailedAssumptionIsSkippedNotAborted() {
        EngineExecutionResults r = RubricKit.engine(reports, selectClass(ConditionsFixture.class)).execute();
        Map<String, String> skipped = r.allEvents().skipped().stream().collect(Collectors.toMap(
                e -> e.getTestDescriptor().getDisplayName(), e -> e.getRequiredPayload(String.class), (a, b) -> a));
        assertThat(skipped).containsEntry("disabled()", "the new prompt is not ready");
        assertThat(skipped.get("onlyWithAProperty()")).contains("rubric.fixture.never");
        assertThat(skipped.get("needsAKey()")).contains("noApiKey");
        assertThat(result("disabled").outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(result("disabled").message()).isEqualTo("the new prompt is not ready");
        assertThat(result("needsAKey").outcome()).isEqualTo(Outcome.SKIPPED);

        TestResult assumed = result("assumesAKey");
        assertThat(assumed.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(assumed.message()).contains("no API key for the system under test");
        assertThat(assumed.abort()).isNull();
        TestResult sampled = result("sampledAssumesAKey");
        assertThat(sampled.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(sampled.message()).contains("no API key");
        assertThat(r.allEvents().skipped().stream().filter(e -> e.getTestDescriptor().getDisplayName()
                .startsWith("sample "))).hasSize(2); // after the first sample's assumption, the rest are not run
        assertThat(result("runs").outcome()).isEqualTo(Outcome.PASSED);
        assertThat(SummaryTable.render(onlyResultsFile().tests())).contains("skipped").doesNotContain("aborted");
    }

    @Test
    void aDisabledClassRecordsEachOfItsTestsAsSkipped() {
        EngineExecutionResults r = RubricKit.engine(reports, selectClass(DisabledClassFixture.class)).execute();
        r.testEvents().assertStatistics(s -> s.started(0));
        assertThat(onlyResultsFile().tests()).extracting(TestResult::methodName, TestResult::outcome,
                TestResult::message).containsExactlyInAnyOrder(
                org.assertj.core.api.Assertions.tuple("first", Outcome.SKIPPED, "waiting for the new model"),
                org.assertj.core.api.Assertions.tuple("second", Outcome.SKIPPED, "waiting for the new model"));
    }

    @Test
    void aJudgesAbortIsTypedInTheResultsFile() {
        RubricKit.engine(reports, selectClass(JudgeFailureFixture.class)).execute();
        TestResult fails = result("judgeFails");
        assertThat(fails.outcome()).isEqualTo(Outcome.ABORTED);
        assertThat(fails.abort().reason()).isEqualTo(JudgeException.Reason.SERVER_ERROR);
        assertThat(fails.abort().message()).contains("told to fail on \"explode\"");
    }

    @Test
    void tagsDisplayNamesAndNestedClassesAreJupiters() {
        TestDescriptor engine = RubricKit.engine(reports, selectClass(NestedFixture.class)).discover()
                .getEngineDescriptor();
        String outer = "[engine:rubric]/[class:" + NestedFixture.class.getName() + "]";
        String inner = outer + "/[nested-class:When_the_answer_is_good]";
        TestDescriptor innerNode = engine.findByUniqueId(UniqueId.parse(inner)).orElseThrow();
        TestDescriptor scores = engine.findByUniqueId(UniqueId.parse(inner + "/[method:it_scores_well()]"))
                .orElseThrow();
        assertThat(engine.findByUniqueId(UniqueId.parse(outer)).orElseThrow().getDisplayName())
                .isEqualTo("Support bot");
        assertThat(innerNode.getDisplayName()).isEqualTo("When the answer is good");
        assertThat(scores.getDisplayName()).isEqualTo("it scores well");
        assertThat(scores.getTags()).extracting(t -> t.getName()).containsExactlyInAnyOrder("support", "slow",
                "billing");
        assertThat(engine.findByUniqueId(UniqueId.parse(outer + "/[method:refunds()]")).orElseThrow()
                .getDisplayName()).isEqualTo("explains refunds");
        assertThat(engine.findByUniqueId(UniqueId.parse(inner + "/[nested-class:Deeper]/[method:stillGood()]")))
                .isPresent();

        EngineExecutionResults r = RubricKit.engine(reports, selectClass(NestedFixture.class))
                .configurationParameter("rubric.execution.parallelism", "1").execute();
        r.testEvents().assertStatistics(s -> s.succeeded(3).failed(0));
        List<String> events = Events.take();
        assertThat(String.join(",", events)).contains("outer beforeEach,inner beforeEach");
        TestResult nested = onlyResultsFile().tests().stream().filter(t -> t.methodName().equals("it_scores_well"))
                .findFirst().orElseThrow();
        assertThat(nested.tags()).containsExactly("billing", "slow", "support");
        assertThat(nested.className()).isEqualTo(NestedFixture.When_the_answer_is_good.class.getName());
    }

    @Test
    void aNestedClassOrItsMethodSelectedAloneIsResolvedBelowItsEnclosingClass() {
        TestDescriptor byClass = RubricKit.engine(reports, selectClass(NestedFixture.When_the_answer_is_good.class))
                .discover().getEngineDescriptor();
        assertThat(byClass.getDescendants()).extracting(TestDescriptor::getDisplayName)
                .contains("Support bot", "When the answer is good", "it scores well", "stillGood")
                .doesNotContain("explains refunds");
        TestDescriptor byId = RubricKit.engine(reports, selectUniqueId("[engine:rubric]/[class:"
                + NestedFixture.class.getName() + "]/[nested-class:When_the_answer_is_good]/[nested-class:Deeper]"))
                .discover().getEngineDescriptor();
        assertThat(byId.getDescendants()).extracting(TestDescriptor::getDisplayName).contains("stillGood")
                .doesNotContain("it scores well");
    }

    @Test
    void everyTagFilterSeesClassMethodComposedAndInheritedTags() {
        EngineExecutionResults slow = RubricKit.engine(reports, selectClass(NestedFixture.class))
                .filters(TagFilter.includeTags("slow")).execute();
        assertThat(slow.testEvents().started().stream().map(e -> e.getTestDescriptor().getDisplayName()))
                .containsExactlyInAnyOrder("it scores well", "stillGood"); // the generator applies to Deeper too
        EngineExecutionResults inherited = RubricKit.engine(reports, selectClass(LifecycleFixture.class))
                .filters(TagFilter.excludeTags("inherited")).execute();
        inherited.testEvents().assertStatistics(s -> s.started(0));
    }

    @Test
    void aHangingSystemUnderTestTimesOutButWaitingForTheJudgeDoesNotCount() {
        ScriptedJudge.delay(700);
        long start = System.nanoTime();
        EngineExecutionResults r = RubricKit.engine(reports, selectClass(TimeoutFixture.class))
                .configurationParameter("junit.jupiter.execution.timeout.default", "400 ms").execute();
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(outcomes(r)).containsEntry("hangs()", TestExecutionResult.Status.FAILED)
                .containsEntry("waitsForASlowJudge()", TestExecutionResult.Status.SUCCESSFUL)
                .containsEntry("waitsForASlowJudgeWithSoftChecks()", TestExecutionResult.Status.SUCCESSFUL)
                .containsEntry("spins()", TestExecutionResult.Status.FAILED)
                .containsEntry("hangsWithoutAnnotation()", TestExecutionResult.Status.FAILED);
        Throwable hangs = r.testEvents().failed().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().equals("hangs()"))
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .findFirst().orElseThrow();
        assertThat(hangs).isInstanceOf(TimeoutException.class).hasMessage("hangs() timed out after 300 ms");
        assertThat(result("hangsWithoutAnnotation").message()).isEqualTo(
                "hangsWithoutAnnotation() timed out after 400 ms");
        assertThat(result("spins").message()).isEqualTo("spins() timed out after 300 ms");
        assertThat(tookMs).as("the spinning test was abandoned, not waited for").isLessThan(2_900);
    }

    @Test
    void jupiterAnnotationsTheEngineWouldIgnoreAreDiscoveryIssuesNamingThemAndTheWayOut() {
        List<DiscoveryIssue> issues = RubricKit.engine(reports, selectClass(UnsupportedJupiterFixture.class))
                .discover().getDiscoveryIssues();
        assertThat(issues).extracting(DiscoveryIssue::message)
                .anySatisfy(m -> assertThat(m).contains("@ExtendWith(Recorder.class)", "is not applied",
                        "@BeforeEach method", "Jupiter @Test with rubric assertions"))
                .anySatisfy(m -> assertThat(m).contains("@TempDir on field", ".folder", "Files.createTempDirectory"))
                .anySatisfy(m -> assertThat(m).contains("@Test on method", "#alsoAJupiterTest", "run twice"))
                .noneSatisfy(m -> assertThat(m).contains("EnabledOnOs"));
        assertThat(issues).allSatisfy(i -> assertThat(i.severity()).isEqualTo(DiscoveryIssue.Severity.WARNING));
    }

    @Test
    void lifecycleMethodsJupiterWouldRefuseKeepTheClassFromRunningWithAnErrorThatSaysWhy() {
        List<DiscoveryIssue> issues = RubricKit.engine(reports, selectClass(BrokenLifecycleFixture.class)).discover()
                .getDiscoveryIssues();
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.severity()).isEqualTo(DiscoveryIssue.Severity.ERROR);
            assertThat(i.message()).contains(BrokenLifecycleFixture.class.getName() + "#notStatic must be static",
                    "@TestInstance(Lifecycle.PER_CLASS)");
        });
    }

    @Test
    void selectIterationSelectsSamplesAndCasesByIndex() {
        TestDescriptor samples = RubricKit.engine(reports, selectIteration(selectMethod(SampledFixture.class,
                "mostlyGood"), 1, 3)).discover().getEngineDescriptor();
        assertThat(samples.getDescendants()).extracting(TestDescriptor::getDisplayName)
                .contains("sample 2 of 5", "sample 4 of 5").doesNotContain("sample 1 of 5", "sample 3 of 5");
        TestDescriptor cases = RubricKit.engine(reports, selectIteration(selectMethod(CasesFixture.class,
                "answersQuestions", "dev.rubric.junit.Case"), 0)).discover().getEngineDescriptor();
        assertThat(cases.getDescendants()).extracting(TestDescriptor::getDisplayName).contains("[1] refund")
                .doesNotContain("[2] Can I change my delivery address after ordering?");
    }

    @Test
    void aFailingBeforeAllFailsTheClassRecordsItsTestsAndStillRunsAfterAll() {
        EngineExecutionResults r = RubricKit.engine(reports,
                selectClass(FailingSetUpFixture.BeforeAllFails.class)).execute();
        r.containerEvents().assertStatistics(s -> s.failed(1));
        assertThat(Events.take()).containsExactly("afterAll ran");
        assertThat(result("neverRuns").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result("neverRuns").message()).isEqualTo("the test database is not there");
    }

    @Test
    void aFailingBeforeEachFailsTheTestAndStillRunsAfterEach() {
        EngineExecutionResults r = RubricKit.engine(reports,
                selectClass(FailingSetUpFixture.BeforeEachFails.class)).execute();
        r.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(Events.take()).containsExactly("afterEach ran");
    }

    @Test
    void aClassTimeoutHoldsForItsTestsAndItsNestedClasses() {
        EngineExecutionResults r = RubricKit.engine(reports, selectClass(FailingSetUpFixture.ClassTimeout.class))
                .execute();
        assertThat(outcomes(r)).containsEntry("hangs()", TestExecutionResult.Status.FAILED)
                .containsEntry("hangsToo()", TestExecutionResult.Status.FAILED);
        assertThat(result("hangsToo").message()).isEqualTo("hangsToo() timed out after 200 ms");
    }

    @Test
    void springInjectsTheSystemUnderTestIntoEachInstanceFromOneCachedContext() {
        SpringFixture.CONTEXTS.clear();
        EngineExecutionResults r = RubricKit.engine(reports, selectClass(SpringFixture.class)).execute();
        r.testEvents().assertStatistics(s -> s.succeeded(3).failed(0)); // 2 samples and their pass rate
        assertThat(SpringFixture.CONTEXTS).hasSize(1);
    }
}
