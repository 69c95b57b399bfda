package dev.rubric.maven;

/** The Wilson score interval of a pass rate: honest for small samples and rates near 0 or 1, unlike p ± 1.96·se. */
public final class Wilson {

    private static final double Z95 = 1.959963984540054;

    private Wilson() {
    }

    /** The 95% interval {low, high} of {@code successes} out of {@code n} trials; successes may be fractional. */
    public static double[] interval(double successes, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("a Wilson interval needs at least one trial, got n = " + n);
        }
        if (successes < 0 || successes > n) {
            throw new IllegalArgumentException("successes must lie in [0, " + n + "], got " + successes);
        }
        double p = successes / n;
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }
}
