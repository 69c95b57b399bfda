package dev.rubric.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Pearson, Spearman and Kendall's tau-b against scipy 1.17.1 (computed with python3 here: {@code stats.pearsonr},
 * {@code stats.spearmanr}, {@code stats.kendalltau}), on scores full of ties as judges and people give them.
 */
class CorrelationTest {

    static final double[] JUDGE = {1, 2, 3, 4, 5, 2, 3, 3, 4, 5};
    static final double[] HUMAN = {2, 2, 3, 3, 5, 1, 4, 3, 4, 4};

    @Test
    void tiedScoresGiveScipysValues() {
        assertThat(Correlation.pearson(JUDGE, HUMAN)).hasValueCloseTo(0.8318113710610335, within(1e-12));
        assertThat(Correlation.spearman(JUDGE, HUMAN)).hasValueCloseTo(0.8567052763593976, within(1e-12));
        assertThat(Correlation.kendallTauB(JUDGE, HUMAN)).hasValueCloseTo(0.7533102835258901, within(1e-12));

        double[] x = {3, 3, 3, 4, 4, 5, 5, 5, 5, 2, 1, 1};
        double[] y = {3, 4, 3, 4, 5, 5, 4, 5, 5, 3, 2, 1};
        assertThat(Correlation.pearson(x, y)).hasValueCloseTo(0.9119108849093998, within(1e-12));
        assertThat(Correlation.spearman(x, y)).hasValueCloseTo(0.8921994734909411, within(1e-12));
        assertThat(Correlation.kendallTauB(x, y)).hasValueCloseTo(0.8257228238447705, within(1e-12));
    }

    @Test
    void meansOfSeveralSamplesAndRatersAreScoresToo() {
        double[] x = {1.5, 2.0, 3.25, 3.25, 4.0};
        double[] y = {2, 1, 3, 5, 4};
        assertThat(Correlation.pearson(x, y)).hasValueCloseTo(0.7738232325341368, within(1e-12));
        assertThat(Correlation.spearman(x, y)).hasValueCloseTo(0.7181848464596079, within(1e-12));
        assertThat(Correlation.kendallTauB(x, y)).hasValueCloseTo(0.5270462766947299, within(1e-12));
    }

    @Test
    void kendallTauBByHand() {
        // x = 1, 2, 2; y = 1, 2, 3. Pairs: (1,2) concordant, (1,3) concordant, (2,3) tied in x: C - D = 2.
        // n0 = 3, n1 = 1 (one tied pair in x), n2 = 0: tau_b = 2 / sqrt(2 * 3) = 0.8164965809277261
        assertThat(Correlation.kendallTauB(new double[] {1, 2, 2}, new double[] {1, 2, 3}))
                .hasValueCloseTo(2 / Math.sqrt(6), within(1e-15));
        // reversed order is -1, perfect order 1
        assertThat(Correlation.kendallTauB(new double[] {1, 2, 3}, new double[] {3, 2, 1})).hasValue(-1.0);
        assertThat(Correlation.spearman(new double[] {1, 2, 3}, new double[] {10, 20, 30})).hasValue(1.0);
    }

    @Test
    void spearmanIsPearsonOfAverageRanks() {
        // ranks of 5, 1, 5, 3: 1 -> 1, 3 -> 2, the two 5s share (3 + 4) / 2 = 3.5
        assertThat(Ranks.average(new double[] {5, 1, 5, 3})).containsExactly(3.5, 1, 3.5, 2);
    }

    @Test
    void constantScoresAndFewerThanTwoRecordsAreUndefined() {
        double[] constant = {4, 4, 4, 4};
        double[] varied = {1, 2, 3, 4};
        assertThat(Correlation.pearson(constant, varied)).isEmpty();
        assertThat(Correlation.spearman(varied, constant)).isEmpty();
        assertThat(Correlation.kendallTauB(constant, varied)).isEmpty();
        assertThat(Correlation.kendallTauB(constant, constant)).isEmpty();
        assertThat(Correlation.pearson(new double[] {3}, new double[] {4})).isEmpty();
        assertThat(Correlation.spearman(new double[0], new double[0])).isEmpty();
        assertThat(Correlation.kendallTauB(new double[] {3}, new double[] {4})).isEmpty();
        // two records that vary on both sides are defined (and perfectly correlated or anticorrelated)
        assertThat(Correlation.pearson(new double[] {1, 2}, new double[] {5, 3})).hasValue(-1.0);
    }

    @Test
    void unpairedOrMissingScoresAreRefused() {
        assertThatThrownBy(() -> Correlation.pearson(new double[] {1, 2}, new double[] {1}))
                .hasMessageContaining("one value on each side per record, got 2 and 1");
        assertThatThrownBy(() -> Correlation.kendallTauB(new double[] {1, Double.NaN}, new double[] {1, 2}))
                .hasMessageContaining("finite number, got NaN");
    }
}
