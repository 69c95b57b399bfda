package dev.rubric.junit.engine;

/**
 * The 95% Wilson score interval of a pass rate: unlike the normal approximation it stays within 0..1 and is
 * meaningful for the small sample counts of sampled tests.
 */
public record WilsonInterval(double low, double high) {

    private static final double Z = 1.959963984540054;

    public static WilsonInterval of(int passed, int total) {
        if (total <= 0) {
            return new WilsonInterval(0, 1);
        }
        double p = (double) passed / total;
        double z2 = Z * Z;
        double denominator = 1 + z2 / total;
        double centre = (p + z2 / (2.0 * total)) / denominator;
        double half = Z * Math.sqrt(p * (1 - p) / total + z2 / (4.0 * total * total)) / denominator;
        return new WilsonInterval(Math.max(0, centre - half), Math.min(1, centre + half));
    }
}
