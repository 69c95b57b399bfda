package dev.rubric.judge.batch;

import dev.rubric.results.batch.BatchFiles;
import dev.rubric.results.batch.GradedBatch;
import dev.rubric.results.batch.GradingBatch;
import dev.rubric.results.batch.GradingRequest;
import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.DecodingSettings;
import dev.rubric.core.Grading;
import dev.rubric.core.Judge;
import dev.rubric.core.JudgeException;
import dev.rubric.core.JudgeFingerprint;
import dev.rubric.core.PairwiseGrading;
import dev.rubric.core.Rubrics;
import dev.rubric.core.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchGraderTest {

    static final JudgeFingerprint FP = new JudgeFingerprint("test", "m", "1", "v", DecodingSettings.GREEDY);

    /** Scores 3, fails a response "down", answers a pairwise grading with an absolute verdict (broken). */
    static final class QuirkyJudge implements Judge {
        final List<Integer> batchSizes = new ArrayList<>();

        @Override
        public JudgeFingerprint fingerprint() {
            return FP;
        }

        @Override
        public CompletableFuture<Verdict> grade(Grading grading) {
            if (grading instanceof AbsoluteGrading a && a.response().equals("down")) {
                return CompletableFuture.failedFuture(new JudgeException(JudgeException.Reason.TIMED_OUT, "slow"));
            }
            return CompletableFuture.completedFuture(AbsoluteVerdict.of(3, "fine", null, false, FP, Duration.ZERO));
        }

        @Override
        public List<CompletableFuture<Verdict>> gradeAll(List<? extends Grading> gradings) {
            batchSizes.add(gradings.size());
            return Judge.super.gradeAll(gradings);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void everyGradingGetsAVerdictOrItsReasonAndTheJudgeSeesThemAllAtOnce() {
        GradingBatch batch = GradingBatch.of(List.of(
                GradingRequest.of("a", new AbsoluteGrading("q", "up", Rubrics.HONESTY, null)),
                GradingRequest.of("b", new AbsoluteGrading("q", "down", Rubrics.HONESTY, null)),
                GradingRequest.of("c", new PairwiseGrading("q", "x", "y", Rubrics.HONESTY, null))));
        QuirkyJudge judge = new QuirkyJudge();
        List<String> progress = new ArrayList<>();

        GradedBatch graded = BatchGrader.grade(judge, Map.of("rubric.judge", "quirky"), batch, progress::add);

        assertThat(judge.batchSizes).containsExactly(3);
        assertThat(graded.byId().get("a").verdict().score()).isEqualTo(3);
        assertThat(graded.byId().get("b").failure().reason()).isEqualTo(JudgeException.Reason.TIMED_OUT);
        assertThat(graded.byId().get("b").failure().message()).isEqualTo("the judge gave no verdict (TIMED_OUT): slow");
        assertThat(graded.byId().get("c").failure().message()).contains("answered a PAIRWISE grading with "
                + "AbsoluteVerdict");
        assertThat(graded.judge().settings()).containsEntry("rubric.judge", "quirky");
        assertThat(progress).last().isEqualTo("graded 3 of 3");
    }

    @Test
    void aBatchWritesAndReadsBackAndAnIncompleteGradingIsNamed(@TempDir Path dir) throws Exception {
        GradingBatch batch = GradingBatch.of(List.of(GradingRequest.of("a",
                new PairwiseGrading("q", "x", "y", Rubrics.HONESTY, "ref"))));
        BatchFiles.write(dir.resolve("b.json"), batch);
        assertThat(BatchFiles.readGradings(dir.resolve("b.json"))).isEqualTo(batch);
        assertThat(BatchFiles.readGradings(dir.resolve("b.json")).gradings().get(0).toGrading())
                .isEqualTo(new PairwiseGrading("q", "x", "y", Rubrics.HONESTY, "ref"));

        Files.writeString(dir.resolve("bad.json"), "{\"schemaVersion\": 1, \"gradings\": [{\"id\": \"x\", \"mode\":"
                + " \"ABSOLUTE\", \"instruction\": \"q\", \"criteria\": \"c\", \"scoreDescriptions\": [\"1\"]}]}");
        assertThatThrownBy(() -> BatchFiles.readGradings(dir.resolve("bad.json")).gradings().get(0).toGrading())
                .hasMessageContaining("the grading x of the batch is incomplete");
        Files.writeString(dir.resolve("new.json"), "{\"schemaVersion\": 9, \"gradings\": []}");
        assertThatThrownBy(() -> BatchFiles.readGradings(dir.resolve("new.json")))
                .hasMessageContaining("schema version 9").hasMessageContaining("same Rubric version");
        assertThatThrownBy(() -> GradingBatch.of(List.of(GradingRequest.of("a", new AbsoluteGrading("q", "r",
                Rubrics.HONESTY, null)), GradingRequest.of("a", new AbsoluteGrading("q", "s", Rubrics.HONESTY, null)))))
                .hasMessageContaining("the grading id a appears twice");
    }
}
