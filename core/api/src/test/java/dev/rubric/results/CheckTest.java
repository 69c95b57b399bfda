package dev.rubric.results;

import dev.rubric.core.GradingMode;
import dev.rubric.results.AssertionRecord.PairwiseOutcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Checks are types in the model and method names in the file, so results files of earlier versions still read. */
class CheckTest {

    @Test
    void aCheckIsWrittenAndReadByItsMethodName() throws Exception {
        AssertionRecord a = new AssertionRecord("helpfulness", "Is it helpful?", Check.HAS_EXPECTED_SCORE_AT_LEAST, 4.2,
                4.5, null, true);

        String json = ResultsFiles.mapper().writeValueAsString(a);

        assertThat(json).contains("\"check\" : \"hasExpectedScoreAtLeast\"").contains("\"mode\" : \"ABSOLUTE\"");
        assertThat(ResultsFiles.mapper().readValue(json, AssertionRecord.class)).isEqualTo(a);
    }

    @Test
    void anEarlierFilesCheckReadsAsItsType() throws Exception {
        String json = """
                {"mode":"PAIRWISE","rubric":"helpfulness","criteria":"c","check":"beatsOrTies","threshold":null,
                 "actual":null,"pairwise":"INCONSISTENT","passed":true}""";

        AssertionRecord a = ResultsFiles.mapper().readValue(json, AssertionRecord.class);

        assertThat(a.check()).isEqualTo(Check.BEATS_OR_TIES);
        assertThat(a.aborted()).isFalse();
    }

    @Test
    void anUnknownCheckIsRefusedWithTheKnownOnes() {
        String json = """
                {"mode":"ABSOLUTE","rubric":"r","criteria":"c","check":"scoresExactly","passed":false}""";

        assertThatThrownBy(() -> ResultsFiles.mapper().readValue(json, AssertionRecord.class))
                .hasMessageContaining("unknown rubric check \"scoresExactly\"")
                .hasMessageContaining("scoresAtLeast, scoresAtMost, hasExpectedScoreAtLeast, beats, beatsOrTies,"
                        + " losesTo");
    }

    @Test
    void aCheckRecordedUnderTheOtherModeIsRefused() {
        assertThatThrownBy(() -> new AssertionRecord(GradingMode.ABSOLUTE, "r", "c", Check.BEATS, null, null,
                PairwiseOutcome.WIN, true, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beats is a PAIRWISE check");
    }

    @Test
    void eachPairwiseCheckDecidesOnTheOutcomeInBothOrders() {
        assertThat(PairwiseOutcome.of(true, true)).isEqualTo(PairwiseOutcome.WIN);
        assertThat(PairwiseOutcome.of(false, false)).isEqualTo(PairwiseOutcome.LOSS);
        assertThat(PairwiseOutcome.of(true, false)).isEqualTo(PairwiseOutcome.INCONSISTENT);
        assertThat(PairwiseOutcome.of(false, true)).isEqualTo(PairwiseOutcome.INCONSISTENT);

        assertThat(Check.BEATS.holds(PairwiseOutcome.WIN)).isTrue();
        assertThat(Check.BEATS.holds(PairwiseOutcome.INCONSISTENT)).isFalse();
        assertThat(Check.BEATS_OR_TIES.holds(PairwiseOutcome.INCONSISTENT)).isTrue();
        assertThat(Check.BEATS_OR_TIES.holds(PairwiseOutcome.LOSS)).isFalse();
        assertThat(Check.LOSES_TO.holds(PairwiseOutcome.LOSS)).isTrue();
        assertThat(Check.LOSES_TO.holds(PairwiseOutcome.INCONSISTENT)).isFalse();
    }

    @Test
    void eachAbsoluteCheckDecidesOnTheScoreAndTheThreshold() {
        assertThat(Check.SCORES_AT_LEAST.holds(4, 4)).isTrue();
        assertThat(Check.SCORES_AT_LEAST.holds(3, 4)).isFalse();
        assertThat(Check.SCORES_AT_MOST.holds(2, 2)).isTrue();
        assertThat(Check.SCORES_AT_MOST.holds(3, 2)).isFalse();
        assertThat(Check.HAS_EXPECTED_SCORE_AT_LEAST.holds(4.19, 4.2)).isFalse();
        assertThatThrownBy(() -> Check.BEATS.holds(5, 4)).isInstanceOf(IllegalStateException.class);
        assertThat(Check.SCORES_AT_LEAST.withThreshold(4.0)).isEqualTo("scoresAtLeast 4");
        assertThat(Check.HAS_EXPECTED_SCORE_AT_LEAST.withThreshold(4.2)).isEqualTo("hasExpectedScoreAtLeast 4.2");
        assertThat(Check.BEATS.withThreshold(null)).isEqualTo("beats");
        assertThatThrownBy(() -> Check.SCORES_AT_LEAST.holds(PairwiseOutcome.WIN))
                .isInstanceOf(IllegalStateException.class);
    }
}
