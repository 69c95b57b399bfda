package dev.rubric.maven.fork;

import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.Rubrics;
import dev.rubric.results.batch.GradedBatch;
import dev.rubric.results.batch.GradingBatch;
import dev.rubric.results.batch.GradingRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The judge process as rubric:rejudge starts it: a real JVM on a classpath, with properties, environment, folder. */
class JudgeProcessTest {

    @TempDir
    Path dir;

    static final GradingBatch BATCH = GradingBatch.of(List.of(
            GradingRequest.of("a", new AbsoluteGrading("q", "abc", Rubrics.HELPFULNESS, null))));

    static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    static List<String> classpath() {
        return Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    }

    @Test
    void gradesInAJvmOfItsOwnWithTheTestsPropertiesEnvironmentAndFolder() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project with spaces"));
        JudgeProcess process = new JudgeProcess(JAVA, classpath(), Map.of("rubric.judge", EchoJudge.class.getName(),
                "rubric.cache", "off", "rubric.test.mark", "a \"quoted\" value"), Map.of("RUBRIC_TEST_MARK", "here"),
                List.of("-Xmx256m"), project, Duration.ofSeconds(60));
        List<JudgeProcess.Line> lines = new ArrayList<>();

        GradedBatch graded = process.grade(BATCH, dir.resolve("work"), lines::add);

        assertThat(graded.judge().backend()).isEqualTo("echo");
        assertThat(graded.byId().get("a").verdict().score()).isEqualTo(3);
        assertThat(graded.byId().get("a").verdict().feedback()).isEqualTo("env=here dir=" + project
                + " prop=a \"quoted\" value");
        assertThat(lines).extracting(JudgeProcess.Line::text).anyMatch(l -> l.contains("graded 1 of 1"));
    }

    @Test
    void aProcessThatFailsSaysWhatItPrintedAndWhatToCheck() {
        JudgeProcess noRubric = new JudgeProcess(JAVA, List.of(dir.toString()), Map.of(), Map.of(), List.of(), dir,
                Duration.ZERO);

        assertThatThrownBy(() -> noRubric.grade(BATCH, dir.resolve("work"), line -> { }))
                .isInstanceOf(JudgeProcessException.class)
                .hasMessageContaining("the judge process failed (exit status 1)")
                .hasMessageContaining("ClassNotFoundException: dev.rubric.judge.batch.JudgeBatchMain")
                .hasMessageContaining("is rubric-junit a test dependency of the project");
    }

    @Test
    void aJavaThatIsNotThereIsNamed() {
        JudgeProcess missing = new JudgeProcess(dir.resolve("no-java"), classpath(), Map.of(), Map.of(), List.of(), dir,
                Duration.ZERO);

        assertThatThrownBy(() -> missing.grade(BATCH, dir.resolve("work"), line -> { }))
                .hasMessageContaining("cannot start the judge process with " + dir.resolve("no-java"))
                .hasMessageContaining("set <jvm>");
    }

    @Test
    void anArgLineSplitsAsAShellWould() {
        assertThat(JudgeProcess.arguments("-Xmx2g  \"-Dname=two words\" -ea"))
                .containsExactly("-Xmx2g", "-Dname=two words", "-ea");
        assertThat(JudgeProcess.arguments(null)).isEmpty();
    }
}
