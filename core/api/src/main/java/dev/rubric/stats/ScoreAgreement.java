package dev.rubric.stats;

import org.apiguardian.api.API;

import java.util.OptionalDouble;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * How often paired scores (a judge's and a person's) agree, and Cohen's kappa with quadratic weights. Scores are
 * compared on a grid of 1e-9, so that a mean of 3.0000000000000004 meets a 3. Formulas: docs/calibration.md.
 */
@API(status = INTERNAL, since = "0.1")
public final class ScoreAgreement {

    private static final double TOLERANCE = 1e-9;

    private ScoreAgreement() {
    }

    /** The share of records where both gave the same score; empty with no records. */
    public static OptionalDouble exact(double[] x, double[] y) {
        return share(x, y, 0);
    }

    /** The share of records where the scores differ by at most one point; empty with no records. */
    public static OptionalDouble withinOne(double[] x, double[] y) {
        return share(x, y, 1);
    }

    /**
     * Cohen's kappa with quadratic weights (QWK), as scikit-learn's {@code cohen_kappa_score(x, y,
     * weights="quadratic")}: 1 - (weighted observed disagreement) / (weighted disagreement expected if the two were
     * independent with the same marginals). With weights (i - j)² the sums over the confusion matrix reduce to sums
     * over the records (the normalisation by (k - 1)² cancels):
     * <pre>  kappa = 1 - sum (x_r - y_r)² / (sum x_r² + sum y_r² - 2 (sum x_r)(sum y_r) / n)</pre>
     * It is 0 when one side never varies (its agreement is what chance gives) and undefined (empty) when no
     * disagreement is possible by chance: both sides give one and the same score throughout, or no records.
     */
    public static OptionalDouble quadraticKappa(double[] x, double[] y) {
        int n = Correlation.paired(x, y);
        double observed = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            observed += (x[i] - y[i]) * (x[i] - y[i]);
            sx += x[i];
            sy += y[i];
            sxx += x[i] * x[i];
            syy += y[i] * y[i];
        }
        double expected = n == 0 ? 0 : sxx + syy - 2 * sx * sy / n;
        if (expected <= TOLERANCE) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(1 - observed / expected);
    }

    private static OptionalDouble share(double[] x, double[] y, double points) {
        int n = Correlation.paired(x, y);
        if (n == 0) {
            return OptionalDouble.empty();
        }
        int agree = 0;
        for (int i = 0; i < n; i++) {
            agree += Math.abs(x[i] - y[i]) <= points + TOLERANCE ? 1 : 0;
        }
        return OptionalDouble.of((double) agree / n);
    }
}
