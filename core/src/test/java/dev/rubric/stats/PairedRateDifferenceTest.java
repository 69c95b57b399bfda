package dev.rubric.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Newcombe's method 10 against values computed independently with python3 (its own Wilson interval and the formula
 * written out from Newcombe 1998).
 */
class PairedRateDifferenceTest {

    @Test
    void fagerlandsAirwayExample() {
        // a=1, b=1, c=7, d=12 (Fagerland, Lydersen and Laake's example of paired proportions): 2/21 -> 8/21
        PairedRateDifference r = PairedRateDifference.of(1, 1, 7, 12);

        assertThat(r.before()).isCloseTo(2.0 / 21, within(1e-15));
        assertThat(r.after()).isCloseTo(8.0 / 21, within(1e-15));
        assertThat(r.change()).isCloseTo(0.2857142857142857, within(1e-15));
        assertThat(r.low()).isCloseTo(0.03605255348883654, within(1e-12));
        assertThat(r.high()).isCloseTo(0.5016625403015134, within(1e-12));
    }

    @Test
    void aSmallDropOfAHighPassRate() {
        PairedRateDifference r = PairedRateDifference.of(36, 3, 1, 0);

        assertThat(r.change()).isCloseTo(-0.05, within(1e-12));
        assertThat(r.low()).isCloseTo(-0.17626420367915926, within(1e-12));
        assertThat(r.high()).isCloseTo(0.06687520501413526, within(1e-12));
        PairedRateDifference s = PairedRateDifference.of(20, 5, 1, 4);
        assertThat(s.low()).isCloseTo(-0.2894842678762344, within(1e-12));
        assertThat(s.high()).isCloseTo(0.022697543125189346, within(1e-12));
    }

    @Test
    void nothingChangedGivesAnIntervalAroundZeroAndEverythingFailingStaysInRange() {
        PairedRateDifference same = PairedRateDifference.of(10, 0, 0, 5);
        assertThat(same.change()).isEqualTo(0.0);
        assertThat(same.low()).isCloseTo(-0.06796110034528285, within(1e-12));
        assertThat(same.high()).isCloseTo(0.06796110034528285, within(1e-12));

        PairedRateDifference all = PairedRateDifference.of(0, 3, 0, 0);
        assertThat(all.change()).isEqualTo(-1.0);
        assertThat(all.low()).isEqualTo(-1.0);
        assertThat(all.high()).isCloseTo(-0.20592328245977842, within(1e-12));
    }

    @Test
    void noPairsIsNoEstimateAndTheWholeRange() {
        PairedRateDifference none = PairedRateDifference.of(0, 0, 0, 0);
        assertThat(none.change()).isNaN();
        assertThat(none.low()).isEqualTo(-1);
        assertThat(none.high()).isEqualTo(1);
    }
}
