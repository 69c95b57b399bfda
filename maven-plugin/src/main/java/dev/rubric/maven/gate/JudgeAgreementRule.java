package dev.rubric.maven.gate;

import dev.rubric.maven.scope.RubricSelector;

import dev.rubric.maven.scope.Scope;

import dev.rubric.maven.calibrate.CalibrationResults;
import dev.rubric.maven.calibrate.CalibrationResults.RubricCalibration;
import dev.rubric.maven.calibrate.CalibrationResults.Statistic;
import dev.rubric.maven.merge.MergedResults;
import dev.rubric.results.JudgeRecord;
import dev.rubric.stats.AgreementStatistic;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * {@code minJudgeAgreement}: a rubric the build gates on must have its judge's agreement with people measured
 * ({@code rubric:calibrate}), by the judge that graded the tests, and the lower end of the statistic's 95% interval
 * must reach the minimum. Not measured, undefined or without an interval counts as not reaching it: the rule asks for
 * evidence that the judge can be trusted on the rubric, and none is not enough.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class JudgeAgreementRule {

    /** The statistic unless a rule names one: agreement on the scale, with a penalty for large disagreements. */
    static final String DEFAULT_STATISTIC = AgreementStatistic.QUADRATIC_KAPPA.key();

    /**
     * Pairwise calibrations: the share of people's preferences the judge's pick matched when the pick must survive
     * swapping A and B (as Rubric's {@code beats} judges), people's ties left out.
     */
    static final String PAIRWISE_ACCURACY = "pairwiseAccuracy";

    private JudgeAgreementRule() {
    }

    static void validate(String where, Double minimum, String statistic) {
        if (minimum == null) {
            throw new InvalidRuleException(where + ": judgeAgreementStatistic is set without minJudgeAgreement");
        }
        if (!(minimum >= -1 && minimum <= 1)) {
            throw new InvalidRuleException(where + ": minJudgeAgreement must lie in [-1, 1] (a correlation, kappa or"
                    + " share; 0.6 is a common bar for quadratic weighted kappa), got " + minimum);
        }
        key(where, statistic);
    }

    /** The statistic's key as the calibration results name it. */
    public static String key(String where, String statistic) {
        if (statistic == null || statistic.isBlank()) {
            return DEFAULT_STATISTIC;
        }
        if (statistic.strip().equalsIgnoreCase(PAIRWISE_ACCURACY)) {
            return PAIRWISE_ACCURACY;
        }
        try {
            return AgreementStatistic.byKey(statistic).key();
        } catch (IllegalArgumentException e) {
            throw new InvalidRuleException(where + ": judgeAgreementStatistic '" + statistic + "' is not one of "
                    + Stream.concat(Arrays.stream(AgreementStatistic.values()).map(AgreementStatistic::key),
                    Stream.of(PAIRWISE_ACCURACY)).collect(Collectors.joining(", ")));
        }
    }

    /** The violation of a rubric's rule, or empty when the measured lower bound reaches the minimum. */
    static Optional<Violation> check(Scope scope, double minimum, String statistic, CalibrationResults calibration,
                                     MergedResults merged) {
        Measurement m = measure(scope, statistic, calibration, merged);
        if (m.statistic() == null) {
            return Optional.of(new Violation.JudgeAgreementLow(scope, statistic, minimum, null, m.missing()));
        }
        Statistic s = m.statistic();
        if (s.defined() && s.hasInterval() && s.low() >= minimum) {
            return Optional.empty();
        }
        return Optional.of(new Violation.JudgeAgreementLow(scope, statistic, minimum, s, null));
    }

    /** What the calibration measured for a rubric: the statistic, or (statistic null) why there is none. */
    private record Measurement(Statistic statistic, String missing) {
    }

    /** The one lookup of a rubric's statistic, for the rule and for the report's overview. */
    private static Measurement measure(Scope scope, String statistic, CalibrationResults calibration,
                                       MergedResults merged) {
        if (calibration == null) {
            return new Measurement(null, "no calibration results");
        }
        List<String> now = merged.judges().stream().map(JudgeRecord::fingerprintId).distinct().toList();
        if (calibration.judge() != null && !now.isEmpty() && !now.contains(calibration.judge().fingerprintId())) {
            return new Measurement(null, "it was measured with another judge, " + calibration.judge().description());
        }
        RubricSelector selector = new RubricSelector(scope.value());
        Optional<RubricCalibration> rubric = calibration.rubrics().stream()
                .filter(r -> selector.matches(r.rubric(), r.criteria())).findFirst();
        if (rubric.isEmpty()) {
            return new Measurement(null, "the calibration sets have no record for it");
        }
        return statistic(rubric.get(), statistic).map(s -> new Measurement(s, null))
                .orElseGet(() -> new Measurement(null, PAIRWISE_ACCURACY.equals(statistic)
                        ? "its calibration has no pairwise records"
                        : "its calibration has no scored (absolute) records"));
    }

    /**
     * What the calibration says about each rubric the results grade on, whether or not a rule holds it: the
     * statistic's value, or why there is none ("not measured: the calibration sets have no record for it").
     *
     * @param statistic a key, or {@code null} for the default
     * @return per rubric name, in the results' order: the statistic, or empty with the reason in {@code missing}
     */
    public static java.util.Map<String, Optional<Statistic>> overview(MergedResults merged,
                                                                      CalibrationResults calibration, String statistic,
                                                                      java.util.Map<String, String> missing) {
        String key = key("judgeAgreementStatistic", statistic);
        java.util.Map<String, Optional<Statistic>> out = new java.util.LinkedHashMap<>();
        for (String rubric : dev.rubric.maven.merge.ResultsMerger.rubricNames(merged.tests())) {
            Measurement m = measure(Scope.rubric(rubric), key, calibration, merged);
            if (m.statistic() == null) {
                missing.put(rubric, m.missing());
            }
            out.put(rubric, Optional.ofNullable(m.statistic()));
        }
        return out;
    }

    /** The statistic of a rubric's calibration by key, or empty when that kind of record was not calibrated. */
    static Optional<Statistic> statistic(RubricCalibration rubric, String key) {
        if (PAIRWISE_ACCURACY.equals(key)) {
            if (rubric.pairwise() == null) {
                return Optional.empty();
            }
            CalibrationResults.RateValue r = rubric.pairwise().bothOrdersWithoutTies();
            return Optional.of(r.trials() == 0
                    ? new Statistic(null, null, null, 0, "people called every record a tie, or none was graded", null)
                    : new Statistic(r.value(), r.low(), r.high(), r.trials(), null, null));
        }
        return rubric.absolute() == null ? Optional.empty()
                : Optional.ofNullable(rubric.absolute().statistics().get(key));
    }
}
