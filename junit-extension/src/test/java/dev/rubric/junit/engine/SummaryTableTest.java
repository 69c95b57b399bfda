package dev.rubric.junit.engine;

import dev.rubric.core.JudgeException;
import dev.rubric.results.AbortReasons;
import dev.rubric.results.Outcome;
import dev.rubric.results.SampleStats;
import dev.rubric.results.TestResult;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryTableTest {

    private static final String DOWN = "the judge gave no verdict (UNREACHABLE): the judge server at "
            + "http://127.0.0.1:9/v1/completions cannot be reached after 5 attempts: the connection was refused; "
            + "start it, or point rubric.judge.url at a running one";

    private static TestResult test(String method, Outcome outcome, String message) {
        return new TestResult("[engine:rubric]/[class:com.example.SupportTest]/[method:" + method + "()]", null,
                "com.example.SupportTest", method, method + "()", List.of(), outcome, message, 10, List.of(),
                List.of(), null);
    }

    @Test
    void aJudgeThatIsDownIsNamedOnceForEveryTestItAborted() {
        TestResult sampled = new TestResult("[engine:rubric]/[class:com.example.SupportTest]/[method:polite()]", null,
                "com.example.SupportTest", "polite", "polite()", List.of(), Outcome.ABORTED,
                "not enough samples passed and some had no verdict: 0/2 samples passed" + AbortReasons.FIRST_ABORT
                        + DOWN, 10, List.of(), List.of(), new SampleStats(5, 2, 0, 0.8, 0, 0, 0.66, true));

        String table = SummaryTable.render(List.of(test("a", Outcome.ABORTED, DOWN), test("b", Outcome.ABORTED, DOWN),
                sampled));

        assertThat(table).contains("0 of 3 rubric tests passed" + System.lineSeparator()
                + "all 3 tests aborted (no verdict), for one reason: " + DOWN + System.lineSeparator());
        assertThat(table.split(java.util.regex.Pattern.quote(DOWN), -1)).hasSize(2); // said once
    }

    @Test
    void differentReasonsAreListedWithTheirCounts() {
        String table = SummaryTable.render(List.of(test("a", Outcome.ABORTED, DOWN), test("b", Outcome.ABORTED, DOWN),
                test("c", Outcome.ABORTED, "the judge answered garbage"), test("d", Outcome.PASSED, null)));

        assertThat(table).contains("1 of 4 rubric tests passed", "3 tests aborted (no verdict):",
                "  2 tests: " + DOWN, "  1 test: the judge answered garbage");
    }

    @Test
    void aSampledTestSaysHowManySamplesHadNoVerdict() {
        String id = "[engine:rubric]/[class:com.example.SupportTest]/[method:polite()]";
        TestResult sampled = new TestResult(id, null, "com.example.SupportTest", "polite", "polite()", List.of(),
                Outcome.ABORTED, "not enough samples passed" + AbortReasons.FIRST_ABORT + DOWN, 10, List.of(),
                List.of(), new SampleStats(5, 2, 0, 0.8, 0, 0, 0.66, true));
        TestResult sample1 = new TestResult(id + "/[sample:1]", id, "com.example.SupportTest", "polite", "sample 1",
                List.of(), Outcome.ABORTED, DOWN, 5, List.of(), List.of(), null);
        TestResult sample2 = new TestResult(id + "/[sample:2]", id, "com.example.SupportTest", "polite", "sample 2",
                List.of(), Outcome.ABORTED, DOWN, 5, List.of(), List.of(), null);

        assertThat(SummaryTable.render(List.of(sampled, sample1, sample2)))
                .contains("0/2 passed, stopped at 2 of 5, 2 no verdict", "1 test aborted (no verdict): " + DOWN)
                .doesNotContain("CI 0-66%");
    }

    @Test
    void aSampledTestThatRanEverySampleShowsItsInterval() {
        String id = "[engine:rubric]/[class:com.example.SupportTest]/[method:polite()]";
        TestResult sampled = new TestResult(id, null, "com.example.SupportTest", "polite", "polite()", List.of(),
                Outcome.PASSED, null, 10, List.of(), List.of(), new SampleStats(5, 5, 4, 0.8, 0.8, 0.3755, 0.9638,
                false));

        assertThat(SummaryTable.render(List.of(sampled))).contains("4/5 passed, CI 38-96%");
    }

    @Test
    void noAbortsNoReasons() {
        assertThat(SummaryTable.abortReasons(List.of(test("a", Outcome.PASSED, null)))).isEmpty();
    }

    @Test
    void aCaseNameInBracketsIsNotBracketedTwice() {
        TestResult c = new TestResult("[engine:rubric]/[class:com.example.SupportTest]/[method:faq(dev.rubric.junit"
                + ".Case)]/[case:1]", "[engine:rubric]/[class:com.example.SupportTest]/[method:faq(dev.rubric.junit"
                + ".Case)]", "com.example.SupportTest", "faq", "[1] refunds", List.of(), Outcome.PASSED, null, 10,
                List.of(), List.of(), null);

        assertThat(SummaryTable.render(List.of(c))).contains("SupportTest.faq [1] refunds ").doesNotContain("[[");
    }

    @Test
    void theCauseIsLeftOutWhenTheMessageAlreadySaysIt() {
        var said = new JudgeException(JudgeException.Reason.MODEL_FAILED_TO_LOAD,
                "The Hub at https://huggingface.co cannot be reached (ConnectException)", new ConnectException());
        var unsaid = new JudgeException(JudgeException.Reason.MODEL_FAILED_TO_LOAD, "no judge",
                new IllegalStateException("libtorch missing"));

        assertThat(SharedJudge.causeNotSaid(said)).isEmpty();
        assertThat(SharedJudge.causeNotSaid(unsaid))
                .isEqualTo(" [cause: java.lang.IllegalStateException: libtorch missing]");
    }
}
