package dev.rubric.stats;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The change of a pass rate between two runs of the same tests (after - before), with Newcombe's 95% interval for the
 * difference of paired proportions: his method 10 (Newcombe 1998, "Improved confidence intervals for the difference
 * between binomial proportions based on paired data", Statistics in Medicine 17:2635-2650), which combines the
 * {@link WilsonInterval Wilson intervals} of the two rates and the correlation of the pairs:
 *
 * <pre>
 *   p1 = (a + b) / n  (before),   p2 = (a + c) / n  (after),   D = p2 - p1 = (c - b) / n
 *   (l1, u1), (l2, u2): the Wilson intervals of p1 and p2
 *   A = a·d - b·c,  M = (a + b)(c + d)(a + c)(b + d)
 *   phi = (A - n/2) / sqrt(M) when A &gt; n/2;  0 when 0 &lt;= A &lt;= n/2 (or a margin is 0);  A / sqrt(M) when A &lt; 0
 *   low  = D - sqrt((p2 - l2)² - 2·phi·(p2 - l2)(u1 - p1) + (u1 - p1)²)
 *   high = D + sqrt((u2 - p2)² - 2·phi·(u2 - p2)(p1 - l1) + (p1 - l1)²)
 * </pre>
 *
 * with a = passed both times, b = passed then failed, c = failed then passed, d = failed both times. The correlation
 * is Newcombe's corrected estimate (positive correlation reduced by n/2, as his method 10 and Fagerland, Lydersen and
 * Laake's implementation have it): without it, runs where no test changed and half passed give a zero-width
 * interval. Unlike the textbook Wald interval it stays within [-1, 1].
 *
 * @param before the pass rate before, NaN for no pairs
 * @param after  the pass rate after, NaN for no pairs
 * @param change after - before
 * @param low    the lower end of the 95% interval of the change
 * @param high   the upper end
 * @param n      the pairs
 */
@API(status = INTERNAL, since = "0.1")
public record PairedRateDifference(double before, double after, double change, double low, double high, int n) {

    /**
     * @param bothPassed   pairs that passed before and after (a)
     * @param down         pairs that passed before and fail after (b)
     * @param up           pairs that failed before and pass after (c)
     * @param bothFailed   pairs that failed before and after (d)
     */
    public static PairedRateDifference of(int bothPassed, int down, int up, int bothFailed) {
        if (bothPassed < 0 || down < 0 || up < 0 || bothFailed < 0) {
            throw new IllegalArgumentException("pair counts are 0 or more, got " + bothPassed + ", " + down + ", "
                    + up + ", " + bothFailed);
        }
        int n = bothPassed + down + up + bothFailed;
        if (n == 0) {
            return new PairedRateDifference(Double.NaN, Double.NaN, Double.NaN, -1, 1, 0);
        }
        double a = bothPassed;
        double b = down;
        double c = up;
        double d = bothFailed;
        double p1 = (a + b) / n;
        double p2 = (a + c) / n;
        WilsonInterval w1 = WilsonInterval.of(bothPassed + down, n);
        WilsonInterval w2 = WilsonInterval.of(bothPassed + up, n);
        double margins = (a + b) * (c + d) * (a + c) * (b + d);
        double cross = a * d - b * c;
        double phi = margins == 0 || (cross >= 0 && cross <= n / 2.0) ? 0
                : (cross > 0 ? cross - n / 2.0 : cross) / Math.sqrt(margins);
        double change = p2 - p1;
        double dl2 = p2 - w2.low();
        double du1 = w1.high() - p1;
        double du2 = w2.high() - p2;
        double dl1 = p1 - w1.low();
        double low = change - Math.sqrt(Math.max(0, dl2 * dl2 - 2 * phi * dl2 * du1 + du1 * du1));
        double high = change + Math.sqrt(Math.max(0, du2 * du2 - 2 * phi * du2 * dl1 + dl1 * dl1));
        return new PairedRateDifference(p1, p2, change, Math.max(-1, low), Math.min(1, high), n);
    }
}
