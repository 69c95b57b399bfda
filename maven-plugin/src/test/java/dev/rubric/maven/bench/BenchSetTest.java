package dev.rubric.maven.bench;

import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.PairwiseGrading;
import dev.rubric.prometheus.PrometheusFormat;
import dev.rubric.results.batch.GradingBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

/** The team's copies of prometheus-eval's files read in their formats, and the gradings they ask for. */
class BenchSetTest {

    @Test
    void vicunaIsAbsoluteAndItsPromptsReachTheJudgeVerbatim() throws IOException {
        BenchSet set = BenchSet.read(shared("vicuna_eval.json"));

        BenchSet.Absolute vicuna = (BenchSet.Absolute) set;
        assertThat(vicuna.size()).isEqualTo(320);
        assertThat(vicuna.items()).allSatisfy(i -> assertThat(i.gpt4Scores()).hasSize(3));
        GradingBatch batch = set.batch();
        assertThat(batch.gradings()).hasSize(320);
        AbsoluteGrading first = (AbsoluteGrading) batch.gradings().get(0).toGrading();
        assertThat(PrometheusFormat.get().userMessage(first)).isEqualTo(vicuna.items().get(0).prompt());
    }

    @Test
    void hhhHasTwoGradingsPerRecordAndFourSources() throws IOException {
        BenchSet.Hhh hhh = (BenchSet.Hhh) BenchSet.read(shared("hhh_alignment_eval.json"));

        assertThat(hhh.size()).isEqualTo(221);
        assertThat(hhh.batch().gradings()).hasSize(442);
        assertThat(hhh.items().stream().map(BenchSet.HhhItem::source).distinct().sorted())
                .containsExactly("harmless", "helpful", "honest", "other");
    }

    @Test
    void autoJIsJsonLinesOfPairsWithTheirLabels() throws IOException {
        BenchSet.AutoJ autoJ = (BenchSet.AutoJ) BenchSet.read(shared("autoj_pairwise.json"));

        assertThat(autoJ.size()).isEqualTo(1392);
        assertThat(autoJ.items().stream().filter(i -> i.label() == 2).count()).isEqualTo(373);
        PairwiseGrading g = (PairwiseGrading) autoJ.batch().gradings().get(0).toGrading();
        assertThat(g.responseA()).isEqualTo(autoJ.items().get(0).response1());
        assertThat(g.responseB()).isEqualTo(autoJ.items().get(0).response2());
    }

    @Test
    void aFileOfAnotherShapeOrWithABadRecordIsRefusedNamingIt(@TempDir Path dir) throws IOException {
        Path other = Files.writeString(dir.resolve("other.json"), "[{\"question\": \"q\"}]");
        assertThatThrownBy(() -> BenchSet.read(other)).hasMessageContaining("other.json")
                .hasMessageContaining("gpt4_score");
        Path badScore = Files.writeString(dir.resolve("bad.json"),
                "[{\"instruction\": \"p\", \"gpt4_score\": [4, 7, 3]}]");
        assertThatThrownBy(() -> BenchSet.read(badScore)).hasMessageContaining("record 1")
                .hasMessageContaining("1 to 5");
        Path badLabel = Files.writeString(dir.resolve("pairs.jsonl"),
                "{\"prompt\": \"p\", \"response 1\": \"a\", \"response 2\": \"b\", \"label\": 0}\n"
                        + "{\"prompt\": \"p\", \"response 1\": \"a\", \"response 2\": \"b\", \"label\": 3}\n");
        assertThatThrownBy(() -> BenchSet.read(badLabel)).hasMessageContaining("record 2")
                .hasMessageContaining("label");
    }

    /** shared/prometheus-bench, found by walking up from the working directory. */
    private static Path shared(String name) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path f = d.resolve("shared").resolve("prometheus-bench").resolve(name);
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        return fail("shared/prometheus-bench/" + name + " not found above " + Path.of("").toAbsolutePath()
                + ": copy prometheus-eval's eval/benchmark/data files there (shared/prometheus-bench/README.md)");
    }
}
