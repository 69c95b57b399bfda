package dev.rubric.maven.report;

import dev.rubric.maven.Fixtures;
import dev.rubric.maven.calibrate.CalibrationResults;
import dev.rubric.maven.calibrate.CalibrationResults.AbsoluteCalibration;
import dev.rubric.maven.calibrate.CalibrationResults.AbsoluteOutcome;
import dev.rubric.maven.calibrate.CalibrationResults.RubricCalibration;
import dev.rubric.maven.calibrate.CalibrationResults.Statistic;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CalibrationSectionTest {

    @Test
    void everyStringFromTheSetsAndTheJudgeIsEscapedAndUndefinedSaysWhy() {
        int[][] confusion = new int[5][5];
        confusion[4][0] = 1;
        confusion[2][2] = 3;
        AbsoluteCalibration a = new AbsoluteCalibration(4, 0, Map.of("pearson", new Statistic(null, null, null, 4,
                "the people gave <4> to every record", null)), confusion, null, List.of(new AbsoluteOutcome(
                "<b>id</b>", "x.jsonl:1", List.of(1), 5, "<script>alert(1)</script>", null)));
        CalibrationResults r = new CalibrationResults(1, Instant.EPOCH, "<sets>", Fixtures.JUDGE, List.of(
                new RubricCalibration("<tone>", "Polite & <warm>?", a, null)));

        String html = CalibrationSection.render(r);

        assertThat(html).doesNotContain("<script>", "<b>id", "<tone>", "<sets>", "<warm>", "<4>", "NaN")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;tone&gt;", "Polite &amp; &lt;warm&gt;?",
                        "undefined (the people gave &lt;4&gt; to every record)");
        assertThat(html).contains("people 1, judge 5: 1 record<", "people 3, judge 3: 3 records<");
    }
}
