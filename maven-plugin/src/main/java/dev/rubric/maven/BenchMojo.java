package dev.rubric.maven;

import dev.rubric.core.ConfigKeys;
import dev.rubric.core.DecodingSettings;
import dev.rubric.maven.bench.BenchResult;
import dev.rubric.maven.bench.BenchSet;
import dev.rubric.maven.bench.BenchTable;
import dev.rubric.maven.fork.JudgeProcess;
import dev.rubric.results.batch.GradedBatch;
import dev.rubric.results.batch.GradingBatch;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Measures the configured judge on one of prometheus-eval's meta-evaluation files, with the Prometheus 2 paper's
 * procedure, and writes what it measured to {@code target/rubric/bench/<file name>.json}:
 *
 * <pre>
 * mvn rubric:bench -Drubric.bench.data=path/to/vicuna_eval.json -Drubric.judge=openai -Drubric.judge.url=...
 * </pre>
 *
 * The gradings go to a judge process on the project's test classpath (as {@code rubric:rejudge}'s do), with the
 * paper's sampling unless the command line says otherwise ({@link DecodingSettings#PAPER}: 3 samples per grading at
 * temperature 1.0, top-p 0.9, repetition penalty 1.03, at most 1024 tokens). Statistics:
 * {@link BenchResult}.
 */
@Mojo(name = "bench", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
@API(status = API.Status.INTERNAL, since = "0.1")
public class BenchMojo extends AbstractMojo {

    /** The benchmark file: vicuna_eval.json, mt_bench_eval.json, flask_eval.json, hhh_alignment_eval.json, autoj_pairwise.json. */
    @Parameter(property = "rubric.bench.data", required = true)
    File data;

    /** Where the results go: {@code <directory>/<file name>.json}, and the judge process's files under batch/. */
    @Parameter(property = "rubric.bench.directory", defaultValue = "${project.build.directory}/rubric/bench")
    File benchDirectory;

    /** The java executable of the judge process; default: Surefire's {@code <jvm>}, else the one running Maven. */
    @Parameter(property = "rubric.bench.jvm")
    File jvm;

    /** Extra JVM arguments of the judge process (memory for a local model...). */
    @Parameter(property = "rubric.bench.argLine")
    String argLine;

    /** How long the judge process may take, in seconds; 0 for no limit. */
    @Parameter(property = "rubric.bench.timeout", defaultValue = "0")
    int timeout;

    @Parameter(defaultValue = "${session}", readonly = true)
    MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        BenchSet set;
        try {
            set = BenchSet.read(data.toPath());
        } catch (RuntimeException e) {
            throw new MojoExecutionException("Rubric: " + e.getMessage(), e);
        }
        GradingBatch batch = set.batch();
        Path out = benchDirectory.toPath();
        getLog().info("Rubric: benchmark " + set.name() + ": " + set.size() + " records, " + batch.gradings().size()
                + " gradings, in a judge process on the test classpath");
        JudgeProcess process = JudgeProcesses.forProject(project, session, paperSampling(), jvm, argLine, timeout);
        GradedBatch graded = JudgeProcesses.grade(process, batch, out.resolve("batch"), getLog(), "measured");
        BenchResult result = BenchResult.of(set, graded);
        Path written;
        try {
            written = result.writeTo(out);
        } catch (RuntimeException e) {
            throw new MojoExecutionException("Rubric: " + e.getMessage(), e);
        }
        BenchTable.lines(result).forEach(l -> getLog().info("Rubric: " + l));
        getLog().info("Rubric: the benchmark results are in " + written);
    }

    /** The paper's sampling, as judge settings; {@code -D} on the command line overrides each. */
    static Map<String, String> paperSampling() {
        DecodingSettings paper = DecodingSettings.PAPER;
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(ConfigKeys.SAMPLES, String.valueOf(paper.samples()));
        settings.put(ConfigKeys.TEMPERATURE, String.valueOf(paper.temperature()));
        settings.put(ConfigKeys.TOP_P, String.valueOf(paper.topP()));
        settings.put(ConfigKeys.REPETITION_PENALTY, String.valueOf(paper.repetitionPenalty()));
        settings.put(ConfigKeys.MAX_TOKENS, String.valueOf(paper.maxTokens()));
        return settings;
    }
}
