package dev.rubric.stats;

import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Krippendorff's alpha with the interval metric: how well several people agree on the same records, for any number
 * of raters per record (missing ratings allowed). 1 is perfect agreement, 0 what chance gives. It is the ceiling a
 * judge can be held to: a judge cannot agree with people better than they agree with one another. Records rated once
 * carry no information on agreement and are left out.
 * <pre>
 *   n   = the ratings in records with two or more (pairable values)
 *   D_o = (1/n) · sum over records u of  sum over ordered pairs i != j in u of (v_i - v_j)² / (m_u - 1)
 *   D_e = 1/(n(n-1)) · sum over ordered pairs c != k of all n pairable values of (v_c - v_k)²
 *   alpha = 1 - D_o / D_e
 * </pre>
 * (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"). Undefined with no record rated twice or when
 * every pairable rating is the same (D_e = 0).
 */
@API(status = INTERNAL, since = "0.1")
public final class KrippendorffAlpha {

    private KrippendorffAlpha() {
    }

    /** @param ratings per record, its raters' scores (any number; records with fewer than two are left out) */
    public static OptionalDouble interval(List<double[]> ratings) {
        List<double[]> units = new ArrayList<>();
        int n = 0;
        for (double[] unit : ratings) {
            Correlation.paired(unit, unit);
            if (unit.length >= 2) {
                units.add(unit);
                n += unit.length;
            }
        }
        if (units.isEmpty()) {
            return OptionalDouble.empty();
        }
        double observed = 0;
        double sum = 0;
        double squares = 0;
        for (double[] unit : units) {
            double within = 0;
            for (int i = 0; i < unit.length; i++) {
                for (int j = 0; j < unit.length; j++) {
                    within += (unit[i] - unit[j]) * (unit[i] - unit[j]);
                }
                sum += unit[i];
                squares += unit[i] * unit[i];
            }
            observed += within / (unit.length - 1);
        }
        observed /= n;
        // sum over ordered pairs c != k of (v_c - v_k)² = 2 n sum v² - 2 (sum v)²
        double expected = (2 * n * squares - 2 * sum * sum) / ((double) n * (n - 1));
        if (expected <= 1e-9) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(1 - observed / expected);
    }

    /** Alpha with its {@link Bootstrap} interval, resampling whole records (their ratings stay together). */
    public static Estimate estimate(List<double[]> ratings) {
        List<double[]> rated = ratings.stream().filter(unit -> unit.length >= 2).toList();
        return Bootstrap.estimate(rated.size(), records -> {
            List<double[]> picked = new ArrayList<>(records.length);
            for (int r : records) {
                picked.add(rated.get(r));
            }
            return interval(picked);
        }, rated.isEmpty() ? "no record has two ratings" : "every rating is the same: no disagreement was possible");
    }
}
