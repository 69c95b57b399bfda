package dev.rubric.maven;

import dev.rubric.maven.merge.MergedResults;
import dev.rubric.results.RunResults;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

import java.io.IOException;
import java.util.List;

/**
 * One report over every module of a multi-module build, as JaCoCo's report-aggregate: declared in a module that
 * depends on the others (so that Maven builds it after them), it reads their results files and its own and writes one
 * page, with a row per module and the module of each test. See docs/maven-plugin.md, "Multi-module builds".
 */
@Mojo(name = "report-aggregate", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ReportAggregateMojo extends ReportMojo {

    private ReactorModules modules;

    @Override
    List<RunResults> readRuns() throws MojoExecutionException {
        try {
            modules = ReactorModules.read(session, project, this::detail);
        } catch (RuntimeException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        getLog().info("Rubric: aggregating the results of " + String.join(", ", modules.names()));
        return modules.allRuns();
    }

    @Override
    MergedResults merge(List<RunResults> runs) {
        return modules.merged();
    }

    @Override
    List<String> rubricTestClasses() {
        try {
            return modules.rubricTestClasses();
        } catch (IOException e) {
            getLog().warn("Rubric: cannot look for @RubricTest classes in the modules: " + e);
            return List.of();
        }
    }

    /** Each module warns about its own classes that did not run. */
    @Override
    List<String> unrunRubricClasses(MergedResults merged) {
        return List.of();
    }
}
