package dev.rubric.stats;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class KrippendorffAlphaTest {

    @Test
    void krippendorffsPublishedExample() {
        // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 observers, 12 units, missing values;
        // interval alpha = 0.849 (python3, the formula written out by brute force: 0.8491071428571428). Unit 12 was
        // rated once and is left out.
        List<double[]> units = List.of(new double[] {1, 1, 1}, new double[] {2, 2, 3, 2},
                new double[] {3, 3, 3, 3}, new double[] {3, 3, 3, 3}, new double[] {2, 2, 2, 2},
                new double[] {1, 2, 3, 4}, new double[] {4, 4, 4, 4}, new double[] {1, 1, 2, 1},
                new double[] {2, 2, 2, 2}, new double[] {5, 5, 5}, new double[] {1, 1}, new double[] {3});
        assertThat(KrippendorffAlpha.interval(units)).hasValueCloseTo(0.8491071428571428, within(1e-12));
        Estimate estimate = KrippendorffAlpha.estimate(units);
        assertThat(estimate.n()).isEqualTo(11);
    }

    @Test
    void byHandAndUndefinedCases() {
        // two units (1, 2) and (4, 5): D_o = (1/4)(2·1/1 + 2·1/1) = 1; values 1, 2, 4, 5: sum over ordered pairs
        // of squared differences 2·(1+9+16+4+9+1) = 80, D_e = 80/12; alpha = 1 - 12/80 = 0.85
        assertThat(KrippendorffAlpha.interval(List.of(new double[] {1, 2}, new double[] {4, 5})))
                .hasValueCloseTo(0.85, within(1e-12));
        assertThat(KrippendorffAlpha.interval(List.of(new double[] {3, 3}, new double[] {3, 3}))).isEmpty();
        assertThat(KrippendorffAlpha.interval(List.of(new double[] {3}))).isEmpty();
        assertThat(KrippendorffAlpha.estimate(List.of(new double[] {3})))
                .isEqualTo(new Estimate.Undefined(0, "no record has two ratings"));
    }
}
