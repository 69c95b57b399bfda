package dev.rubric.maven.calibrate;

import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.DecodingSettings;
import dev.rubric.core.JudgeException;
import dev.rubric.core.JudgeFingerprint;
import dev.rubric.core.PairwiseVerdict;
import dev.rubric.core.Rubrics;
import dev.rubric.core.Winner;
import dev.rubric.results.AbortRecord;
import dev.rubric.results.JudgeRecord;
import dev.rubric.results.VerdictRecord;
import dev.rubric.results.batch.GradedBatch;
import dev.rubric.results.batch.GradingBatch;
import dev.rubric.results.batch.GradingOutcome;
import dev.rubric.results.batch.GradingRequest;
import dev.rubric.stats.PairwiseAccuracy.Preference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CalibrationTest {

    static final JudgeFingerprint FP = new JudgeFingerprint("fake", "fake-judge", "1", "t", DecodingSettings.GREEDY);

    @Test
    void pairwiseRecordsAreGradedInBothOrdersAndScoresAgainstTheRatersMean() {
        Calibration c = Calibration.of(List.of(
                new CalibrationRecord.Absolute("s:1", "s:1", Rubrics.HELPFULNESS, "q", "r", null, List.of(4, 5)),
                new CalibrationRecord.Pairwise("s:2", "p", Rubrics.HELPFULNESS, "q", "a", "b", null, Preference.FIRST)));

        GradingBatch batch = c.batch();

        assertThat(batch.gradings()).extracting(GradingRequest::id).containsExactly("r1", "r2", "r2-swapped");
        assertThat(batch.gradings().get(2).response()).isEqualTo("b");
        assertThat(batch.gradings().get(2).responseB()).isEqualTo("a");
    }

    @Test
    void verdictsBecomeStatisticsAndFailuresAreLeftOutAndNamed() {
        List<CalibrationRecord> records = new ArrayList<>();
        int[] judge = {1, 2, 3, 4, 5, 2, 3, 3, 4, 5};
        int[] human = {2, 2, 3, 3, 5, 1, 4, 3, 4, 4};
        for (int i = 0; i < judge.length; i++) {
            records.add(new CalibrationRecord.Absolute("s:" + i, "s:" + i, Rubrics.HELPFULNESS, "q" + i, "r" + i,
                    null, List.of(human[i])));
        }
        records.add(new CalibrationRecord.Absolute("s:x", "x", Rubrics.HELPFULNESS, "qx", "rx", null, List.of(3)));
        // people chose A; the judge picks A shown as A, and A again when it is shown as B: consistent and right
        records.add(new CalibrationRecord.Pairwise("s:p", "p", Rubrics.HELPFULNESS, "q", "a", "b", null,
                Preference.FIRST));
        Calibration c = Calibration.of(records);
        List<GradingOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < judge.length; i++) {
            outcomes.add(scored("r" + (i + 1), c, i, judge[i]));
        }
        outcomes.add(new GradingOutcome("r11", null, new AbortRecord(JudgeException.Reason.UNREACHABLE, "down")));
        outcomes.add(picked("r12", c, 11, Winner.A));
        outcomes.add(picked("r12-swapped", c, 11, Winner.B));

        CalibrationResults results = c.measure(new GradedBatch(1, JudgeRecord.of(FP, Map.of()), outcomes), "sets",
                Instant.EPOCH);

        CalibrationResults.RubricCalibration h = results.rubric("helpfulness").orElseThrow();
        assertThat(h.absolute().records()).isEqualTo(11);
        assertThat(h.absolute().withoutVerdict()).isEqualTo(1);
        assertThat(h.absolute().statistics().get("spearman").value()).isCloseTo(0.8567052763593976, within(1e-12));
        assertThat(h.absolute().statistics().get("quadraticKappa").low()).isCloseTo(0.5504341164453527, within(1e-9));
        assertThat(h.absolute().outcomes().get(10).failure()).isEqualTo("down");
        assertThat(h.absolute().raters()).isNull();
        assertThat(h.pairwise().accuracy().successes()).isEqualTo(1);
        assertThat(h.pairwise().swapConsistency().successes()).isEqualTo(1);
        assertThat(h.pairwise().outcomes().get(0).judgeSwapped()).isEqualTo("A");
    }

    @Test
    void theResultsFileRoundTripsAndANewerOneIsRefused(@TempDir Path dir) throws Exception {
        CalibrationResults r = new CalibrationResults(1, Instant.EPOCH, "sets", JudgeRecord.of(FP, Map.of()), List.of(
                new CalibrationResults.RubricCalibration("tone", "Polite?", null, null)));
        Path file = dir.resolve(CalibrationFiles.NAME);
        CalibrationFiles.write(file, r);
        assertThat(CalibrationFiles.read(file).rubrics()).extracting(CalibrationResults.RubricCalibration::rubric)
                .containsExactly("tone");
        java.nio.file.Files.writeString(file, "{\"schemaVersion\": 9}");
        assertThatThrownBy(() -> CalibrationFiles.read(file)).hasMessageContaining("has calibration schema version 9");
    }

    @Test
    void twoRubricsOfOneNameWithOtherCriteriaAreRefused() {
        assertThatThrownBy(() -> Calibration.of(List.of(
                new CalibrationRecord.Absolute("a:1", "a:1", Rubrics.HELPFULNESS, "q", "r", null, List.of(4)),
                new CalibrationRecord.Absolute("b:1", "b:1", Rubrics.HONESTY.named("helpfulness"), "q", "r", null,
                        List.of(4))))).hasMessageStartingWith("b:1: the rubric \"helpfulness\" has other criteria than"
                + " at a:1");
    }

    private static GradingOutcome scored(String id, Calibration c, int record, int score) {
        CalibrationRecord.Absolute a = (CalibrationRecord.Absolute) c.records().get(record);
        return new GradingOutcome(id, VerdictRecord.of(new dev.rubric.core.AbsoluteGrading(a.instruction(),
                a.response(), a.rubric(), null), AbsoluteVerdict.of(score, "f", null, false, FP, Duration.ZERO)), null);
    }

    private static GradingOutcome picked(String id, Calibration c, int record, Winner w) {
        CalibrationRecord.Pairwise p = (CalibrationRecord.Pairwise) c.records().get(record);
        return new GradingOutcome(id, VerdictRecord.of(new dev.rubric.core.PairwiseGrading(p.instruction(),
                p.responseA(), p.responseB(), p.rubric(), null), new PairwiseVerdict(w, "f", null, false, FP,
                Duration.ZERO, false)), null);
    }
}
