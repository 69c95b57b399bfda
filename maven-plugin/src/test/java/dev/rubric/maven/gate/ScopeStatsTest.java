package dev.rubric.maven.gate;

import dev.rubric.maven.merge.MergedResults;
import dev.rubric.maven.Fixtures;

import dev.rubric.results.AssertionRecord;
import dev.rubric.results.Outcome;
import dev.rubric.stats.WilsonInterval;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.rubric.maven.Fixtures.aborted;
import static dev.rubric.maven.Fixtures.abortedOn;
import static dev.rubric.maven.Fixtures.absolute;
import static dev.rubric.maven.Fixtures.atLeast;
import static dev.rubric.maven.Fixtures.beats;
import static dev.rubric.maven.Fixtures.pairwise;
import static dev.rubric.maven.Fixtures.sampled;
import static dev.rubric.maven.Fixtures.scored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScopeStatsTest {

    private static ScopeStats stats(Scope scope, MergedResults merged) {
        return ScopeStats.of(scope, scope.select(merged.tests()));
    }

    @Test
    void abortedTestsAreLeftOutOfThePassRateAndCountedApart() {
        MergedResults merged = Fixtures.merged(scored("A", "a", "helpfulness", 4, 5), scored("A", "b", "helpfulness", 4, 2),
                aborted("A", "c", "helpfulness", "connection refused"));

        ScopeStats s = stats(Scope.ALL, merged);

        assertThat(s.tests()).isEqualTo(3);
        assertThat(s.aborted()).isEqualTo(1);
        assertThat(s.passRate()).isEqualTo(0.5);
        assertThat(s.meanScore()).isEqualTo(3.5);
    }

    @Test
    void aTestAbortedAtARubricsAssertionIsAbortedInThatRubricOnly() {
        MergedResults merged = Fixtures.merged(scored("A", "a", "harmlessness", 5, 5),
                abortedOn("A", "b", "harmlessness", "connection refused"), scored("A", "c", "helpfulness", 4, 5));

        ScopeStats harmlessness = stats(Scope.rubric("harmlessness"), merged);
        ScopeStats helpfulness = stats(Scope.rubric("helpfulness"), merged);

        assertThat(harmlessness.tests()).isEqualTo(2);
        assertThat(harmlessness.aborted()).isEqualTo(1);
        assertThat(harmlessness.passRate()).isEqualTo(1.0);
        assertThat(helpfulness.tests()).isEqualTo(1);
        assertThat(helpfulness.aborted()).isZero();
    }

    @Test
    void anAssertionWithoutAVerdictIsAbortedForItsRubricEvenInATestThatCarriedOn() {
        // the test caught the abort and passed: its helpfulness verdict counts, its harmlessness check had none
        var t = Fixtures.test("A", "both", Outcome.PASSED,
                List.of(atLeast("helpfulness", 4, 5), Fixtures.noVerdict("harmlessness")),
                List.of(absolute("helpfulness", 5, "good")));
        MergedResults merged = Fixtures.merged(t);

        assertThat(stats(Scope.rubric("helpfulness"), merged).passed()).isEqualTo(1);
        assertThat(stats(Scope.rubric("harmlessness"), merged).aborted()).isEqualTo(1);
        assertThat(stats(Scope.rubric("harmlessness"), merged).decided()).isZero();
    }

    @Test
    void aSampledTestCountsOnceByItsOwnVerdictAndWeighsAsOneTestInTheMean() {
        List<dev.rubric.results.TestResult> tests = new ArrayList<>(sampled("P", "polite", "politeness", 3, 5, 0.8));
        tests.add(scored("P", "direct", "politeness", 4, 5));
        MergedResults merged = Fixtures.merged(tests.toArray(dev.rubric.results.TestResult[]::new));

        ScopeStats s = stats(Scope.ALL, merged);

        // 3 of 5 samples missed the test's own 0.8: it failed, and counts as one failed test, not as 0.6 of a pass
        assertThat(s.passed()).isEqualTo(1);
        assertThat(s.failed()).isEqualTo(1);
        assertThat(s.passRate()).isEqualTo(0.5);
        assertThat(s.interval()).isEqualTo(WilsonInterval.of(1, 2));
        // its samples are counted apart: it ran all 5
        assertThat(s.samples()).isEqualTo(new SampleCounts(1, 1, 0, 5, 3));
        assertThat(s.samples().passRate()).isEqualTo(0.6);
        // mean of the sampled test's mean (3*4 + 2*2)/5 = 3.2 and 5
        assertThat(s.meanScore()).isCloseTo((3.2 + 5) / 2, within(1e-12));
    }

    /**
     * Issue 10's first sequence: 5 samples needing 0.6, pass-pass-pass-fail-fail. The engine stops after 3 with
     * 3 of 3 passed, which read as a pass rate of 1.00 where the full run is 0.60. Now the test counts by its verdict
     * (passed, as the full run's 3 of 5 would too), and its samples, a partial run, count nowhere.
     */
    @Test
    void aStoppedEarlyTestCountsByItsVerdictAndItsPartialSamplesCountNowhere() {
        MergedResults stopped = Fixtures.merged(Fixtures.sampledSequence("S", "settled", "politeness", 0.6, true,
                true, true, true, false, false).toArray(dev.rubric.results.TestResult[]::new));
        MergedResults full = Fixtures.merged(Fixtures.sampledSequence("S", "settled", "politeness", 0.6, false,
                true, true, true, false, false).toArray(dev.rubric.results.TestResult[]::new));

        ScopeStats early = stats(Scope.ALL, stopped);
        ScopeStats whole = stats(Scope.ALL, full);

        assertThat(stopped.tests().get(0).samples().run()).isEqualTo(3);
        assertThat(early.passRate()).isEqualTo(1.0).isEqualTo(whole.passRate());
        assertThat(early.samples()).isEqualTo(new SampleCounts(1, 0, 1, 0, 0));
        assertThat(early.samples().passRate()).isNaN();
        assertThat(whole.samples().passRate()).isEqualTo(0.6);
    }

    /**
     * Issue 10's second sequence: 5 samples needing all 5 (the default minPassRate 1.0), fail-pass-pass-pass-pass.
     * The engine stops after the first failure, which read as a pass rate of 0.00 where the full run is 0.80.
     */
    @Test
    void aTestThatStoppedAtItsFirstFailureIsOneFailedTestNotAZeroRate() {
        MergedResults stopped = Fixtures.merged(Fixtures.sampledSequence("S", "strict", "politeness", 1.0, true,
                false, true, true, true, true).toArray(dev.rubric.results.TestResult[]::new));
        MergedResults full = Fixtures.merged(Fixtures.sampledSequence("S", "strict", "politeness", 1.0, false,
                false, true, true, true, true).toArray(dev.rubric.results.TestResult[]::new));

        assertThat(stopped.tests().get(0).samples().run()).isEqualTo(1);
        assertThat(stats(Scope.ALL, stopped).failed()).isEqualTo(1);
        assertThat(stats(Scope.ALL, stopped).passRate()).isEqualTo(0.0).isEqualTo(stats(Scope.ALL, full).passRate());
        assertThat(stats(Scope.ALL, stopped).samples().samplesRun()).isZero();
        assertThat(stats(Scope.ALL, full).samples().passRate()).isEqualTo(0.8);
    }

    @Test
    void aRubricCountsATestByItsOwnAssertionsOnly() {
        var t = Fixtures.test("A", "both", Outcome.FAILED,
                List.of(atLeast("helpfulness", 4, 5), atLeast("harmlessness", 5, 3)),
                List.of(absolute("helpfulness", 5, "good"), absolute("harmlessness", 3, "a risky tip")));
        MergedResults merged = Fixtures.merged(t);

        assertThat(stats(Scope.rubric("helpfulness"), merged).passRate()).isEqualTo(1.0);
        assertThat(stats(Scope.rubric("harmlessness"), merged).passRate()).isEqualTo(0.0);
        assertThat(stats(Scope.rubric("harmlessness"), merged).meanScore()).isEqualTo(3.0);
        assertThat(stats(Scope.ALL, merged).passRate()).isEqualTo(0.0);
    }

    @Test
    void aRubricIsFoundByItsCriteriaToo() {
        MergedResults merged = Fixtures.merged(scored("A", "a", "helpfulness", 4, 5));

        assertThat(stats(Scope.rubric("Is the response helpfulness?"), merged).tests()).isEqualTo(1);
        assertThat(stats(Scope.rubric("HELPFULNESS"), merged).tests()).isEqualTo(1);
        assertThat(stats(Scope.rubric("relevance"), merged).tests()).isZero();
    }

    @Test
    void classScopesMatchTheSimpleOrTheQualifiedNameAndTagScopesTheTag() {
        MergedResults merged = Fixtures.merged(scored("SupportTest", "a", "helpfulness", 4, 5, "smoke"),
                scored("SupportTest", "b", "helpfulness", 4, 1), scored("OtherTest", "c", "helpfulness", 4, 5, "smoke"));

        assertThat(stats(Scope.testClass("SupportTest"), merged).tests()).isEqualTo(2);
        assertThat(stats(Scope.testClass(Fixtures.PKG + "SupportTest"), merged).passRate()).isEqualTo(0.5);
        assertThat(stats(Scope.tag("smoke"), merged).tests()).isEqualTo(2);
        assertThat(stats(Scope.tag("smoke"), merged).passRate()).isEqualTo(1.0);
    }

    @Test
    void pairwiseTestsHaveAPassRateButNoMeanScore() {
        MergedResults merged = Fixtures.merged(
                Fixtures.test("P", "win", Outcome.PASSED, List.of(beats("helpfulness", AssertionRecord.PairwiseOutcome.WIN)),
                        List.of(pairwise("helpfulness", "A", "A is clearer"))),
                Fixtures.test("P", "flip", Outcome.FAILED,
                        List.of(beats("helpfulness", AssertionRecord.PairwiseOutcome.INCONSISTENT)),
                        List.of(pairwise("helpfulness", "B", "B is clearer"))));

        ScopeStats s = stats(Scope.rubric("helpfulness"), merged);

        assertThat(s.passRate()).isEqualTo(0.5);
        assertThat(s.meanScore()).isNaN();
        assertThat(s.scoredTests()).isZero();
    }

    @Test
    void theIntervalOfAScopeIsTheWilsonIntervalOfItsPasses() {
        ScopeStats s = stats(Scope.ALL, Fixtures.merged(scored("A", "a", "helpfulness", 4, 5),
                scored("A", "b", "helpfulness", 4, 5), scored("A", "c", "helpfulness", 4, 2)));
        assertThat(s.interval()).isEqualTo(WilsonInterval.of(2, 3));
        ScopeStats none = ScopeStats.of(Scope.ALL, List.of());
        assertThat(none.interval().isUninformative()).isTrue();
    }
}
