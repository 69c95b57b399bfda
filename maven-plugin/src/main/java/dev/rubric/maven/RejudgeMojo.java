package dev.rubric.maven;

import dev.rubric.results.batch.GradedBatch;
import dev.rubric.results.batch.GradingBatch;
import dev.rubric.maven.baseline.BaselineComparison;
import dev.rubric.maven.baseline.BaselineFiles;
import dev.rubric.maven.fork.JudgeProcess;
import dev.rubric.maven.gate.Gate;
import dev.rubric.maven.merge.MergedResults;
import dev.rubric.maven.merge.ResultsMerger;
import dev.rubric.maven.rejudge.Agreement;
import dev.rubric.maven.rejudge.RejudgePlan;
import dev.rubric.maven.rejudge.RejudgeSummary;
import dev.rubric.maven.report.HtmlReport;
import dev.rubric.maven.text.RejudgeText;
import dev.rubric.results.ResultsFiles;
import dev.rubric.results.RunResults;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Grades stored answers again with the judge configured now, without running any test: reads the results files of a
 * run (or a results file kept beside a baseline), rebuilds every grading from what they kept, has the judge grade
 * them in a JVM of its own on the project's test classpath (configured as the tests would be), and writes new results
 * files, a comparison with the old verdicts (agreement, tests that changed outcome, the paired statistics of
 * {@code check}) in the log, and a report. It never fails on what the new judge says; only on being unable to ask it.
 * See docs/maven-plugin.md, "Re-judging stored answers".
 */
@Mojo(name = "rejudge", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
@API(status = API.Status.INTERNAL, since = "0.1")
public class RejudgeMojo extends AbstractGateMojo {

    /**
     * The stored answers: a folder of {@code results-*.json} (by default this build's results), or one results file
     * (such as {@code src/test/rubric/baseline-answers.json}, which {@code rubric:baseline -Drubric.baseline.keepAnswers}
     * writes).
     */
    @Parameter(property = "rubric.rejudge.from")
    File from;

    /** Where the re-judged results files, the judge process's files and the report go. */
    @Parameter(property = "rubric.rejudge.directory", defaultValue = "${project.build.directory}/rubric/rejudged")
    File rejudgeDirectory;

    /** The java executable of the judge process; default: Surefire's {@code <jvm>}, else the one running Maven. */
    @Parameter(property = "rubric.rejudge.jvm")
    File jvm;

    /** Extra JVM arguments of the judge process (memory for a local model, {@code --add-opens}...). */
    @Parameter(property = "rubric.rejudge.argLine")
    String rejudgeArgLine;

    /** How long the judge process may take, in seconds; 0 for no limit. */
    @Parameter(property = "rubric.rejudge.timeout", defaultValue = "0")
    int rejudgeTimeout;

    /** The report's title. */
    @Parameter(property = "rubric.reportTitle", defaultValue = "${project.name}")
    String reportTitle;

    private List<RunResults> runs = List.of();

    @Override
    String verb() {
        return "re-judge";
    }

    /** Stored answers are older than the build by design: -DskipTests or -Dtest do not make them stale. */
    @Override
    boolean judgesThisBuildsTests() {
        return false;
    }

    @Override
    List<RunResults> readRuns() throws MojoExecutionException {
        Path source = (from != null ? from : resultsDirectory).toPath();
        try {
            if (Files.isRegularFile(source)) {
                runs = List.of(ResultsFiles.read(source));
            } else if (Files.isDirectory(source) || from == null) {
                runs = ResultsFiles.readAll(source);
            } else {
                throw new MojoExecutionException("Rubric: nothing to re-judge at " + source + ": give "
                        + "-Drubric.rejudge.from a folder of results-*.json files or one results file");
            }
        } catch (RuntimeException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        getLog().info("Rubric: re-judging the answers stored in " + source + " (" + runs.size() + " results file"
                + (runs.size() == 1 ? "" : "s") + ")");
        return runs;
    }

    @Override
    void run(MergedResults merged) throws MojoExecutionException, MojoFailureException {
        RejudgePlan plan = RejudgePlan.of(runs);
        plan.skipped().stream().limit(10).forEach(s -> getLog().warn("Rubric: not re-judged: " + s.label() + ": "
                + s.reason()));
        if (plan.skipped().size() > 10) {
            getLog().warn("Rubric: and " + (plan.skipped().size() - 10) + " more tests not re-judged (the report"
                    + " lists them)");
        }
        GradingBatch batch = plan.batch();
        if (batch.gradings().isEmpty()) {
            throw new MojoFailureException("Rubric: nothing to re-judge: no stored verdict can be graded again"
                    + (plan.skipped().isEmpty() ? " (the results have none)" : " (" + plan.skipped().size()
                    + " tests left out, see the warnings above)"));
        }
        Path out = rejudgeDirectory.toPath();
        getLog().info("Rubric: grading " + batch.gradings().size() + " stored answers again in a judge process on"
                + " the test classpath");
        GradedBatch graded = JudgeProcesses.grade(judgeProcess(), batch, out.resolve("batch"), getLog(), "re-judged");
        List<RunResults> rejudged = plan.apply(graded, Instant.now());
        write(out, rejudged);
        MergedResults after = ResultsMerger.merge(rejudged);
        BaselineComparison oldVerdicts = new BaselineComparison(BaselineFiles.of(merged));
        Gate.Result gate = evaluate(after, oldVerdicts);
        RejudgeSummary summary = RejudgeSummary.of(merged, after, graded.judge(), batch.gradings().size(),
                Agreement.of(plan.oldVerdicts(), graded), plan.skipped());
        getLog().info("Rubric: " + RejudgeText.judges(summary));
        getLog().info("Rubric: agreement: " + RejudgeText.agreement(summary.agreement()));
        getLog().info("Rubric: " + RejudgeText.changes(summary));
        GateLog.comparisons(gate, "the old verdicts").forEach(getLog()::info);
        Path report = out.resolve("report").resolve("index.html");
        try {
            Files.createDirectories(report.getParent());
            Files.writeString(report, HtmlReport.renderRejudged((reportTitle == null ? "Rubric" : reportTitle)
                    + " (re-judged)", after, gate, oldVerdicts, Instant.now(), summary), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write the re-judge report " + report + ": " + e.getMessage(), e);
        }
        getLog().info("Rubric: the re-judged results are in " + out + " (check them with mvn rubric:check"
                + " -Drubric.resultsDirectory=" + out + "); the report: " + report.toUri());
    }

    /** Replaces the results files of an earlier re-judging with these. */
    private static void write(Path dir, List<RunResults> rejudged) throws MojoExecutionException {
        try {
            for (Path old : ResultsFiles.list(dir)) {
                Files.delete(old);
            }
            rejudged.forEach(r -> ResultsFiles.write(dir, r));
        } catch (IOException | RuntimeException e) {
            throw new MojoExecutionException("cannot write the re-judged results into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A judge process configured as the project's tests are: its test classpath, Surefire's properties and -D. */
    JudgeProcess judgeProcess() throws MojoExecutionException {
        return JudgeProcesses.forProject(project, session, jvm, rejudgeArgLine, rejudgeTimeout);
    }
}
