package dev.rubric.maven.merge;

import dev.rubric.maven.Fixtures;

import dev.rubric.results.Outcome;
import dev.rubric.results.ResultsFiles;
import dev.rubric.results.TestResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.rubric.maven.Fixtures.aborted;
import static dev.rubric.maven.Fixtures.run;
import static dev.rubric.maven.Fixtures.sampled;
import static dev.rubric.maven.Fixtures.scored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultsMergerTest {

    @Test
    void testsOfSeveralForksAreUnited(@TempDir Path dir) {
        ResultsFiles.write(dir, run("fork-1", List.of(scored("ATest", "a", "helpfulness", 4, 5))));
        ResultsFiles.write(dir, run("fork-2", List.of(scored("BTest", "b", "helpfulness", 4, 2))));
        ResultsFiles.write(dir, run("failsafe", List.of(scored("CIT", "c", "harmlessness", 4, 4))));

        MergedResults merged = ResultsMerger.merge(ResultsFiles.readAll(dir));

        assertThat(merged.files()).isEqualTo(3);
        assertThat(merged.tests()).extracting(GatedTest::shortName).containsExactly("ATest.a", "BTest.b", "CIT.c");
        assertThat(merged.duplicates()).isEmpty();
        assertThat(merged.judges()).hasSize(1);
    }

    @Test
    void aTestInSeveralFilesCountsOnceWithTheResultOfTheRunThatFinishedLast() {
        Instant early = Instant.parse("2026-11-27T10:00:00Z");
        var first = run("zzz-first", early, List.of(scored("ATest", "flaky", "helpfulness", 4, 2)));
        var rerun = run("aaa-rerun", early.plusSeconds(30), List.of(scored("ATest", "flaky", "helpfulness", 4, 5)));

        for (var order : List.of(List.of(first, rerun), List.of(rerun, first))) {
            MergedResults merged = ResultsMerger.merge(order);
            assertThat(merged.tests()).singleElement().satisfies(t -> {
                assertThat(t.outcome()).isEqualTo(Outcome.PASSED);
                assertThat(t.runId()).isEqualTo("aaa-rerun");
                assertThat(t.seenInRuns()).isEqualTo(2);
            });
            assertThat(merged.duplicates()).containsExactly(Fixtures.id("ATest", "flaky"));
        }
    }

    @Test
    void runsThatFinishedAtTheSameTimeAreOrderedByRunId() {
        var a = run("run-a", List.of(scored("ATest", "t", "helpfulness", 4, 2)));
        var b = run("run-b", List.of(scored("ATest", "t", "helpfulness", 4, 5)));

        assertThat(ResultsMerger.merge(List.of(a, b)).tests().get(0).runId()).isEqualTo("run-b");
        assertThat(ResultsMerger.merge(List.of(b, a)).tests().get(0).runId()).isEqualTo("run-b");
    }

    @Test
    void aSampledTestCountsOnceWithItsSamplesFoldedIn() {
        MergedResults merged = ResultsMerger.merge(List.of(run("r", sampled("PoliteTest", "staysPolite",
                "politeness", 4, 5, 0.8))));

        assertThat(merged.tests()).singleElement().satisfies(t -> {
            assertThat(t.samples()).isNotNull();
            assertThat(t.outcome()).isEqualTo(Outcome.PASSED);
            assertThat(t.samples().passed()).isEqualTo(4);
            assertThat(t.ranEverySample()).isTrue();
            assertThat(t.verdicts()).hasSize(5);
            assertThat(t.assertions()).hasSize(5);
        });
    }

    @Test
    void aDataDrivenTestCountsByItsCases() {
        String parent = Fixtures.id("CasesTest", "answers");
        List<TestResult> tests = new ArrayList<>();
        tests.add(new TestResult(parent, null, Fixtures.PKG + "CasesTest", "answers", "answers(Case)", List.of(),
                Outcome.FAILED, null, 10, List.of(), List.of(), null));
        for (int i = 1; i <= 3; i++) {
            TestResult c = scored("CasesTest", "answers", "helpfulness", 4, i == 2 ? 1 : 5);
            tests.add(new TestResult(parent + "/[case:" + i + "]", parent, c.className(), c.methodName(),
                    "[" + i + "] refund question " + i, List.of("faq"), c.outcome(), c.message(), 10, c.assertions(),
                    c.verdicts(), null));
        }

        MergedResults merged = ResultsMerger.merge(List.of(run("r", tests)));

        assertThat(merged.tests()).hasSize(3).extracting(GatedTest::outcome)
                .containsExactly(Outcome.PASSED, Outcome.FAILED, Outcome.PASSED);
        assertThat(merged.tests().get(1).shortName()).isEqualTo("CasesTest.answers [2] refund question 2");
    }

    @Test
    void shortNamesAreWhatPeopleRead() {
        GatedTest plain = Fixtures.merged(scored("SupportBotTest", "explainsRefunds", "helpfulness", 4, 5)).tests().get(0);
        GatedTest named = new GatedTest("id", "com.acme.SupportBotTest", "explains", "refunds within 30 days",
                List.of(), Outcome.PASSED, null, 1, null, List.of(), List.of(), "r", 1, false, null, null);

        assertThat(plain.shortName()).isEqualTo("SupportBotTest.explainsRefunds");
        assertThat(named.shortName()).isEqualTo("SupportBotTest.explains [refunds within 30 days]");
    }

    @Test
    void aNameThatWouldRewriteTheLogIsEscaped() {
        GatedTest t = new GatedTest("id", "com.acme.Bot\u202ETest", "a\u0000b", "a\u0000b", List.of(), Outcome.FAILED,
                null, 1, null, List.of(), List.of(), "r", 1, false, "mod\u001b[2K", null);

        assertThat(t.label()).isEqualTo("[mod\\u001B[2K] Bot\\u202ETest.a\\u0000b");
    }

    @Test
    void testsThatDoNotMakeATreeAreRefusedNotRecursedInto() {
        TestResult self = new TestResult("t1", "t1", "A", "a", "a()", List.of(), Outcome.FAILED, null, 1, List.of(),
                List.of(), null);
        TestResult a = new TestResult("a", "b", "A", "a", "a()", List.of(), Outcome.FAILED, null, 1, List.of(),
                List.of(), null);
        TestResult b = new TestResult("b", "a", "A", "b", "b()", List.of(), Outcome.FAILED, null, 1, List.of(),
                List.of(), null);

        assertThatThrownBy(() -> ResultsMerger.merge(List.of(run("r1", List.of(self)))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("run r1").hasMessageContaining("cycle");
        assertThatThrownBy(() -> ResultsMerger.merge(List.of(run("r2", List.of(a, b)))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cycle");
    }

    @Test
    void rubricNamesAreSortedAndDistinct() {
        MergedResults merged = Fixtures.merged(scored("A", "a", "relevance", 3, 4), scored("A", "b", "helpfulness", 3, 4),
                aborted("A", "c", "helpfulness", "judge down"), scored("A", "d", "relevance", 3, 4));

        assertThat(ResultsMerger.rubricNames(merged.tests())).containsExactly("helpfulness", "relevance");
    }

    @Test
    void aTestThatFailedAndThenPassedOnARerunIsFlakyAndCountsAsPassed() {
        Instant first = Instant.parse("2025-01-01T10:00:00Z");
        MergedResults merged = ResultsMerger.merge(List.of(
                run("first", first, List.of(scored("A", "healed", "helpfulness", 4, 2),
                        scored("A", "broken", "helpfulness", 4, 2), scored("A", "fine", "helpfulness", 4, 5))),
                run("rerun", first.plusSeconds(5), List.of(scored("A", "healed", "helpfulness", 4, 5),
                        scored("A", "broken", "helpfulness", 4, 1)))));

        assertThat(merged.flaky()).extracting(GatedTest::methodName).containsExactly("healed");
        assertThat(merged.tests()).filteredOn(t -> t.methodName().equals("healed")).singleElement()
                .satisfies(t -> assertThat(t.outcome()).isEqualTo(Outcome.PASSED));
        assertThat(merged.tests()).filteredOn(t -> t.methodName().equals("broken")).singleElement()
                .satisfies(t -> assertThat(t.flaky()).isFalse());
    }

    @Test
    void anAggregateMarksEachTestWithItsModuleAndMergesWithinAModuleOnly() {
        MergedResults billing = ResultsMerger.merge(List.of(run("b", List.of(scored("RefundTest", "a", "helpfulness", 4, 5)))));
        MergedResults shipping = ResultsMerger.merge(List.of(run("s", List.of(scored("RefundTest", "a", "helpfulness", 4, 2),
                scored("ParcelTest", "b", "helpfulness", 4, 4)))));

        MergedResults all = ResultsMerger.aggregate(new java.util.LinkedHashMap<>(java.util.Map.of("billing", billing,
                "shipping", shipping)));

        // the same class name in two modules stays two tests
        assertThat(all.tests()).extracting(GatedTest::label).containsExactly("[billing] RefundTest.a",
                "[shipping] ParcelTest.b", "[shipping] RefundTest.a");
        assertThat(all.modules()).containsExactly("billing", "shipping");
        assertThat(all.files()).isEqualTo(2);
    }
}
