package dev.rubric.maven.calibrate;

import dev.rubric.core.Rubrics;
import dev.rubric.stats.PairwiseAccuracy.Preference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CalibrationSetsTest {

    @TempDir
    Path project;

    private Path sets(String name, String... lines) throws IOException {
        Path folder = Files.createDirectories(project.resolve("src/test/rubric/calibration"));
        Files.writeString(folder.resolve(name), String.join("\n", lines) + "\n");
        return folder;
    }

    @Test
    void absoluteAndPairwiseRecordsInFileOrderWithSeveralRatersAndRubricFiles() throws IOException {
        Files.createDirectories(project.resolve("rubrics"));
        Files.writeString(project.resolve("rubrics/tone.yaml"), "name: tone\ncriteria: Polite?\nscore1: a\nscore2: b\n"
                + "score3: c\nscore4: d\nscore5: e\n");
        Path folder = sets("b.jsonl",
                "{\"rubric\": \"helpfulness\", \"instruction\": \"q\", \"response\": \"r\", \"human\": 4}",
                "",
                "{\"id\": \"p1\", \"rubric\": \"helpfulness\", \"instruction\": \"q\", \"responseA\": \"a\","
                        + " \"responseB\": \"b\", \"reference\": \"ref\", \"human\": \"Tie\"}");
        Files.writeString(folder.resolve("a.jsonl"), "{\"rubric\": \"rubrics/tone.yaml\", \"instruction\": \"q\","
                + " \"response\": \"r\", \"human\": [4, 5, 3]}\n");
        Files.writeString(folder.resolve("notes.txt"), "not a set");

        List<CalibrationRecord> records = CalibrationSets.read(folder, project);

        assertThat(records).hasSize(3);
        CalibrationRecord.Absolute tone = (CalibrationRecord.Absolute) records.get(0);
        assertThat(tone.source()).isEqualTo("a.jsonl:1");
        assertThat(tone.id()).isEqualTo("a.jsonl:1");
        assertThat(tone.rubric().name()).isEqualTo("tone");
        assertThat(tone.human()).containsExactly(4, 5, 3);
        assertThat(tone.humanScore()).isEqualTo(4.0);
        assertThat(records.get(1).rubric()).isEqualTo(Rubrics.HELPFULNESS);
        CalibrationRecord.Pairwise pair = (CalibrationRecord.Pairwise) records.get(2);
        assertThat(pair.source()).isEqualTo("b.jsonl:3");
        assertThat(pair.id()).isEqualTo("p1");
        assertThat(pair.human()).isEqualTo(Preference.TIE);
        assertThat(pair.reference()).isEqualTo("ref");
    }

    @Test
    void mistakesNameTheLineTheFieldAndTheWayOut() throws IOException {
        assertThatThrownBy(() -> CalibrationSets.read(sets("s.jsonl",
                "{\"rubric\": \"helpfulness\", \"instruction\": \"q\", \"response\": \"r\", \"human\": 6}"), project))
                .hasMessage("s.jsonl:1: \"human\" must be a score from 1 to 5 or a list of them, got 6");
        assertThatThrownBy(() -> CalibrationSets.read(sets("s.jsonl",
                "{\"rubric\": \"helpfulness\", \"instruction\": \"q\", \"respnse\": \"r\", \"human\": 3}"), project))
                .hasMessageStartingWith("s.jsonl:1: unknown field \"respnse\" in an absolute record; its fields are"
                        + " [human, id, instruction, reference, response, rubric]");
        assertThatThrownBy(() -> CalibrationSets.read(sets("s.jsonl",
                "{\"rubric\": \"helpful\", \"instruction\": \"q\", \"response\": \"r\", \"human\": 3}"), project))
                .hasMessageStartingWith("s.jsonl:1: no predefined rubric is called \"helpful\"; use one of [");
        assertThatThrownBy(() -> CalibrationSets.read(sets("s.jsonl",
                "{\"rubric\": \"helpfulness\", \"instruction\": \"q\", \"responseA\": \"a\", \"responseB\": \"b\","
                        + " \"human\": \"C\"}"), project))
                .hasMessage("s.jsonl:1: \"human\" of a pairwise record is \"A\", \"B\" or \"tie\" (which response"
                        + " people preferred), got \"C\"");
        assertThatThrownBy(() -> CalibrationSets.read(sets("s.jsonl", "{\"rubric\": \"helpfulness\","), project))
                .hasMessageStartingWith("s.jsonl:1: not a JSON object: ");
        assertThatThrownBy(() -> CalibrationSets.read(sets("s.jsonl",
                "{\"rubric\": \"tone.yaml\", \"instruction\": \"q\", \"response\": \"r\", \"human\": 3}"), project))
                .hasMessageStartingWith("s.jsonl:1: the rubric file tone.yaml is not there");
        assertThatThrownBy(() -> CalibrationSets.read(sets("s.jsonl",
                "{\"rubric\": \"helpfulness\", \"response\": \"r\", \"human\": []}"), project))
                .hasMessage("s.jsonl:1: \"instruction\" is missing");
    }

    @Test
    void noFolderOrNoSetsIsAnErrorWithTheWayOut() throws IOException {
        assertThatThrownBy(() -> CalibrationSets.read(project.resolve("nothing"), project))
                .hasMessageContaining("is not a folder; put human-labelled examples there as *.jsonl files");
        Path empty = Files.createDirectories(project.resolve("empty"));
        assertThatThrownBy(() -> CalibrationSets.read(empty, project)).hasMessageContaining("has no *.jsonl file");
    }
}
