package dev.rubric.stats;

import org.apiguardian.api.API;

import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.BinaryOperator;
import java.util.stream.Collectors;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The statistics that say how well a judge's scores agree with people's on the same records, each with its
 * bootstrap interval ({@link #estimate}). The {@link #key() keys} name them in results files and configuration.
 */
@API(status = INTERNAL, since = "0.1")
public enum AgreementStatistic {

    PEARSON("pearson", "Pearson r", Correlation::pearson),
    SPEARMAN("spearman", "Spearman rho", Correlation::spearman),
    KENDALL_TAU_B("kendallTauB", "Kendall tau-b", Correlation::kendallTauB),
    EXACT_AGREEMENT("exactAgreement", "exact agreement", ScoreAgreement::exact),
    WITHIN_ONE_AGREEMENT("withinOneAgreement", "within-one agreement", ScoreAgreement::withinOne),
    QUADRATIC_KAPPA("quadraticKappa", "quadratic weighted kappa", ScoreAgreement::quadraticKappa);

    private final String key;
    private final String title;
    private final Computation computation;

    AgreementStatistic(String key, String title, Computation computation) {
        this.key = key;
        this.title = title;
        this.computation = computation;
    }

    @FunctionalInterface
    private interface Computation {
        OptionalDouble of(double[] x, double[] y);
    }

    /** The name in results files and configuration ({@code spearman}, {@code quadraticKappa}). */
    public String key() {
        return key;
    }

    /** The name for people ("Kendall tau-b"). */
    public String title() {
        return title;
    }

    /** The statistic alone; empty where it is undefined. */
    public OptionalDouble of(double[] judge, double[] human) {
        return computation.of(judge, human);
    }

    /** The statistic with its {@link Bootstrap} interval over the records (pairs resampled together). */
    public Estimate estimate(double[] judge, double[] human) {
        int n = Correlation.paired(judge, human);
        return Bootstrap.estimate(n, records -> of(pick(judge, records), pick(human, records)),
                whyUndefined(judge, human));
    }

    /** The statistic named by its key, case-insensitively. */
    public static AgreementStatistic byKey(String key) {
        for (AgreementStatistic s : values()) {
            if (s.key.equalsIgnoreCase(key.strip())) {
                return s;
            }
        }
        throw new IllegalArgumentException("no agreement statistic is called '" + key + "'; use one of "
                + Arrays.stream(values()).map(AgreementStatistic::key).collect(Collectors.joining(", ")));
    }

    private String whyUndefined(double[] judge, double[] human) {
        if (judge.length == 0) {
            return "no records";
        }
        if (this == EXACT_AGREEMENT || this == WITHIN_ONE_AGREEMENT) {
            return "no records"; // defined on any record
        }
        if (judge.length < 2) {
            return "one record";
        }
        if (this == QUADRATIC_KAPPA) {
            return "the judge and the people gave " + number(judge[0]) + " to every record: no disagreement was"
                    + " possible by chance";
        }
        BinaryOperator<String> and = (a, b) -> a.isEmpty() ? b : a + " and " + b;
        String why = "";
        if (Correlation.constant(judge)) {
            why = and.apply(why, "the judge gave " + number(judge[0]) + " to every record");
        }
        if (Correlation.constant(human)) {
            why = and.apply(why, "the people gave " + number(human[0]) + " to every record");
        }
        return why + ": a correlation needs scores that vary";
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static double[] pick(double[] values, int[] records) {
        double[] picked = new double[records.length];
        for (int i = 0; i < records.length; i++) {
            picked[i] = values[records[i]];
        }
        return picked;
    }
}
