package dev.rubric.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Newcombe's method 10 against a published worked example and values computed independently with python3 (its own
 * Wilson interval and the formula written out from Newcombe 1998).
 */
class PairedRateDifferenceTest {

    @Test
    void thePublishedCompleteResponseExample() {
        // Fagerland, Lydersen and Laake, Statistical Analysis of Contingency Tables, ch. 8 (Cavo et al. 2012: 59, 6,
        // 16, 80): the Newcombe square-and-add interval of pi1+ - pi+1 is -0.0621 (-0.1186 to -0.0046); here the
        // change is after - before, the other way round
        PairedRateDifference r = PairedRateDifference.of(59, 6, 16, 80);

        assertThat(r.change()).isCloseTo(0.0621, within(5e-5));
        assertThat(r.low()).isCloseTo(0.0046, within(5e-5));
        assertThat(r.high()).isCloseTo(0.1186, within(5e-5));
    }

    @Test
    void theAirwayExample() {
        // a=1, b=1, c=7, d=12 (Bentur et al. 2009, Fagerland et al.'s other example): 2/21 -> 8/21
        PairedRateDifference r = PairedRateDifference.of(1, 1, 7, 12);

        assertThat(r.before()).isCloseTo(2.0 / 21, within(1e-15));
        assertThat(r.after()).isCloseTo(8.0 / 21, within(1e-15));
        assertThat(r.change()).isCloseTo(0.2857142857142857, within(1e-15));
        assertThat(r.low()).isCloseTo(0.02555912416485978, within(1e-12));
        assertThat(r.high()).isCloseTo(0.506920226686141, within(1e-12));
    }

    @Test
    void aSmallDropOfAHighPassRate() {
        PairedRateDifference r = PairedRateDifference.of(36, 3, 1, 0);

        assertThat(r.change()).isCloseTo(-0.05, within(1e-12));
        assertThat(r.low()).isCloseTo(-0.17626420367915926, within(1e-12));
        assertThat(r.high()).isCloseTo(0.06687520501413526, within(1e-12));
        PairedRateDifference s = PairedRateDifference.of(20, 5, 1, 4);
        assertThat(s.low()).isCloseTo(-0.2995813150336091, within(1e-12));
        assertThat(s.high()).isCloseTo(0.036206398542945356, within(1e-12));
    }

    @Test
    void nothingChangedGivesAnIntervalAroundZeroAndEverythingFailingStaysInRange() {
        PairedRateDifference same = PairedRateDifference.of(10, 0, 0, 5);
        assertThat(same.change()).isEqualTo(0.0);
        assertThat(same.low()).isCloseTo(-0.13494788338168995, within(1e-12));
        assertThat(same.high()).isCloseTo(0.13494788338168995, within(1e-12));
        // half passing, nothing changed: the uncorrected correlation (1) would give a zero-width interval
        PairedRateDifference half = PairedRateDifference.of(2, 0, 0, 2);
        assertThat(half.low()).isCloseTo(-0.34996101084785053, within(1e-12));
        assertThat(half.high()).isCloseTo(0.34996101084785053, within(1e-12));

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
