package dev.rubric.stats;

import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.ContinuityCorrection;
import org.apache.commons.statistics.inference.PValueMethod;
import org.apache.commons.statistics.inference.WilcoxonSignedRankTest.Result;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WilcoxonSignedRankTestTest {

    /** Darwin's paired plant heights (Fisher's differences), the worked example of scipy.stats.wilcoxon's documentation. */
    static final double[] DARWIN = {6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75};

    @Test
    void fiveRisesOfFiveAreOneInThirtyTwoByHand() {
        // only the all-positive sign assignment of ranks 1..5 reaches T+ = 15: 1/2^5
        Significance up = WilcoxonSignedRankTest.test(new double[] {1, 2, 3, 4, 5});
        Significance down = WilcoxonSignedRankTest.test(new double[] {-1, -2, -3, -4, -5});

        assertThat(up.statistic()).isEqualTo(15);
        assertThat(up.pGreater()).isEqualTo(1.0 / 32);
        assertThat(up.pLess()).isEqualTo(1.0);
        assertThat(up.pTwoSided()).isEqualTo(1.0 / 16);
        assertThat(down.pLess()).isEqualTo(1.0 / 32);
        assertThat(down.exact()).isTrue();
    }

    @Test
    void threeDifferencesByHand() {
        // ranks 1, 2, 3 with signs -, +, -: T+ = 2. The 8 sign assignments give T+ = 0,1,2,3,3,4,5,6: P(T+ <= 2) = 3/8
        Significance s = WilcoxonSignedRankTest.test(new double[] {-0.5, 1, -2});
        assertThat(s.pLess()).isEqualTo(3.0 / 8);
        assertThat(s.pGreater()).isEqualTo(6.0 / 8);
        assertThat(s.pTwoSided()).isEqualTo(6.0 / 8);
    }

    @Test
    void darwinsDataGiveScipysPublishedExactAndApproximateValues() {
        Significance exact = WilcoxonSignedRankTest.test(DARWIN);

        // scipy: wilcoxon(d) -> pvalue 0.041259765625; wilcoxon(d, alternative='greater') -> 0.0206298828125
        assertThat(exact.pTwoSided()).isCloseTo(0.041259765625, within(1e-15));
        assertThat(exact.pGreater()).isCloseTo(0.0206298828125, within(1e-15));
        assertThat(exact.statistic()).isEqualTo(96);
        assertThat(exact.method()).isEqualTo(WilcoxonSignedRankTest.EXACT);
        assertThat(bruteForce(DARWIN)).containsExactly(exact.pLess(), exact.pGreater());
    }

    @Test
    void zerosAreDroppedAndTiesGetMidranksWithAnExactDistributionOverThoseRanks() {
        double[] scores = {-1, -1, -2, 0, 0, -1, 1, -0.5, -1, 0, -3, -1, -0.5};

        Significance s = WilcoxonSignedRankTest.test(scores);

        assertThat(s.n()).isEqualTo(10);
        assertThat(s.exact()).isTrue();
        // every sign assignment of the midranks, enumerated here independently (and by python3 with itertools:
        // T+ = 5.5, P(T+ <= 5.5) = 0.009765625, two-sided 0.01953125)
        assertThat(s.statistic()).isEqualTo(5.5);
        assertThat(s.pLess()).isCloseTo(0.009765625, within(1e-15));
        assertThat(s.pTwoSided()).isCloseTo(0.01953125, within(1e-15));
        assertThat(bruteForce(scores)).containsExactly(s.pLess(), s.pGreater());
        double[] mixed = {1, 1, -2, 2, 3, 0, -1, 0.5, -0.5, 2};
        assertThat(bruteForce(mixed)).containsExactly(WilcoxonSignedRankTest.test(mixed).pLess(),
                WilcoxonSignedRankTest.test(mixed).pGreater());
    }

    @Test
    void withoutTiesTheExactValuesAgreeWithAnIndependentImplementation() {
        double[] d = IntStream.rangeClosed(1, 40).mapToDouble(i -> (i % 3 == 0 ? -1 : 1) * (i + 0.25 * (i % 4)))
                .toArray();
        Result reference = org.apache.commons.statistics.inference.WilcoxonSignedRankTest.withDefaults()
                .with(PValueMethod.EXACT).with(AlternativeHypothesis.LESS_THAN).test(d);

        assertThat(reference.hasTiedValues()).isFalse();
        assertThat(WilcoxonSignedRankTest.test(d).pLess()).isCloseTo(reference.getPValue(), within(1e-12));
    }

    @Test
    void pastFiftyPairsTheNormalApproximationCorrectsForTies() {
        // 70 differences of half points, 63 of them non-zero, tied in groups
        double[] d = IntStream.range(0, 70).mapToDouble(i -> ((i * 7) % 9 - 4) / 2.0).toArray();

        Significance s = WilcoxonSignedRankTest.test(d);

        assertThat(s.exact()).isFalse();
        assertThat(s.method()).isEqualTo(WilcoxonSignedRankTest.APPROXIMATE);
        assertThat(s.n()).isEqualTo(63);
        // python3 (math.erfc), the formula written out: T+ = 1020, z = 0.0827861878628401
        assertThat(s.statistic()).isEqualTo(1020);
        assertThat(s.pLess()).isCloseTo(0.5329892240431585, within(1e-12));
        assertThat(s.pTwoSided()).isCloseTo(0.9340215519136829, within(1e-12));
        // Commons Statistics ranks zeros before dropping them (Pratt's method, scipy's zero_method="pratt"); on the
        // non-zero differences both methods are one, and it agrees
        double[] nonZero = java.util.Arrays.stream(d).filter(x -> x != 0).toArray();
        Result reference = org.apache.commons.statistics.inference.WilcoxonSignedRankTest.withDefaults()
                .with(PValueMethod.ASYMPTOTIC).with(ContinuityCorrection.DISABLED).test(nonZero);
        assertThat(s.pTwoSided()).isCloseTo(reference.getPValue(), within(1e-12));
    }

    @Test
    void theNormalApproximationGivesScipysPublishedValueForDarwinsData() {
        // scipy: wilcoxon(d, method='approx') -> statistic 24 (the smaller rank sum), pvalue 0.04088813291185591
        Significance s = WilcoxonSignedRankTest.approximate(DARWIN);

        assertThat(s.pTwoSided()).isCloseTo(0.04088813291185591, within(1e-12));
        assertThat(s.statistic()).isEqualTo(96); // T+; T- = 120 - 96 = 24
        assertThat(s.exact()).isFalse();
    }

    @Test
    void noChangeAtAllIsNoEvidence() {
        Significance s = WilcoxonSignedRankTest.test(new double[] {0, 0, 1e-12, -1e-12});
        assertThat(s.n()).isZero();
        assertThat(s.pLess()).isEqualTo(1.0);
        assertThat(s.pTwoSided()).isEqualTo(1.0);
    }

    @Test
    void floatingPointNoiseIsNotADifference() {
        double third = 0.1 + 0.2 - 0.3; // 5.5e-17
        Significance s = WilcoxonSignedRankTest.test(new double[] {third, 1, 1.0000000000000002});
        assertThat(s.n()).isEqualTo(2);
        assertThat(s.statistic()).isEqualTo(3); // tied: midranks 1.5 and 1.5
    }

    @Test
    void aMissingDifferenceIsRefused() {
        assertThatThrownBy(() -> WilcoxonSignedRankTest.test(new double[] {1, Double.NaN}))
                .hasMessageContaining("finite number, got NaN");
    }

    /**
     * P(T+ &lt;= t) and P(T+ &gt;= t) by enumerating every sign assignment of the midranks: a separate, slow
     * implementation (zeros dropped, midranks by counting).
     */
    static double[] bruteForce(double[] differences) {
        double[] d = Arrays.stream(differences).filter(x -> x != 0).toArray();
        int n = d.length;
        double[] rank = new double[n];
        for (int i = 0; i < n; i++) {
            int less = 0;
            int equal = 0;
            for (double y : d) {
                less += Math.abs(y) < Math.abs(d[i]) ? 1 : 0;
                equal += Math.abs(y) == Math.abs(d[i]) ? 1 : 0;
            }
            rank[i] = less + (equal + 1) / 2.0;
        }
        double plus = 0;
        for (int i = 0; i < n; i++) {
            plus += d[i] > 0 ? rank[i] : 0;
        }
        long atMost = 0;
        long atLeast = 0;
        for (long signs = 0; signs < (1L << n); signs++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += (signs >> i & 1) == 1 ? rank[i] : 0;
            }
            atMost += s <= plus + 1e-9 ? 1 : 0;
            atLeast += s >= plus - 1e-9 ? 1 : 0;
        }
        return new double[] {(double) atMost / (1L << n), (double) atLeast / (1L << n)};
    }
}
