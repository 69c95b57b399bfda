package dev.rubric.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

import java.util.Arrays;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The Wilcoxon signed-rank test of paired differences (after - before): are they centred below (or above) zero
 * beyond what chance explains? Per-test scores of two runs differ by whole points or by fractions of a mean, so zeros
 * and ties are the rule here, and both are handled as the common standard does:
 *
 * <ul>
 *   <li><b>Zeros</b> (a test that scored the same) are dropped before ranking: Wilcoxon's own method, the default of
 *       R's {@code wilcox.test} and of scipy's {@code wilcoxon} ({@code zero_method="wilcox"}). {@code n} counts the
 *       non-zero differences.</li>
 *   <li><b>Ties</b> among the absolute differences get their mean rank (midranks).</li>
 *   <li>The statistic is T+, the sum of the ranks of the positive differences.</li>
 *   <li><b>Exact</b> for n &lt;= {@value #EXACT_LIMIT}: the null distribution of T+ over all 2<sup>n</sup> equally
 *       likely sign assignments of the ranks actually observed, midranks included (counted by dynamic programming over
 *       doubled ranks, so it is exact with ties too: the permutation distribution that scipy computes with
 *       {@code method=PermutationMethod()} when it enumerates every sign flip, and R's {@code coin} with
 *       {@code distribution="exact"}). Without ties it is the classic exact distribution of {@code method="exact"}.</li>
 *   <li><b>Normal approximation</b> for larger n: mean n(n+1)/4, variance n(n+1)(2n+1)/24 minus the tie correction
 *       sum(t<sup>3</sup> - t)/48 over the groups of t tied values, no continuity correction: scipy's
 *       {@code wilcoxon(d, zero_method="wilcox", correction=False, method="approx")}.</li>
 * </ul>
 *
 * Differences are rounded to 9 decimals first, so that floating-point noise (a mean of 3.1 against 3.1000000000000005)
 * neither makes a zero non-zero nor breaks a tie.
 */
@API(status = INTERNAL, since = "0.1")
public final class WilcoxonSignedRankTest {

    /** Up to this many non-zero differences the p-values are exact. */
    public static final int EXACT_LIMIT = 50;

    public static final String EXACT = "Wilcoxon signed-rank, exact";
    public static final String APPROXIMATE = "Wilcoxon signed-rank, normal approximation";

    private static final double GRID = 1e9;

    private WilcoxonSignedRankTest() {
    }

    /**
     * @param differences after - before, one per pair; NaN is not allowed
     * @return {@code pLess}: the chance of a T+ this small or smaller under no change (small when the after values are
     *         lower beyond noise); {@code pGreater} the other way
     */
    public static Significance test(double[] differences) {
        Ranked r = Ranked.of(differences);
        if (r.n() == 0) {
            return Significance.none(EXACT);
        }
        return r.n() <= EXACT_LIMIT ? exact(r) : approximate(r);
    }

    /** The normal approximation whatever the number of pairs (the test uses it past {@link #EXACT_LIMIT}). */
    static Significance approximate(double[] differences) {
        Ranked r = Ranked.of(differences);
        return r.n() == 0 ? Significance.none(APPROXIMATE) : approximate(r);
    }

    private static Significance approximate(Ranked r) {
        int n = r.n();
        double plus = r.doubledPlus() / 2.0;
        double mean = n * (n + 1) / 4.0;
        double variance = n * (n + 1.0) * (2 * n + 1) / 24.0 - r.tieCorrection() / 48.0;
        double z = (plus - mean) / Math.sqrt(variance);
        NormalDistribution normal = NormalDistribution.of(0, 1);
        return Significance.of(APPROXIMATE, plus, n, normal.cumulativeProbability(z), normal.survivalProbability(z),
                false);
    }

    /**
     * The non-zero differences ranked: doubled midranks (whole numbers, so that the exact distribution can be counted
     * over them), the doubled T+, and the tie correction sum(t^3 - t).
     */
    private record Ranked(long[] doubledRank, long doubledPlus, double tieCorrection) {

        int n() {
            return doubledRank.length;
        }

        static Ranked of(double[] differences) {
            double[] d = Arrays.stream(differences).map(WilcoxonSignedRankTest::rounded).filter(x -> x != 0).toArray();
            int n = d.length;
            double[] magnitude = Arrays.stream(d).map(Math::abs).toArray();
            // midranks are halves at most, so doubled they are whole numbers
            long[] doubledRank = Arrays.stream(Ranks.average(magnitude)).mapToLong(r -> Math.round(2 * r)).toArray();
            double tieCorrection = Ranks.tieCorrection(magnitude);
            long doubledPlus = 0;
            for (int i = 0; i < n; i++) {
                if (d[i] > 0) {
                    doubledPlus += doubledRank[i];
                }
            }
            return new Ranked(doubledRank, doubledPlus, tieCorrection);
        }
    }

    /**
     * P(T+ &lt;= observed) and P(T+ &gt;= observed) over every sign assignment of the (doubled) ranks: the chance of
     * each sum, built one rank at a time (each rank is positive or negative with probability 1/2).
     */
    private static Significance exact(Ranked ranked) {
        long[] doubledRank = ranked.doubledRank();
        long doubledPlus = ranked.doubledPlus();
        double plus = doubledPlus / 2.0;
        int total = (int) Arrays.stream(doubledRank).sum();
        double[] chance = new double[total + 1];
        chance[0] = 1;
        int reach = 0;
        for (long r : doubledRank) {
            int rank = (int) r;
            for (int s = reach + rank; s >= 0; s--) {
                double without = s <= reach ? chance[s] : 0;
                double with = s >= rank ? chance[s - rank] : 0;
                chance[s] = 0.5 * (without + with);
            }
            reach += rank;
        }
        double atMost = 0;
        double atLeast = 0;
        for (int s = 0; s <= total; s++) {
            if (s <= doubledPlus) {
                atMost += chance[s];
            }
            if (s >= doubledPlus) {
                atLeast += chance[s];
            }
        }
        return Significance.of(EXACT, plus, doubledRank.length, atMost, atLeast, true);
    }

    private static double rounded(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            throw new IllegalArgumentException("a paired difference must be a finite number, got " + x);
        }
        return Math.rint(x * GRID) / GRID;
    }
}
