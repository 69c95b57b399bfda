package dev.rubric.stats;

import org.apiguardian.api.API;

import java.util.OptionalDouble;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Correlations of paired scores (a judge's and a person's, one pair per record), as scipy computes them. Each is
 * undefined (empty) with fewer than two pairs or when either side never varies: no number says how two lists move
 * together when one of them does not move. Formulas: docs/calibration.md.
 */
@API(status = INTERNAL, since = "0.1")
public final class Correlation {

    private Correlation() {
    }

    /** Pearson's r: scipy's {@code pearsonr(x, y).statistic}. */
    public static OptionalDouble pearson(double[] x, double[] y) {
        int n = paired(x, y);
        if (n < 2 || constant(x) || constant(y)) {
            return OptionalDouble.empty();
        }
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return OptionalDouble.of(Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy))));
    }

    /** Spearman's rho: Pearson's r of the average ranks (ties share their mean rank), scipy's {@code spearmanr}. */
    public static OptionalDouble spearman(double[] x, double[] y) {
        paired(x, y);
        return pearson(Ranks.average(x), Ranks.average(y));
    }

    /**
     * Kendall's tau-b, which corrects for ties: scipy's {@code kendalltau(x, y)} (its default, {@code variant="b"}).
     * Over all pairs of records i &lt; j, C counts those ordered the same way by both sides and D those ordered
     * oppositely; pairs tied on either side count in neither.
     * <pre>  tau_b = (C - D) / sqrt((n0 - n1)(n0 - n2)),  n0 = n(n-1)/2,  n1 = sum t(t-1)/2 over the groups of t tied
     *  x values, n2 the same for y</pre>
     * O(n²) pairs: calibration sets hold hundreds of records, not millions.
     */
    public static OptionalDouble kendallTauB(double[] x, double[] y) {
        int n = paired(x, y);
        long concordantMinusDiscordant = 0;
        long untiedX = 0; // pairs not tied in x: n0 - n1
        long untiedY = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int sx = Double.compare(x[i], x[j]);
                int sy = Double.compare(y[i], y[j]);
                concordantMinusDiscordant += (long) Integer.signum(sx) * Integer.signum(sy);
                untiedX += sx != 0 ? 1 : 0;
                untiedY += sy != 0 ? 1 : 0;
            }
        }
        if (untiedX == 0 || untiedY == 0) {
            return OptionalDouble.empty();
        }
        double tau = concordantMinusDiscordant / Math.sqrt((double) untiedX * untiedY);
        return OptionalDouble.of(Math.max(-1, Math.min(1, tau)));
    }

    /** Whether every value is the same (a constant list, or one of fewer than two values). */
    static boolean constant(double[] values) {
        for (double v : values) {
            if (v != values[0]) {
                return false;
            }
        }
        return true;
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** The number of pairs, after checking that both sides have one value per record and every value is a number. */
    static int paired(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("paired scores need one value on each side per record, got "
                    + x.length + " and " + y.length);
        }
        for (double[] side : new double[][] {x, y}) {
            for (double v : side) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("a score must be a finite number, got " + v);
                }
            }
        }
        return x.length;
    }
}
