package dev.rubric.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.rubric.core.GradingMode;
import dev.rubric.results.AssertionRecord.PairwiseOutcome;
import org.apiguardian.api.API;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * What a rubric assertion checked: one constant per check method of the assertions, with the rule that decides it
 * and the words that describe it. Results files name a check by its method ({@code "scoresAtLeast"}), so that the
 * gate's lines and the report read like the test code.
 */
@API(status = INTERNAL, since = "0.1")
public enum Check {

    SCORES_AT_LEAST("scoresAtLeast", GradingMode.ABSOLUTE),
    SCORES_AT_MOST("scoresAtMost", GradingMode.ABSOLUTE),
    /** The probability-weighted score (from the judge's probabilities of 1..5) is at least the threshold. */
    HAS_EXPECTED_SCORE_AT_LEAST("hasExpectedScoreAtLeast", GradingMode.ABSOLUTE),
    /** A win in both orders. */
    BEATS("beats", GradingMode.PAIRWISE),
    /** Not a loss in both orders: a win, or a preference that flips with position. */
    BEATS_OR_TIES("beatsOrTies", GradingMode.PAIRWISE),
    /** A loss in both orders. */
    LOSES_TO("losesTo", GradingMode.PAIRWISE);

    private final String method;
    private final GradingMode mode;

    Check(String method, GradingMode mode) {
        this.method = method;
        this.mode = mode;
    }

    /** The assertion method, as results files, the gate and the report name the check. */
    @JsonValue
    public String method() {
        return method;
    }

    /** Absolute checks grade one response; pairwise ones compare two. */
    public GradingMode mode() {
        return mode;
    }

    /** The check a results file names by its method; an unknown name is an error that lists the known ones. */
    @JsonCreator
    public static Check ofMethod(String method) {
        for (Check c : values()) {
            if (c.method.equals(method)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown rubric check \"" + method + "\"; known: "
                + Arrays.stream(values()).map(Check::method).collect(Collectors.joining(", "))
                + " (a results file written by a newer Rubric? use the same version for the engine and the plugin)");
    }

    /**
     * Whether an absolute check holds.
     *
     * @param actual    the judge's score, or for {@link #HAS_EXPECTED_SCORE_AT_LEAST} the expected score
     * @param threshold what the test required
     */
    public boolean holds(double actual, double threshold) {
        return switch (this) {
            case SCORES_AT_LEAST, HAS_EXPECTED_SCORE_AT_LEAST -> actual >= threshold;
            case SCORES_AT_MOST -> actual <= threshold;
            case BEATS, BEATS_OR_TIES, LOSES_TO -> throw new IllegalStateException(method
                    + " compares two responses: decide it with holds(PairwiseOutcome)");
        };
    }

    /** Whether a pairwise check holds for the outcome of the comparison asked in both orders. */
    public boolean holds(PairwiseOutcome outcome) {
        return switch (this) {
            case BEATS -> outcome == PairwiseOutcome.WIN;
            case BEATS_OR_TIES -> outcome != PairwiseOutcome.LOSS;
            case LOSES_TO -> outcome == PairwiseOutcome.LOSS;
            case SCORES_AT_LEAST, SCORES_AT_MOST, HAS_EXPECTED_SCORE_AT_LEAST -> throw new IllegalStateException(method
                    + " grades one response: decide it with holds(actual, threshold)");
        };
    }

    /**
     * What the check required, worded to follow "Expected the response ": "to score at least 4", "to beat the other
     * response".
     */
    public String requirement(Double threshold) {
        return switch (this) {
            case SCORES_AT_LEAST -> "to score at least " + whole(threshold);
            case SCORES_AT_MOST -> "to score at most " + whole(threshold);
            case HAS_EXPECTED_SCORE_AT_LEAST -> String.format(Locale.ROOT,
                    "to score an expected score of at least %.2f", threshold);
            case BEATS -> "to beat the other response";
            case BEATS_OR_TIES -> "to beat or tie the other response";
            case LOSES_TO -> "to lose to the other response";
        };
    }

    /** The check as the test wrote it, with its threshold: "scoresAtLeast 4", "hasExpectedScoreAtLeast 4.2", "beats". */
    public String withThreshold(Double threshold) {
        return threshold == null ? method : method + " " + whole(threshold);
    }

    private static String whole(Double threshold) {
        return threshold == null ? "?" : threshold == Math.rint(threshold) ? String.valueOf(threshold.intValue())
                : String.valueOf(threshold);
    }
}
