package dev.rubric.stats;

import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.BinomialTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class McNemarTestTest {

    @Test
    void oneDownAndSevenUpIsHandDerived() {
        // P(X <= 1 | n = 8, 1/2) = (C(8,0) + C(8,1)) / 2^8 = 9/256; two-sided: 18/256 (Fagerland et al.'s example,
        // whose exact conditional McNemar p-value is 0.070)
        Significance s = McNemarTest.exact(1, 7);

        assertThat(s.pGreater()).isCloseTo(9.0 / 256, within(1e-15));
        assertThat(s.pLess()).isCloseTo(1 - 1.0 / 256, within(1e-15));
        assertThat(s.pTwoSided()).isCloseTo(18.0 / 256, within(1e-15));
        assertThat(s.statistic()).isEqualTo(1);
        assertThat(s.n()).isEqualTo(8);
        assertThat(s.exact()).isTrue();
    }

    @Test
    void threeDownAndNoneUpIsOneInEight() {
        Significance s = McNemarTest.exact(3, 0);

        assertThat(s.pLess()).isEqualTo(0.125);
        assertThat(s.pTwoSided()).isEqualTo(0.25);
        assertThat(s.pGreater()).isEqualTo(1.0);
    }

    @Test
    void evenMovesAreAsLikelyAsNotAndTheTwoSidedValueStopsAtOne() {
        Significance s = McNemarTest.exact(2, 2);
        // P(X >= 2 | n = 4) = 11/16
        assertThat(s.pLess()).isCloseTo(11.0 / 16, within(1e-15));
        assertThat(s.pTwoSided()).isEqualTo(1.0);
        assertThat(McNemarTest.exact(0, 0)).satisfies(none -> {
            assertThat(none.pLess()).isEqualTo(1.0);
            assertThat(none.pTwoSided()).isEqualTo(1.0);
            assertThat(none.n()).isZero();
        });
    }

    @Test
    void agreesWithAnIndependentBinomialTestForLargeCounts() {
        for (int[] c : new int[][] {{40, 25}, {120, 80}, {3, 17}, {500, 470}}) {
            Significance s = McNemarTest.exact(c[0], c[1]);
            int n = c[0] + c[1];
            assertThat(s.pLess()).isCloseTo(BinomialTest.withDefaults().with(AlternativeHypothesis.GREATER_THAN)
                    .test(n, c[0], 0.5).getPValue(), within(1e-12));
            assertThat(s.pGreater()).isCloseTo(BinomialTest.withDefaults().with(AlternativeHypothesis.LESS_THAN)
                    .test(n, c[0], 0.5).getPValue(), within(1e-12));
            assertThat(s.pTwoSided()).isCloseTo(BinomialTest.withDefaults().test(n, c[0], 0.5).getPValue(),
                    within(1e-12));
        }
    }

    @Test
    void negativeCountsAreRefused() {
        assertThatThrownBy(() -> McNemarTest.exact(-1, 2)).hasMessageContaining("got -1 down and 2 up");
    }
}
