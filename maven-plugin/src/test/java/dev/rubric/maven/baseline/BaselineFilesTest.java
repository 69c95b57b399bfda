package dev.rubric.maven.baseline;

import dev.rubric.maven.merge.ResultsMerger;
import dev.rubric.maven.Fixtures;

import dev.rubric.results.TestResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.rubric.maven.Fixtures.aborted;
import static dev.rubric.maven.Fixtures.run;
import static dev.rubric.maven.Fixtures.sampled;
import static dev.rubric.maven.Fixtures.scored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BaselineFilesTest {

    private static List<TestResult> suite() {
        List<TestResult> tests = new ArrayList<>();
        tests.add(scored("SupportBotTest", "explainsShipping", "helpfulness", 4, 2));
        tests.add(scored("SupportBotTest", "explainsRefunds", "helpfulness", 4, 5, "smoke", "billing"));
        tests.addAll(sampled("PoliteTest", "staysPolite", "politeness", 4, 5, 0.8));
        tests.add(aborted("SupportBotTest", "judgeDown", "helpfulness", "connection refused"));
        return tests;
    }

    @Test
    void theSameResultsGiveTheSameBytesWhateverTheOrderTimesAndRunIds(@TempDir Path dir) throws Exception {
        List<TestResult> reversed = new ArrayList<>(suite());
        java.util.Collections.reverse(reversed);
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");

        BaselineFiles.write(a, BaselineFiles.of(ResultsMerger.merge(List.of(run("run-1", suite())))));
        BaselineFiles.write(b, BaselineFiles.of(ResultsMerger.merge(List.of(
                run("other-run", Instant.parse("2030-01-01T00:00:00Z"), reversed)))));

        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    }

    @Test
    void theBaselineIsSortedAndKeepsNoTimingsRunIdsOrMachineDetails(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("src/test/rubric/baseline.json");
        BaselineFiles.write(file, BaselineFiles.of(ResultsMerger.merge(List.of(run("run-1", suite())))));
        String json = Files.readString(file);

        assertThat(json).doesNotContain("run-1", "latency", "duration", "startedAt", "finishedAt", "127.0.0.1",
                "rubric.judge.url", "Feedback on", "\r").endsWith("}\n");
        assertThat(json.indexOf("\"judges\"")).isLessThan(json.indexOf("\"rubrics\"")).isLessThan(json.indexOf("\"schemaVersion\""))
                .isLessThan(json.indexOf("\"tests\""));
        assertThat(json.indexOf("PoliteTest")).isLessThan(json.indexOf("SupportBotTest]/[method:explainsRefunds"))
                .isLessThan(json.indexOf("SupportBotTest]/[method:explainsShipping"));
        assertThat(json).doesNotContain("\"passRate\" : 0.8");
        assertThat(json).contains("\"samples\" : {\n        \"passed\" : 4,\n        \"planned\" : 5,\n", "\"tags\" : [\n        \"billing\",\n        \"smoke\"\n      ]");
    }

    @Test
    void aWrittenBaselineReadsBackEqual(@TempDir Path dir) {
        Baseline written = BaselineFiles.of(ResultsMerger.merge(List.of(run("run-1", suite()))));
        Path file = dir.resolve("baseline.json");
        BaselineFiles.write(file, written);

        Baseline read = BaselineFiles.read(file);

        assertThat(read).isEqualTo(written);
        assertThat(read.rubrics().get("helpfulness")).isEqualTo(new Baseline.RubricSnapshot(2, 0.5, 3.5));
        assertThat(read.test(Fixtures.id("PoliteTest", "staysPolite"))).get()
                .satisfies(t -> assertThat(t.scores()).containsEntry("politeness", 3.6));
    }

    @Test
    void aDamagedBaselineNamesTheFileAndTheWayOut(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("baseline.json");
        Files.writeString(file, "{ \"tests\": [ {\"id\": ");

        assertThatThrownBy(() -> BaselineFiles.read(file)).hasMessageContaining(file.toString())
                .hasMessageContaining("is not valid baseline JSON").hasMessageContaining("mvn rubric:baseline");
    }
}
