package dev.rubric.maven.calibrate;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rubric.results.JudgeRecord;
import dev.rubric.stats.Estimate;
import dev.rubric.stats.Rate;
import dev.rubric.stats.WilsonInterval;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What {@code rubric:calibrate} measured: how well the judge agrees with people, per rubric. Written as
 * {@code target/rubric/calibration.json} (docs/results-format.md, "Calibration"), read back by the gate and the
 * report.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param createdAt     when it was measured
 * @param sets          the calibration folder that was read
 * @param judge         the judge that graded the records
 * @param rubrics       one entry per rubric, by name
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record CalibrationResults(int schemaVersion, Instant createdAt, String sets, JudgeRecord judge,
                                 List<RubricCalibration> rubrics) {

    public static final int SCHEMA_VERSION = 1;

    public CalibrationResults {
        rubrics = rubrics == null ? List.of() : List.copyOf(rubrics);
    }

    /** The calibration of a rubric by name, or empty. */
    public Optional<RubricCalibration> rubric(String name) {
        return rubrics.stream().filter(r -> r.rubric().equals(name)).findFirst();
    }

    /**
     * @param rubric   the rubric's name
     * @param criteria its criteria
     * @param absolute the agreement on scores, or {@code null} without absolute records
     * @param pairwise the agreement on preferences, or {@code null} without pairwise records
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RubricCalibration(String rubric, String criteria, AbsoluteCalibration absolute,
                                    PairwiseCalibration pairwise) {
    }

    /**
     * @param records        the absolute records
     * @param withoutVerdict those the judge gave no verdict on (left out of every statistic)
     * @param statistics     by key ({@code dev.rubric.stats.AgreementStatistic#key()}), over the records with a verdict
     * @param confusion      counts, {@code confusion[judge - 1][human - 1]}, the people's score rounded half up
     * @param raters         the raters' own agreement, or {@code null} when no record has several raters
     * @param outcomes       every record, in the sets' order
     */
    public record AbsoluteCalibration(int records, int withoutVerdict, Map<String, Statistic> statistics,
                                      int[][] confusion, RaterAgreement raters, List<AbsoluteOutcome> outcomes) {
        public AbsoluteCalibration {
            statistics = statistics == null ? Map.of() : java.util.Collections.unmodifiableMap(
                    new java.util.LinkedHashMap<>(statistics));
            outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
        }
    }

    /**
     * @param records          the records rated by two or more people
     * @param krippendorffAlpha their agreement (interval metric)
     */
    public record RaterAgreement(int records, Statistic krippendorffAlpha) {
    }

    /**
     * A statistic as the file keeps it: a value with its interval, a value without one ({@code noInterval} says why)
     * or no value ({@code undefined} says why). Never NaN.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Statistic(Double value, Double low, Double high, int n, String undefined, String noInterval) {

        public static Statistic of(Estimate estimate) {
            if (estimate instanceof Estimate.Measured m) {
                return new Statistic(m.value(), m.interval().map(i -> i.low()).orElse(null),
                        m.interval().map(i -> i.high()).orElse(null), m.n(), null,
                        m.noIntervalReason().isEmpty() ? null : m.noIntervalReason());
            }
            Estimate.Undefined u = (Estimate.Undefined) estimate;
            return new Statistic(null, null, null, u.n(), u.reason(), null);
        }

        public boolean defined() {
            return value != null;
        }

        public boolean hasInterval() {
            return low != null && high != null;
        }
    }

    /** A share of records with its Wilson interval ({@code value}, {@code low}, {@code high} absent with no trials). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RateValue(int successes, int trials, Double value, Double low, Double high) {

        public static RateValue of(Rate rate) {
            if (rate.trials() == 0) {
                return new RateValue(0, 0, null, null, null);
            }
            WilsonInterval w = rate.interval();
            return new RateValue(rate.successes(), rate.trials(), rate.value().orElseThrow(), w.low(), w.high());
        }
    }

    /**
     * @param records            the pairwise records
     * @param withoutVerdict     those the judge gave no verdict on in either order (left out)
     * @param humanTies          records people called a tie
     * @param accuracy           the paper's procedure: the judge's pick in the order people saw the responses
     *                           (A, B), every record counted, people's ties misses unless the judge tied
     * @param accuracyWithoutTies the same without the records people called a tie
     * @param bothOrders         Rubric's reading: a pick counts only when it survives swapping A and B (else the judge
     *                           did not decide: a tie), every record counted
     * @param bothOrdersWithoutTies the same without people's ties
     * @param swapConsistency    records whose pick survived the swap, of those graded in both orders
     * @param outcomes           every record, in the sets' order
     */
    public record PairwiseCalibration(int records, int withoutVerdict, int humanTies, RateValue accuracy,
                                      RateValue accuracyWithoutTies, RateValue bothOrders,
                                      RateValue bothOrdersWithoutTies, RateValue swapConsistency,
                                      List<PairwiseOutcome> outcomes) {
        public PairwiseCalibration {
            outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
        }
    }

    /**
     * @param id       the record's id
     * @param source   {@code file.jsonl:line}
     * @param human    the raters' scores
     * @param judge    the judge's score, or {@code null} without a verdict
     * @param feedback the judge's feedback (untrusted text: escape it), or {@code null}
     * @param failure  why the judge gave no verdict, or {@code null}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AbsoluteOutcome(String id, String source, List<Integer> human, Integer judge, String feedback,
                                  String failure) {
    }

    /**
     * @param human       "A", "B" or "tie"
     * @param judge       the judge's pick with A and B as people saw them ("A" or "B"), or {@code null}
     * @param judgeSwapped its pick with the two swapped, named as people saw them, or {@code null}
     * @param failure     why the judge gave no verdict, or {@code null}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PairwiseOutcome(String id, String source, String human, String judge, String judgeSwapped,
                                  String failure) {
    }
}
