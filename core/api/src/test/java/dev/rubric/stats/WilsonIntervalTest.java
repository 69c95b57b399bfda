package dev.rubric.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WilsonIntervalTest {

    @Test
    void matchesPublishedValues() {
        // independent references: Wilson (1927) with z = 1.96, as statsmodels' proportion_confint(method="wilson")
        // gives them, and Newcombe (1998), table I, for 8 of 10
        assertInterval(WilsonInterval.of(4, 5), 0.3755, 0.9638);
        assertInterval(WilsonInterval.of(8, 10), 0.4902, 0.9433);
        assertInterval(WilsonInterval.of(0, 10), 0.0, 0.2775);
        assertInterval(WilsonInterval.of(3, 3), 0.4385, 1.0);
        assertInterval(WilsonInterval.of(5, 5), 0.5655, 1.0);
    }

    @Test
    void noTrialsMeansEveryRateIsPossible() {
        assertThat(WilsonInterval.of(0, 0)).isEqualTo(new WilsonInterval(0, 1)).isEqualTo(WilsonInterval.NONE);
        assertThat(WilsonInterval.of(0, 0).isUninformative()).isTrue();
        assertThat(WilsonInterval.of(1, 1).isUninformative()).isFalse();
        // the limit as n goes to 0 agrees: with a tiny n the interval is already close to [0, 1]
        double p = 0.5;
        double n = 1e-6;
        double z2 = WilsonInterval.Z95 * WilsonInterval.Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        assertThat(centre).isCloseTo(0.5, within(1e-6));
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThatThrownBy(() -> WilsonInterval.of(6, 5)).hasMessageContaining("successes must lie in [0, 5], got 6");
        assertThatThrownBy(() -> WilsonInterval.of(-1, 5)).hasMessageContaining("got -1");
        assertThatThrownBy(() -> WilsonInterval.of(0, -1)).hasMessageContaining("0 or more trials, got -1");
        assertThatThrownBy(() -> new WilsonInterval(0.6, 0.4)).hasMessageContaining("[0.6, 0.4]");
    }

    private static void assertInterval(WilsonInterval w, double low, double high) {
        assertThat(w.low()).isCloseTo(low, within(1e-4));
        assertThat(w.high()).isCloseTo(high, within(1e-4));
    }
}
