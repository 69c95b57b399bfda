package dev.rubric.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Agreement rates by counting, and the quadratic weighted kappa against python3 computing it the textbook way, from
 * the 5x5 confusion matrix, the outer product of its marginals and the weights (i - j)²/(k - 1)² (scikit-learn's
 * definition; this implementation sums over records instead).
 */
class ScoreAgreementTest {

    @Test
    void agreementRatesCountRecords() {
        // differences 1, 0, 0, 1, 0, 1, 1, 0, 0, 1: 5 of 10 equal, all within one
        assertThat(ScoreAgreement.exact(CorrelationTest.JUDGE, CorrelationTest.HUMAN)).hasValue(0.5);
        assertThat(ScoreAgreement.withinOne(CorrelationTest.JUDGE, CorrelationTest.HUMAN)).hasValue(1.0);
        assertThat(ScoreAgreement.withinOne(new double[] {1, 5, 3}, new double[] {3, 4, 3})).hasValue(2.0 / 3);
        assertThat(ScoreAgreement.exact(new double[] {2.0000000000000004}, new double[] {2})).hasValue(1.0);
        // constant scores that agree are perfect agreement, not undefined
        assertThat(ScoreAgreement.exact(new double[] {4, 4}, new double[] {4, 4})).hasValue(1.0);
        assertThat(ScoreAgreement.exact(new double[0], new double[0])).isEmpty();
        assertThat(ScoreAgreement.withinOne(new double[0], new double[0])).isEmpty();
    }

    @Test
    void quadraticKappaMatchesTheConfusionMatrixDefinition() {
        assertThat(ScoreAgreement.quadraticKappa(CorrelationTest.JUDGE, CorrelationTest.HUMAN))
                .hasValueCloseTo(0.8251748251748252, within(1e-12));
        double[] x = {3, 3, 3, 4, 4, 5, 5, 5, 5, 2, 1, 1};
        double[] y = {3, 4, 3, 4, 5, 5, 4, 5, 5, 3, 2, 1};
        assertThat(ScoreAgreement.quadraticKappa(x, y)).hasValueCloseTo(0.8872180451127819, within(1e-12));
    }

    @Test
    void quadraticKappaByHand() {
        // x = 1, 2, 3; y = 1, 3, 3: observed sum (x - y)² = 1; sum x² + sum y² - 2 sum x sum y / n = 14 + 19 - 2·6·7/3
        // = 5; kappa = 1 - 1/5 = 0.8
        assertThat(ScoreAgreement.quadraticKappa(new double[] {1, 2, 3}, new double[] {1, 3, 3}))
                .hasValueCloseTo(0.8, within(1e-15));
        // perfect agreement is 1; perfectly reversed 1..5 against 5..1 is -1
        assertThat(ScoreAgreement.quadraticKappa(new double[] {1, 2, 3, 4, 5}, new double[] {5, 4, 3, 2, 1}))
                .hasValueCloseTo(-1.0, within(1e-15));
    }

    @Test
    void aConstantSideIsChanceAndOneSharedScoreIsUndefined() {
        // one side always 4: the observed disagreement is what the marginals predict, kappa 0 (python3: 0.0)
        assertThat(ScoreAgreement.quadraticKappa(new double[] {4, 4, 4, 4, 4}, new double[] {1, 2, 3, 4, 5}))
                .hasValueCloseTo(0.0, within(1e-15));
        assertThat(ScoreAgreement.quadraticKappa(new double[] {4, 4}, new double[] {4, 4})).isEmpty();
        assertThat(ScoreAgreement.quadraticKappa(new double[0], new double[0])).isEmpty();
    }
}
