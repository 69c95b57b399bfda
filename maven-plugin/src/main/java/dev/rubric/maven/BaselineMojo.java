package dev.rubric.maven;

import dev.rubric.maven.baseline.Baseline;
import dev.rubric.maven.merge.MergedResults;
import dev.rubric.maven.baseline.BaselineFiles;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Writes the current merged results as the baseline ({@code src/test/rubric/baseline.json} by default): sorted,
 * without timings, latencies, run ids, feedback or machine details, so that it diffs well and can be committed.
 */
@Mojo(name = "baseline", threadSafe = true)
public class BaselineMojo extends AbstractRubricMojo {

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
    }
}
