package dev.rubric.maven;

import dev.rubric.maven.baseline.Baseline;
import dev.rubric.maven.merge.MergedResults;
import dev.rubric.maven.baseline.BaselineFiles;

import dev.rubric.maven.baseline.AnswersFile;
import dev.rubric.results.ResultsFiles;
import dev.rubric.results.RunResults;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apiguardian.api.API;

/**
 * Writes the current merged results as the baseline ({@code src/test/rubric/baseline.json} by default): sorted,
 * without timings, latencies, run ids, feedback or machine details, so that it diffs well and can be committed.
 */
@Mojo(name = "baseline", threadSafe = true)
@API(status = API.Status.INTERNAL, since = "0.1")
public class BaselineMojo extends AbstractRubricMojo {

    /**
     * Also keeps the answers behind the baseline, in {@code baseline-answers.json} beside it (a results file: every
     * grading of the tests that counted, no timings), so that {@code rubric:rejudge} can grade them again later.
     */
    @Parameter(property = "rubric.baseline.keepAnswers", defaultValue = "false")
    boolean keepAnswers;

    private List<RunResults> runs = List.of();

    @Override
    List<RunResults> readRuns() throws MojoExecutionException {
        runs = super.readRuns();
        return runs;
    }

    /** The answers file keeps the verdicts' texts; the baseline itself needs none. */
    @Override
    ResultsFiles.Detail detail(List<Path> files) {
        return keepAnswers ? ResultsFiles.Detail.FULL : ResultsFiles.Detail.GATE;
    }

    @Override
    String verb() {
        return "record";
    }

    @Override
    void run(MergedResults merged) throws MojoExecutionException {
        Baseline b = BaselineFiles.of(merged);
        try {
            BaselineFiles.write(baseline.toPath(), b);
        } catch (RuntimeException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        getLog().info("Rubric: wrote the baseline of " + b.tests().size() + " tests and " + b.rubrics().size()
                + " rubrics to " + baseline + "; commit it so that later builds compare against it");
        if (keepAnswers) {
            Path answers = AnswersFile.beside(baseline.toPath());
            try {
                ResultsFiles.writeTo(answers, AnswersFile.of(runs, merged));
            } catch (RuntimeException e) {
                throw new MojoExecutionException("cannot write the baseline's answers " + answers + ": "
                        + e.getMessage(), e);
            }
            getLog().info("Rubric: kept the answers behind it in " + answers + " (re-judge them with mvn"
                    + " rubric:rejudge -Drubric.rejudge.from=" + answers + ")");
        }
    }
}
