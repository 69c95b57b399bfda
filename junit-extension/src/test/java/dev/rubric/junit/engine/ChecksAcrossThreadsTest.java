package dev.rubric.junit.engine;

import dev.rubric.junit.fixtures.ThreadsFixture;
import dev.rubric.junit.testing.ScriptedJudge;
import dev.rubric.results.AssertionRecord;
import dev.rubric.results.Check;
import dev.rubric.results.Outcome;
import dev.rubric.results.ResultsFiles;
import dev.rubric.results.TestResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Path;
import java.util.List;

import static dev.rubric.junit.RubricAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

/**
 * A check on a thread other than the test's is recorded against its test when the test's context is carried there,
 * and fails at once otherwise; soft checks reach the judge in one submission. Never a second judge.
 */
class ChecksAcrossThreadsTest {

    @TempDir
    Path reports;

    @BeforeEach
    void script() {
        RubricKit.standardScript();
    }

    private EngineExecutionResults run(String method) {
        return RubricKit.engine(reports, selectMethod(ThreadsFixture.class, method))
                .configurationParameter("rubric.execution.parallelism", "1").execute();
    }

    private TestResult result(String method) {
        return ResultsFiles.readAll(reports).stream().flatMap(r -> r.tests().stream())
                .filter(t -> t.methodName().equals(method)).findFirst().orElseThrow();
    }

    private static Throwable failure(EngineExecutionResults r) {
        return r.testEvents().finished().stream().findFirst().orElseThrow()
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }

    @Test
    void aCheckOnAThreadThatRunsNoTestFailsAtOnceAndSaysHowToCarryTheTest() {
        EngineExecutionResults r = run("checksOnACommonPoolThread");

        r.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(failure(r)).rootCause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("which runs no test, while tests run in this JVM")
                .hasMessageContaining("RubricContext test = RubricContext.current()")
                .hasMessageContaining("test.wrap(() -> ...)");
        assertThat(ScriptedJudge.CALLS).as("no judge graded it").hasValue(0);
        assertThat(ScriptedJudge.CONSTRUCTED).as("no second judge was built").hasValue(0);
    }

    @Test
    void aCarriedCheckIsRecordedAgainstItsTest() {
        EngineExecutionResults r = run("carriesItsContextToAnExecutor");

        r.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(failure(r)).rootCause().hasMessageContaining("but the judge gave 2");
        TestResult t = result("carriesItsContextToAnExecutor");
        assertThat(t.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(t.assertions()).extracting(AssertionRecord::actual).containsExactly(5.0, 2.0);
        assertThat(t.verdicts()).hasSize(2);
        assertThat(ScriptedJudge.CONSTRUCTED).hasValue(1);
    }

    @Test
    void aContextUsedAfterItsTestEndedIsRefused() {
        run("handsItsContextOut").testEvents().assertStatistics(s -> s.succeeded(1));

        assertThatThrownBy(() -> {
            try (var bound = ThreadsFixture.HANDED_OUT.get().bind()) {
                assertThat(dev.rubric.junit.Response.of("q", "good answer")).scoresAtLeast(4);
            }
        }).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("came after its test had ended, so its verdict could not be recorded");
        assertThat(ScriptedJudge.CALLS).hasValue(0);
    }

    @Test
    void softChecksAreOneSubmissionAndEachIsRecorded() {
        EngineExecutionResults r = run("softChecks");

        r.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(ScriptedJudge.SUBMISSIONS).as("gradings per call to the judge").containsExactly(6);
        TestResult t = result("softChecks");
        assertThat(t.assertions()).extracting(AssertionRecord::check).containsExactly(Check.SCORES_AT_LEAST,
                Check.SCORES_AT_LEAST, Check.SCORES_AT_LEAST, Check.BEATS, Check.SCORES_AT_MOST);
        assertThat(t.assertions()).extracting(AssertionRecord::passed).containsExactly(true, false, true, true, false);
        assertThat(t.verdicts()).hasSize(6);
        assertThat(failure(r).getMessage()).contains("Multiple Failures (2 failures)");
        assertThat(List.of(failure(r).getMessage().split("\n"))).filteredOn(l -> l.contains("but the judge gave"))
                .hasSize(2);
    }
}
