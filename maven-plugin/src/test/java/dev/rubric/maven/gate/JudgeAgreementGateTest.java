package dev.rubric.maven.gate;

import dev.rubric.maven.scope.Scope;

import dev.rubric.maven.Fixtures;
import dev.rubric.maven.calibrate.CalibrationResults;
import dev.rubric.maven.calibrate.CalibrationResults.AbsoluteCalibration;
import dev.rubric.maven.calibrate.CalibrationResults.RubricCalibration;
import dev.rubric.maven.calibrate.CalibrationResults.Statistic;
import dev.rubric.maven.merge.MergedResults;
import dev.rubric.maven.text.ViolationText;
import dev.rubric.results.JudgeRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.rubric.maven.Fixtures.scored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JudgeAgreementGateTest {

    static final MergedResults SUITE = Fixtures.merged(
            scored("SupportBotTest", "explainsRefunds", "helpfulness", 4, 5),
            scored("SupportBotTest", "staysOnTopic", "relevance", 3, 4));

    static CalibrationResults calibration(JudgeRecord judge, Statistic kappa) {
        AbsoluteCalibration helpfulness = new AbsoluteCalibration(12, 0, Map.of("quadraticKappa", kappa,
                "spearman", new Statistic(0.8, 0.7, 0.9, 12, null, null)), new int[5][5], null, List.of());
        return new CalibrationResults(1, Instant.EPOCH, "sets", judge, List.of(
                new RubricCalibration("helpfulness", "Is the response helpfulness?", helpfulness, null)));
    }

    static GateSettings minimum(Double min, String statistic) {
        return new GateSettings(null, null, 0, null, false, List.of(), null, false, GateSettings.DEFAULT_ALPHA, min,
                statistic);
    }

    @Test
    void aLowerBoundBelowTheMinimumAndARubricWithoutCalibrationBreakTheGate() {
        CalibrationResults c = calibration(Fixtures.JUDGE, new Statistic(0.72, 0.41, 0.88, 12, null, null));

        Gate.Result r = Gate.evaluate(SUITE, null, minimum(0.6, null), c);

        assertThat(r.violations()).extracting(ViolationText::headline).containsExactly(
                "rubric 'helpfulness': the judge's agreement with people (quadratic weighted kappa) is 0.72 (95% 0.41"
                        + " to 0.88) over 12 records: its lower bound 0.41 is below the minimum 0.60",
                "rubric 'relevance': the judge's agreement with people (quadratic weighted kappa) is not measured:"
                        + " the calibration sets have no record for it; it must reach 0.60: add human-labelled records"
                        + " for it to the calibration sets (docs/calibration.md) and run mvn rubric:calibrate");
        assertThat(r.checks()).isEqualTo(3);
    }

    @Test
    void aRuleOnOneRubricWithAnotherStatisticHoldsWhenItsLowerBoundReachesIt() {
        Rule rule = Rule.of(Scope.rubric("helpfulness"), null, null, null, null).withMinJudgeAgreement(0.7, "spearman");
        Gate.Result r = Gate.evaluate(SUITE, null, new GateSettings(null, null, 0, null, false, List.of(rule)),
                calibration(Fixtures.JUDGE, new Statistic(0.72, 0.41, 0.88, 12, null, null)));

        assertThat(r.passed()).isTrue();
    }

    @Test
    void undefinedAnotherJudgesOrNoCalibrationIsNotEnough() {
        Rule rule = Rule.of(Scope.rubric("helpfulness"), null, null, null, null).withMinJudgeAgreement(0.5, null);
        GateSettings settings = new GateSettings(null, null, 0, null, false, List.of(rule));
        Statistic undefined = new Statistic(null, null, null, 12, "the judge gave 4 to every record and the people"
                + " gave 4 to every record: no disagreement was possible by chance", null);

        assertThat(ViolationText.headline(Gate.evaluate(SUITE, null, settings, calibration(Fixtures.JUDGE, undefined))
                .violations().get(0))).isEqualTo("rubric 'helpfulness': the judge's agreement with people (quadratic"
                + " weighted kappa) cannot be held to 0.50: it is undefined (the judge gave 4 to every record and the"
                + " people gave 4 to every record: no disagreement was possible by chance) over 12 records: add"
                + " human-labelled records for it to the calibration sets (docs/calibration.md) and run mvn"
                + " rubric:calibrate");
        JudgeRecord other = new JudgeRecord("0000", "openai:other@1", "openai", "other", "1", "v1", null, Map.of());
        assertThat(ViolationText.headline(Gate.evaluate(SUITE, null, settings, calibration(other,
                new Statistic(0.9, 0.8, 0.95, 12, null, null))).violations().get(0)))
                .contains("is not measured: it was measured with another judge, openai:other@1");
        assertThat(ViolationText.headline(Gate.evaluate(SUITE, null, settings, null).violations().get(0)))
                .contains("is not measured: no calibration results");
    }

    @Test
    void aBadLimitOrStatisticOrScopeIsRefused() {
        assertThatThrownBy(() -> Gate.evaluate(SUITE, null, minimum(1.5, null), null))
                .hasMessageContaining("minJudgeAgreement must lie in [-1, 1]");
        assertThatThrownBy(() -> Gate.evaluate(SUITE, null, minimum(0.5, "cohen"), null))
                .hasMessageContaining("judgeAgreementStatistic 'cohen' is not one of pearson, spearman, kendallTauB,"
                        + " exactAgreement, withinOneAgreement, quadraticKappa, pairwiseAccuracy");
        Rule onClass = Rule.of(Scope.testClass(Fixtures.PKG + "SupportBotTest"), null, null, null, null)
                .withMinJudgeAgreement(0.5, null);
        assertThatThrownBy(() -> Gate.evaluate(SUITE, null, new GateSettings(null, null, 0, null, false,
                List.of(onClass)), null)).hasMessageContaining("minJudgeAgreement holds a rubric's judge to people's"
                + " labels: put it on a <rule> with a <rubric>");
    }
}
