package dev.rubric.judge.batch;

import dev.rubric.results.batch.BatchFiles;
import dev.rubric.results.batch.GradedBatch;
import dev.rubric.results.batch.GradingBatch;
import dev.rubric.results.batch.GradingOutcome;
import dev.rubric.results.batch.GradingRequest;
import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.JudgeException;
import dev.rubric.core.PairwiseGrading;
import dev.rubric.core.Rubrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batch runner as a build tool starts it: a JVM of its own on a test classpath, configured by system properties
 * and the classpath's junit-platform.properties, judged by the project's own Judge class (here the core tests'
 * CountingJudge, which scores a response by its length).
 */
class JudgeBatchMainTest {

    @TempDir
    Path dir;

    private static final GradingBatch BATCH = GradingBatch.of(List.of(
            GradingRequest.of("g1", new AbsoluteGrading("q", "four", Rubrics.HELPFULNESS, null)),
            GradingRequest.of("g2", new PairwiseGrading("q", "a long answer", "short", Rubrics.HARMLESSNESS, "r"))));

    private record Run(int exit, String output, GradedBatch graded) {
    }

    private Run run(Path classpathExtra, String... properties) throws Exception {
        Path in = dir.resolve("gradings.json");
        Path out = dir.resolve("outcomes-" + System.nanoTime() + ".json");
        BatchFiles.write(in, BATCH);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", (classpathExtra == null ? "" : classpathExtra + File.pathSeparator)
                        + System.getProperty("java.class.path")));
        command.addAll(List.of(properties));
        command.addAll(List.of(JudgeBatchMain.class.getName(), in.toString(), out.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), output, Files.exists(out) ? BatchFiles.readOutcomes(out) : null);
    }

    @Test
    void gradesEveryGradingWithTheConfiguredJudgeThroughTheCache() throws Exception {
        Path classpath = Files.createDirectories(dir.resolve("classpath"));
        Files.writeString(classpath.resolve("junit-platform.properties"), "rubric.judge.max-tokens=77\n");
        String[] config = {"-Drubric.judge=dev.rubric.judge.CountingJudge",
                "-Drubric.cache.dir=" + dir.resolve("cache")};

        Run first = run(classpath, config);
        Run second = run(classpath, config);

        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(first.output()).contains(JudgeBatchMain.PREFIX + "grading 2 with ", "graded 2 of 2");
        GradedBatch graded = first.graded();
        assertThat(graded.judge().backend()).isEqualTo("fake");
        // from junit-platform.properties on the classpath, as a test there would get it
        assertThat(graded.judge().decoding().maxTokens()).isEqualTo(77);
        assertThat(graded.outcomes()).extracting(GradingOutcome::id).containsExactly("g1", "g2");
        assertThat(graded.byId().get("g1").verdict().score()).isEqualTo(5); // "four": 4 % 5 + 1
        assertThat(graded.byId().get("g1").verdict().scoreDescriptions())
                .isEqualTo(Rubrics.HELPFULNESS.scoreDescriptions());
        assertThat(graded.byId().get("g2").verdict().winner()).isEqualTo("A");
        assertThat(graded.byId().get("g2").verdict().cached()).isFalse();
        // the verdict cache answers the second run
        assertThat(second.graded().outcomes()).allSatisfy(o -> assertThat(o.verdict().cached()).isTrue());
    }

    @Test
    void aJudgeThatCannotBeBuiltFailsEveryGradingWithItsReason() throws Exception {
        Run run = run(null, "-Drubric.judge=com.example.NoSuchJudge", "-Drubric.cache=off");

        assertThat(run.exit()).isZero();
        assertThat(run.output()).contains("the judge could not be built: rubric.judge = \"com.example.NoSuchJudge\"");
        assertThat(run.graded().judge()).isNull();
        assertThat(run.graded().outcomes()).hasSize(2).allSatisfy(o -> {
            assertThat(o.verdict()).isNull();
            assertThat(o.failure().reason()).isEqualTo(JudgeException.Reason.MISCONFIGURED);
            assertThat(o.failure().message()).contains("names no class on the test classpath");
        });
    }

    @Test
    void aMisspeltKeyIsAConfigurationFailureAndBadArgumentsExitWithUsage() throws Exception {
        Run misspelt = run(null, "-Drubric.judge=dev.rubric.judge.CountingJudge", "-Drubric.judge.max-token=5");
        assertThat(misspelt.graded().outcomes()).allSatisfy(o -> assertThat(o.failure().message())
                .contains("unknown configuration key rubric.judge.max-token; did you mean rubric.judge.max-tokens?"));

        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), JudgeBatchMain.class.getName()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(output).contains("usage: JudgeBatchMain GRADINGS.json OUTCOMES.json");
    }
}
