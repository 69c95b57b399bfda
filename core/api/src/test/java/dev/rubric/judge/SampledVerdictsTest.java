package dev.rubric.judge;

import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.DecodingSettings;
import dev.rubric.core.JudgeFingerprint;
import dev.rubric.core.PairwiseVerdict;
import dev.rubric.core.Winner;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SampledVerdictsTest {

    private static final JudgeFingerprint FP = new JudgeFingerprint("fake", "m", "r", "prometheus-2/v1",
            DecodingSettings.PAPER);

    private static AbsoluteVerdict absolute(int score, String feedback, List<Double> p, boolean forced, long ms) {
        return AbsoluteVerdict.of(score, feedback, p, forced, FP, Duration.ofMillis(ms));
    }

    private static PairwiseVerdict pairwise(Winner w, String feedback, Double pA, boolean forced, long ms) {
        return new PairwiseVerdict(w, feedback, pA, forced, FP, Duration.ofMillis(ms), false);
    }

    @Test
    void oneSampleIsReturnedAsItIs() {
        AbsoluteVerdict only = absolute(4, "f", null, false, 10);
        assertThat(SampledVerdicts.combineAbsolute(List.of(only))).isSameAs(only);
        PairwiseVerdict onlyPair = pairwise(Winner.B, "f", null, false, 10);
        assertThat(SampledVerdicts.combinePairwise(List.of(onlyPair))).isSameAs(onlyPair);
    }

    @Test
    void theScoreIsTheMedianWithEverySampleKeptForMeanAndSpread() {
        AbsoluteVerdict v = SampledVerdicts.combineAbsolute(List.of(
                absolute(2, "two", null, false, 100),
                absolute(5, "five", null, false, 300),
                absolute(3, "three", null, false, 200)));

        assertThat(v.score()).isEqualTo(3);
        assertThat(v.feedback()).isEqualTo("three");
        assertThat(v.sampleScores()).containsExactly(2, 5, 3);
        assertThat(v.meanSampledScore()).isCloseTo(10.0 / 3, within(1e-12));
        assertThat(v.sampledScoreSpread()).isCloseTo(Math.sqrt(((2 - 10.0 / 3) * (2 - 10.0 / 3)
                + (5 - 10.0 / 3) * (5 - 10.0 / 3) + (3 - 10.0 / 3) * (3 - 10.0 / 3)) / 3), within(1e-12));
        assertThat(v.latency()).isEqualTo(Duration.ofMillis(300));
        assertThat(v.forced()).isFalse();
        assertThat(v.cached()).isFalse();
        assertThat(v.fingerprint()).isEqualTo(FP);
    }

    @Test
    void withAnEvenNumberOfSamplesTheLowerMedianCounts() {
        assertThat(SampledVerdicts.combineAbsolute(List.of(absolute(4, "a", null, false, 1),
                absolute(2, "b", null, false, 1))).score()).isEqualTo(2);
        assertThat(SampledVerdicts.combineAbsolute(List.of(absolute(5, "a", null, false, 1),
                absolute(1, "b", null, false, 1), absolute(4, "c", null, false, 1),
                absolute(2, "d", null, false, 1))).score()).isEqualTo(2);
    }

    @Test
    void theFeedbackIsTheFirstSampleWithTheMedianScore() {
        AbsoluteVerdict v = SampledVerdicts.combineAbsolute(List.of(absolute(4, "first four", null, false, 1),
                absolute(1, "one", null, false, 1), absolute(4, "second four", null, false, 1)));
        assertThat(v.feedback()).isEqualTo("first four");
    }

    @Test
    void probabilitiesAreAveragedOnlyWhenEverySampleHasThem() {
        List<Double> p1 = List.of(0.0, 0.0, 0.2, 0.8, 0.0);
        List<Double> p2 = List.of(0.0, 0.0, 0.0, 0.4, 0.6);
        AbsoluteVerdict both = SampledVerdicts.combineAbsolute(List.of(absolute(4, "a", p1, false, 1),
                absolute(5, "b", p2, false, 1)));
        assertThat(both.probabilities()).usingElementComparator((x, y) -> Math.abs(x - y) < 1e-12 ? 0 : 1)
                .containsExactly(0.0, 0.0, 0.1, 0.6, 0.3);
        assertThat(both.expectedScore()).hasValueSatisfying(e -> assertThat(e).isCloseTo(4.2, within(1e-12)));

        AbsoluteVerdict oneMissing = SampledVerdicts.combineAbsolute(List.of(absolute(4, "a", p1, false, 1),
                absolute(5, "b", null, false, 1)));
        assertThat(oneMissing.probabilities()).isNull();
        assertThat(oneMissing.expectedScore()).isEmpty();
    }

    @Test
    void theMassOfCombinedProbabilitiesIsTheLeastOfTheSamples() {
        List<Double> p = List.of(0.0, 0.0, 0.2, 0.8, 0.0);
        AbsoluteVerdict v = SampledVerdicts.combineAbsolute(List.of(
                AbsoluteVerdict.of(4, "a", p, 0.97, false, FP, Duration.ZERO),
                AbsoluteVerdict.of(4, "b", p, 0.81, false, FP, Duration.ZERO),
                AbsoluteVerdict.of(4, "c", p, 0.99, false, FP, Duration.ZERO)));
        assertThat(v.probabilityMass()).isEqualTo(0.81);
        PairwiseVerdict w = SampledVerdicts.combinePairwise(List.of(
                new PairwiseVerdict(Winner.A, "a", 0.7, 0.9, false, FP, Duration.ZERO, false),
                new PairwiseVerdict(Winner.A, "b", 0.6, 0.95, false, FP, Duration.ZERO, false)));
        assertThat(w.probabilityMass()).isEqualTo(0.9);
        assertThat(SampledVerdicts.combinePairwise(List.of(pairwise(Winner.A, "a", 0.7, false, 1),
                pairwise(Winner.A, "b", null, false, 1))).probabilityMass()).isNull();
    }

    @Test
    void anyForcedSampleMakesTheVerdictForced() {
        assertThat(SampledVerdicts.combineAbsolute(List.of(absolute(3, "a", null, false, 1),
                absolute(3, "b", null, true, 1))).forced()).isTrue();
        assertThat(SampledVerdicts.combinePairwise(List.of(pairwise(Winner.A, "a", null, true, 1),
                pairwise(Winner.A, "b", null, false, 1))).forced()).isTrue();
    }

    @Test
    void theWinnerIsTheMajorityWithTheMeanProbability() {
        PairwiseVerdict v = SampledVerdicts.combinePairwise(List.of(
                pairwise(Winner.A, "a wins", 0.6, false, 50),
                pairwise(Winner.B, "b wins", 0.3, false, 70),
                pairwise(Winner.B, "b again", 0.3, false, 60)));
        assertThat(v.winner()).isEqualTo(Winner.B);
        assertThat(v.feedback()).isEqualTo("b wins");
        assertThat(v.probabilityA()).isCloseTo(0.4, within(1e-12));
        assertThat(v.latency()).isEqualTo(Duration.ofMillis(70));
    }

    @Test
    void aPairwiseTieGoesToTheFirstSample() {
        PairwiseVerdict v = SampledVerdicts.combinePairwise(List.of(pairwise(Winner.B, "b", 0.2, false, 1),
                pairwise(Winner.A, "a", null, false, 1)));
        assertThat(v.winner()).isEqualTo(Winner.B);
        assertThat(v.probabilityA()).as("one sample has no probability").isNull();
    }

    @Test
    void noSamplesIsAnError() {
        assertThatThrownBy(() -> SampledVerdicts.combineAbsolute(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no judge samples");
        assertThatThrownBy(() -> SampledVerdicts.combinePairwise(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no judge samples");
    }
}
