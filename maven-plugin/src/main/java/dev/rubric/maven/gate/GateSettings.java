package dev.rubric.maven.gate;

import java.util.List;
import org.apiguardian.api.API;

/**
 * The limits of a gate.
 *
 * @param minPassRate           every test together: the lowest pass rate, or {@code null}
 * @param minMeanScore          every test together: the lowest mean score, or {@code null}
 * @param maxAborted            every test together: the most aborted tests
 * @param maxMeanScoreDrop      each rubric: how far its mean score may fall against the baseline, or {@code null}
 * @param failOnNewFailures     fail when a test that passed in the baseline fails now
 * @param rules                 rules per rubric, test class, tag or module
 * @param minSamplePassRate     every test together: the lowest pass rate of the samples of sampled tests, or
 *                              {@code null}
 * @param failOnSignificantDrop every test together: fail when the tests shared with the baseline got worse beyond
 *                              noise (see {@code dev.rubric.maven.baseline.PairedComparison})
 * @param alpha                 the significance level of that comparison, in (0, 0.5]
 * @param minJudgeAgreement     each rubric the results grade on: the lowest lower bound of the judge's measured
 *                              agreement with people, or {@code null}
 * @param judgeAgreementStatistic the statistic of {@code minJudgeAgreement}, or {@code null} for the default
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record GateSettings(Double minPassRate, Double minMeanScore, int maxAborted, Double maxMeanScoreDrop,
                           boolean failOnNewFailures, List<Rule> rules, Double minSamplePassRate,
                           boolean failOnSignificantDrop, double alpha, Double minJudgeAgreement,
                           String judgeAgreementStatistic) {

    /** The significance level unless one is given: a drop this large happens by chance in fewer than 5% of runs. */
    public static final double DEFAULT_ALPHA = 0.05;

    public GateSettings {
        rules = rules == null ? List.of() : List.copyOf(rules);
        if (!(alpha > 0 && alpha <= 0.5)) {
            throw new InvalidRuleException("alpha must lie in (0, 0.5] (0.05: a drop this large happens by chance in"
                    + " fewer than 5% of runs), got " + alpha);
        }
    }

    /** The limits without a judge agreement limit. */
    public GateSettings(Double minPassRate, Double minMeanScore, int maxAborted, Double maxMeanScoreDrop,
                        boolean failOnNewFailures, List<Rule> rules, Double minSamplePassRate,
                        boolean failOnSignificantDrop, double alpha) {
        this(minPassRate, minMeanScore, maxAborted, maxMeanScoreDrop, failOnNewFailures, rules, minSamplePassRate,
                failOnSignificantDrop, alpha, null, null);
    }

    /** The limits without sample pass rate or significance (alpha at its default). */
    public GateSettings(Double minPassRate, Double minMeanScore, int maxAborted, Double maxMeanScoreDrop,
                        boolean failOnNewFailures, List<Rule> rules) {
        this(minPassRate, minMeanScore, maxAborted, maxMeanScoreDrop, failOnNewFailures, rules, null, false,
                DEFAULT_ALPHA);
    }

    /** No limits but the default one: no aborted test. */
    public static GateSettings defaults() {
        return new GateSettings(null, null, 0, null, false, List.of());
    }
}
