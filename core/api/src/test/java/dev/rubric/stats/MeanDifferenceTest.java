package dev.rubric.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MeanDifferenceTest {

    @Test
    void theIntervalIsTheMeanPlusOrMinusTTimesTheStandardError() {
        // mean 3, s = sqrt(2.5), se = sqrt(2.5 / 5) = 0.7071; t(0.975, 4) = 2.7764451 (tables: 2.776)
        MeanDifference m = MeanDifference.of(new double[] {1, 2, 3, 4, 5});

        assertThat(m.mean()).isEqualTo(3.0);
        assertThat(m.low()).isCloseTo(3 - 2.7764451051977987 * Math.sqrt(0.5), within(1e-9));
        assertThat(m.high()).isCloseTo(3 + 2.7764451051977987 * Math.sqrt(0.5), within(1e-9));
        assertThat(m.n()).isEqualTo(5);
    }

    @Test
    void tenScoreDropsOfHalfAPoint() {
        // mean -0.3; t(0.975, 9) = 2.2621572 (tables: 2.262)
        double[] d = {-0.5, -1, 0, -0.5, 0, -0.5, 0, 0.5, -0.5, -0.5};
        MeanDifference m = MeanDifference.of(d);

        assertThat(m.mean()).isCloseTo(-0.3, within(1e-12));
        assertThat(m.high() - m.mean()).isCloseTo(2.2621571627409915 * standardError(d), within(1e-9));
        assertThat(m.low()).isLessThan(m.mean()).isGreaterThan(-1);
    }

    @Test
    void withFewerThanTwoPairsThereIsNoInterval() {
        assertThat(MeanDifference.of(new double[] {-1}).hasInterval()).isFalse();
        assertThat(MeanDifference.of(new double[] {-1}).mean()).isEqualTo(-1);
        assertThat(MeanDifference.of(new double[0]).mean()).isNaN();
        MeanDifference same = MeanDifference.of(new double[] {-1, -1, -1});
        assertThat(same.low()).isEqualTo(-1).isEqualTo(same.high());
    }

    private static double standardError(double[] d) {
        double mean = java.util.Arrays.stream(d).average().orElseThrow();
        double squares = java.util.Arrays.stream(d).map(x -> (x - mean) * (x - mean)).sum();
        return Math.sqrt(squares / (d.length - 1)) / Math.sqrt(d.length);
    }
}
