package dev.rubric.results;

import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.DecodingSettings;
import dev.rubric.core.Grading;
import dev.rubric.core.JudgeFingerprint;
import dev.rubric.core.PairwiseGrading;
import dev.rubric.core.PairwiseVerdict;
import dev.rubric.core.Rubric;
import dev.rubric.core.Rubrics;
import dev.rubric.core.Winner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A results file keeps everything a grading needs, so that another judge can grade it again. */
class VerdictRecordTest {

    static final JudgeFingerprint JUDGE = new JudgeFingerprint("keyword", "k", "1", "it", DecodingSettings.GREEDY);
    static final Rubric TONE = Rubric.of("Is the reply polite and warm?", "Rude.", "Curt.", "Neutral.", "Polite.",
            "Warm and polite throughout.").named("tone");

    @TempDir
    Path dir;

    @Test
    void aVerdictsRecordRebuildsItsGradingExactlyAfterAWriteAndARead() {
        AbsoluteGrading absolute = new AbsoluteGrading("How do I get a refund?", "Within 30 days.", TONE, "Ref.");
        PairwiseGrading pairwise = new PairwiseGrading("Summarise.", "New.", "Old.", Rubrics.HELPFULNESS, null);
        VerdictRecord a = VerdictRecord.of(absolute, AbsoluteVerdict.of(4, "ok", null, false, JUDGE, Duration.ZERO));
        VerdictRecord p = VerdictRecord.of(pairwise, new PairwiseVerdict(Winner.B, "B", 0.3, false, JUDGE,
                Duration.ZERO, false));
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        TestResult t = new TestResult("[engine:rubric]/[class:A]/[method:a()]", null, "A", "a", "a()", List.of(),
                Outcome.PASSED, null, 1, List.of(), List.of(a, p), null);

        RunResults read = ResultsFiles.read(ResultsFiles.write(dir, new RunResults(RunResults.SCHEMA_VERSION, "r",
                null, now, now, 0, 2, List.of(t))));

        List<Grading> rebuilt = read.tests().get(0).verdicts().stream().map(VerdictRecord::toGrading).toList();
        assertThat(rebuilt).containsExactly(absolute, pairwise);
        assertThat(read.tests().get(0).verdicts().get(0).scoreDescriptions()).containsExactlyElementsOf(
                TONE.scoreDescriptions());
        assertThat(read.tests().get(0).verdicts().get(1).probabilities()).containsExactly(0.3, 0.7);
    }

    @Test
    void aFileWrittenBeforeDescriptionsWereKeptStillRegradesThePredefinedRubrics() throws Exception {
        Path file = dir.resolve("results-old.json");
        Files.writeString(file, """
                {"schemaVersion": 1, "runId": "old", "tests": [{"uniqueId": "u", "className": "A", "methodName": "a",
                  "outcome": "FAILED", "verdicts": [
                    {"mode": "ABSOLUTE", "rubric": "helpfulness", "criteria": "%s", "instruction": "q",
                     "response": "r", "score": 2, "feedback": "f"},
                    {"mode": "ABSOLUTE", "rubric": "tone", "criteria": "Is the reply polite and warm?",
                     "instruction": "q", "response": "r", "score": 2, "feedback": "f"}]}]}
                """.formatted(Rubrics.HELPFULNESS.criteria().replace("\"", "\\\"")));

        List<VerdictRecord> verdicts = ResultsFiles.read(file).tests().get(0).verdicts();

        assertThat(verdicts.get(0).scoreDescriptions()).isNull();
        assertThat(verdicts.get(0).whyNotRegradable()).isEmpty();
        assertThat(verdicts.get(0).toGrading()).isEqualTo(new AbsoluteGrading("q", "r", Rubrics.HELPFULNESS, null));
        assertThat(verdicts.get(1).whyNotRegradable()).get().asString()
                .contains("written before it kept the rubric's score descriptions", "'tone' is not a predefined",
                        "run the tests again");
        assertThatThrownBy(() -> verdicts.get(1).toGrading()).hasMessageStartingWith("cannot grade tone again: ");
    }

    @Test
    void aRecordWithoutItsResponseCannotBeRegraded() {
        VerdictRecord r = new VerdictRecord(dev.rubric.core.GradingMode.PAIRWISE, "tone", "c", "q", "a", null, null,
                null, "A", null, null, null, "f", false, false, 0, "fp", TONE.scoreDescriptions(), null);
        assertThat(r.whyNotRegradable()).contains("the verdict record lacks the instruction or a response");
    }
}
