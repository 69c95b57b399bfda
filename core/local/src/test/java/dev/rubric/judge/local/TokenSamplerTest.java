package dev.rubric.judge.local;

import dev.rubric.core.DecodingSettings;
import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TokenSamplerTest {

    private static DecodingSettings settings(double temperature, double topP, double penalty) {
        return new DecodingSettings(16, temperature, topP, penalty, 7L, 1);
    }

    private static BitSet seen(int... ids) {
        BitSet s = new BitSet();
        IntStream.of(ids).forEach(s::set);
        return s;
    }

    @Test
    void repetitionPenaltyDividesPositiveAndMultipliesNegativeLogitsOfSeenTokensOnly() {
        float[] logits = {2f, -2f, 0.5f, 3f, 0f};

        float[] penalised = TokenSampler.penalise(logits, seen(0, 1, 4), 2.0);

        assertThat(penalised).containsExactly(1f, -4f, 0.5f, 3f, 0f);
        assertThat(logits).containsExactly(2f, -2f, 0.5f, 3f, 0f);
    }

    @Test
    void greedyTakesTheFirstHighestLogitAfterThePenalty() {
        float[] logits = {1f, 3f, 3f, 2.9f};

        assertThat(new TokenSampler(DecodingSettings.GREEDY).next(logits, seen(), new SplittableRandom(1)))
                .isEqualTo(1);
        // 3 / 1.2 = 2.5 for both seen tokens: 2.9 wins
        assertThat(new TokenSampler(settings(0, 1, 1.2)).next(logits, seen(1, 2), new SplittableRandom(1)))
                .isEqualTo(3);
    }

    @Test
    void topPDropsTokensWhoseAscendingCumulativeProbabilityIsAtMostOneMinusTopP() {
        double[] p = {0.5, 0.25, 0.125, 0.125};

        assertThat(TokenSampler.topPKeep(p, 0.75)).containsExactly(true, true, false, false);
        assertThat(TokenSampler.topPKeep(p, 0.8)).containsExactly(true, true, true, false);
        assertThat(TokenSampler.topPKeep(p, 0.1)).containsExactly(true, false, false, false);
        assertThat(TokenSampler.topPKeep(p, 1.0)).containsExactly(true, true, true, true);
    }

    @Test
    void temperatureSamplingFollowsTheSoftmaxOfTheScaledLogits() {
        float[] logits = {1f, 2f, 0f};
        double t = 0.5;
        double[] expected = TokenSampler.softmax(new double[]{1 / t, 2 / t, 0 / t});
        TokenSampler sampler = new TokenSampler(settings(t, 1, 1));
        SplittableRandom random = new SplittableRandom(3);
        int draws = 40_000;
        int[] counts = new int[3];
        for (int i = 0; i < draws; i++) {
            counts[sampler.next(logits, seen(), random)]++;
        }
        for (int i = 0; i < 3; i++) {
            assertThat(counts[i] / (double) draws).isCloseTo(expected[i], within(0.01));
        }
    }

    @Test
    void samplingNeverPicksATokenThatTopPDropped() {
        float[] logits = {(float) Math.log(0.5), (float) Math.log(0.25), (float) Math.log(0.125),
                (float) Math.log(0.125)};
        TokenSampler sampler = new TokenSampler(settings(1, 0.7, 1));
        SplittableRandom random = new SplittableRandom(5);
        int[] counts = new int[4];
        for (int i = 0; i < 20_000; i++) {
            counts[sampler.next(logits, seen(), random)]++;
        }
        assertThat(counts[2] + counts[3]).isZero();
        assertThat(counts[0] / 20_000.0).isCloseTo(2 / 3.0, within(0.015));
    }

    @Test
    void theSameSeedDrawsTheSameTokens() {
        float[] logits = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f};
        TokenSampler sampler = new TokenSampler(settings(1, 0.95, 1.03));
        int[] first = draw(sampler, logits, 11);
        int[] again = draw(sampler, logits, 11);
        int[] other = draw(sampler, logits, 12);

        assertThat(again).containsExactly(first);
        assertThat(other).isNotEqualTo(first);
    }

    private static int[] draw(TokenSampler sampler, float[] logits, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return IntStream.range(0, 50).map(i -> sampler.next(logits, seen(i % 5), random)).toArray();
    }

    @Test
    void aConstrainedChoiceOnlyLooksAtTheAllowedTokens() {
        float[] logits = {9f, 1f, 2f, 0.5f};
        int[] allowed = {1, 2, 3};

        assertThat(new TokenSampler(DecodingSettings.GREEDY).chooseAmong(logits, allowed, seen(), null)).isEqualTo(1);
        double[] p = TokenSampler.allowedProbabilities(logits, allowed);
        double z = Math.exp(1) + Math.exp(2) + Math.exp(0.5);
        assertThat(p).containsExactly(new double[]{Math.exp(1) / z, Math.exp(2) / z, Math.exp(0.5) / z},
                within(1e-12));
    }

    @Test
    void nanLogitsAreAnErrorNotAToken() {
        assertThatThrownBy(() -> new TokenSampler(DecodingSettings.GREEDY)
                .next(new float[]{1f, Float.NaN}, seen(), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> TokenSampler.softmax(new double[]{Double.NaN, 1}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("NaN");
    }
}
