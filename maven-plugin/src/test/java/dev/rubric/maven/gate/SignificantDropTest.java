package dev.rubric.maven.gate;

import dev.rubric.maven.Fixtures;
import dev.rubric.maven.GateLog;
import dev.rubric.maven.baseline.BaselineComparison;
import dev.rubric.maven.baseline.BaselineFiles;
import dev.rubric.maven.baseline.PairedComparison;
import dev.rubric.maven.merge.MergedResults;
import dev.rubric.maven.text.ComparisonText;
import dev.rubric.maven.text.ViolationText;
import dev.rubric.results.TestResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.rubric.maven.Fixtures.scored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The comparison with the baseline as paired tests, and the gate's failOnSignificantDrop. */
class SignificantDropTest {

    private static GateSettings significance(boolean failOnSignificantDrop, Rule... rules) {
        return new GateSettings(null, null, 0, null, false, List.of(rules), null, failOnSignificantDrop,
                GateSettings.DEFAULT_ALPHA);
    }

    /** {@code same} tests that pass with 5 in both runs, then the given movers (before, after scores; 4 to pass). */
    private static MergedResults suite(int same, int[][] scores, boolean after) {
        List<TestResult> tests = new ArrayList<>();
        for (int i = 0; i < same; i++) {
            tests.add(scored("StableTest", "s" + i, "helpfulness", 4, 5));
        }
        for (int i = 0; i < scores.length; i++) {
            tests.add(scored("MovingTest", "m" + i, "helpfulness", 4, scores[i][after ? 1 : 0]));
        }
        return Fixtures.merged(tests.toArray(TestResult[]::new));
    }

    private static Gate.Result gate(int same, int[][] scores, GateSettings settings) {
        BaselineComparison baseline = new BaselineComparison(BaselineFiles.of(suite(same, scores, false)));
        return Gate.evaluate(suite(same, scores, true), baseline, settings);
    }

    @Test
    void threeWorseAndOneBetterIsWithinNoise() {
        // 35 pass with 5 both times, one fails with 2 both times, three go 5 -> 2, one goes 2 -> 5
        int[][] movers = {{2, 2}, {5, 2}, {5, 2}, {5, 2}, {2, 5}};
        Gate.Result r = gate(35, movers, significance(true));

        PairedComparison c = r.total().comparison();
        assertThat(c.worse()).hasSize(3);
        assertThat(c.better()).hasSize(1);
        assertThat(c.decidedInBoth()).isEqualTo(40);
        // McNemar: P(X >= 3 | n = 4, 1/2) = 5/16; Wilcoxon: differences -3, -3, -3, +3 (tied, midrank 2.5 each),
        // P(T+ <= 2.5) = 5/16 too; the smaller, times the 2 tests, is the chance of a drop: 10/16
        assertThat(c.outcomeTest().pLess()).isEqualTo(5.0 / 16);
        assertThat(c.scoreTest().pLess()).isEqualTo(5.0 / 16);
        assertThat(c.chanceOfDrop()).isEqualTo(10.0 / 16);
        // mean -0.15, s = sqrt(0.9), t(0.975, 39) = 2.0226909
        assertThat(c.meanChange().mean()).isCloseTo(-0.15, within(1e-12));
        assertThat(c.meanChange().high()).isCloseTo(-0.15 + 2.0226909 * Math.sqrt(0.9 / 40), within(1e-6));
        assertThat(r.passed()).isTrue();
        assertThat(ComparisonText.sentence(c, r.alpha())).isEqualTo("3 tests got worse (passed, now fail) and 1"
                + " better, 36 unchanged; mean score 4.85 -> 4.70 (-0.15, 95% interval -0.45 to +0.15) over 40 tests"
                + " scored in both: 3 lower, 1 higher, 36 the same. A drop this large happens by chance in 63% of"
                + " runs: within noise (alpha 0.05).");
        assertThat(GateLog.comparisons(r)).singleElement().asString()
                .startsWith("Rubric: against the baseline, all tests: 3 tests got worse");
    }

    @Test
    void eightTestsThatAllWentFromPassedToFailedAreBeyondNoise() {
        int[][] movers = new int[8][];
        java.util.Arrays.fill(movers, new int[] {5, 2});

        Gate.Result off = gate(20, movers, significance(false));
        Gate.Result on = gate(20, movers, significance(true));

        // 1/256 each; doubled: 2/256 = 0.78%
        assertThat(on.total().comparison().chanceOfDrop()).isCloseTo(2.0 / 256, within(1e-15));
        assertThat(off.passed()).isTrue();
        assertThat(off.total().comparison().significantDrop(off.alpha())).isTrue();
        assertThat(on.violations()).singleElement().satisfies(v -> {
            assertThat(v).isInstanceOf(Violation.SignificantDrop.class);
            assertThat(ViolationText.headline(v)).isEqualTo("all tests: dropped beyond noise against the baseline: 8"
                    + " tests got worse (passed, now fail) and 0 better, 20 unchanged; mean score 5.00 -> 4.14 (-0.86,"
                    + " 95% interval -1.39 to -0.32) over 28 tests scored in both: 8 lower, 0 higher, 20 the same. A"
                    + " drop this large happens by chance in 0.78% of runs: beyond noise (alpha 0.05)");
            assertThat(v.offenders()).hasSize(8).allSatisfy(o -> assertThat(ViolationText.lines(o).get(0))
                    .startsWith("MovingTest.m").contains("helpfulness scored 2 (scoresAtLeast 4)"));
        });
        assertThat(on.total().status()).isEqualTo(Gate.Status.BROKEN);
    }

    @Test
    void scoresThatFallWithoutAnyTestFailingAreADropToo() {
        int[][] movers = new int[10][];
        java.util.Arrays.fill(movers, new int[] {5, 4});

        Gate.Result r = gate(5, movers, significance(true));

        PairedComparison c = r.total().comparison();
        assertThat(c.worse()).isEmpty();
        assertThat(c.outcomeTest().n()).isZero();
        assertThat(c.scoreTest().pLess()).isEqualTo(1.0 / 1024);
        assertThat(r.violations()).singleElement().satisfies(v -> {
            assertThat(ViolationText.what(v)).contains("0 tests got worse (passed, now fail) and 0 better, 15"
                    + " unchanged; mean score 5.00 -> 4.33", "10 lower, 0 higher, 5 the same", "0.20% of runs");
            assertThat(ViolationText.lines(v.offenders().get(0)).get(0)).startsWith("MovingTest.m0: 5.00 -> 4.00");
        });
    }

    @Test
    void aRuleHoldsOneRubricToIt() {
        BaselineComparison baseline = new BaselineComparison(BaselineFiles.of(Fixtures.merged(tests(5, 5))));
        MergedResults now = Fixtures.merged(tests(5, 2));
        Rule tone = Rule.of(Scope.rubric("tone"), null, null, null, null).withFailOnSignificantDrop(true);
        Rule helpfulness = Rule.of(Scope.rubric("helpfulness"), null, null, null, null)
                .withFailOnSignificantDrop(true);

        assertThat(Gate.evaluate(now, baseline, significance(false, helpfulness)).passed()).isTrue();
        assertThat(Gate.evaluate(now, baseline, significance(false, tone)).violations()).singleElement()
                .satisfies(v -> assertThat(v.scope()).isEqualTo(Scope.rubric("tone")));
        assertThat(Gate.evaluate(now, baseline, significance(false, tone)).rubrics())
                .extracting(row -> row.comparison().worse().size()).containsExactly(0, 8);
    }

    @Test
    void noBaselineNoComparisonAndANewTestIsNotPaired() {
        Gate.Result none = Gate.evaluate(Fixtures.merged(scored("A", "a", "helpfulness", 4, 5)), null,
                significance(true));
        assertThat(none.total().comparison()).isNull();
        assertThat(GateLog.comparisons(none)).isEmpty();
        assertThat(none.checks()).isEqualTo(1); // maxAborted 0; the drop needs a baseline to be checked

        BaselineComparison baseline = new BaselineComparison(BaselineFiles.of(Fixtures.merged(
                scored("A", "a", "helpfulness", 4, 5))));
        Gate.Result added = Gate.evaluate(Fixtures.merged(scored("A", "a", "helpfulness", 4, 5),
                scored("A", "brandNew", "helpfulness", 4, 1)), baseline, significance(true));
        assertThat(added.total().comparison().decidedInBoth()).isEqualTo(1);
        assertThat(ComparisonText.verdict(added.total().comparison(), 0.05)).isEqualTo("Nothing went down");
        assertThat(added.passed()).isTrue();
    }

    /** 8 tests on helpfulness (5 each) and 8 on tone with the given score, 4 to pass. */
    private static TestResult[] tests(int helpfulness, int tone) {
        List<TestResult> t = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            t.add(scored("HelpTest", "h" + i, "helpfulness", 4, helpfulness));
            t.add(scored("ToneTest", "t" + i, "tone", 4, tone));
        }
        return t.toArray(TestResult[]::new);
    }
}
