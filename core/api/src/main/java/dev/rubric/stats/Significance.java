package dev.rubric.stats;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The outcome of a paired significance test of "after" against "before": how likely a difference at least this large
 * would be if nothing had changed, in each direction.
 *
 * <p>{@code pLess} answers "how often would the after values come out this much lower (or lower still) by chance?":
 * a small {@code pLess} says they are lower beyond noise. That is the p-value of a regression gate, which fails only
 * on a drop. {@code pGreater} is the same for a rise, and {@code pTwoSided} for a change either way.
 *
 * @param method    the test, in words ("exact McNemar", "Wilcoxon signed-rank, exact")
 * @param statistic the test's statistic (McNemar: the pairs that went down; Wilcoxon: the sum of the ranks of the
 *                  rises, T+)
 * @param n         the pairs that count (McNemar: the discordant ones; Wilcoxon: the non-zero differences)
 * @param pLess     the chance of a result this low or lower under no change
 * @param pGreater  the chance of a result this high or higher under no change
 * @param pTwoSided the two-sided p-value: twice the smaller one-sided value, at most 1
 * @param exact     whether the p-values come from the exact null distribution (else a normal approximation)
 */
@API(status = INTERNAL, since = "0.1")
public record Significance(String method, double statistic, int n, double pLess, double pGreater, double pTwoSided,
                           boolean exact) {

    public Significance {
        for (double p : new double[] {pLess, pGreater, pTwoSided}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("a p-value lies within [0, 1], got " + p + " from " + method);
            }
        }
    }

    /** The p-values of no evidence at all (no pair that counts): every result is as likely as not. */
    static Significance none(String method) {
        return new Significance(method, 0, 0, 1, 1, 1, true);
    }

    /** Two one-sided p-values and the two-sided one they give: twice the smaller, capped at 1. */
    static Significance of(String method, double statistic, int n, double pLess, double pGreater, boolean exact) {
        double less = clamp(pLess);
        double greater = clamp(pGreater);
        return new Significance(method, statistic, n, less, greater, Math.min(1, 2 * Math.min(less, greater)), exact);
    }

    private static double clamp(double p) {
        return Math.max(0, Math.min(1, p));
    }
}
