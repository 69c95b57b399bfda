package dev.rubric.maven;

import dev.rubric.maven.merge.MergedResults;
import dev.rubric.results.RunResults;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

import java.io.IOException;
import java.util.List;

/**
 * The quality gate over every module of a multi-module build, as JaCoCo's report-aggregate does for coverage:
 * declared in a module that depends on the others (so that Maven builds it after them), it reads their results files
 * and its own, applies its limits to all the tests together (and to {@code <rule><module>} rules), and names the
 * module of each offending test. See docs/maven-plugin.md, "Multi-module builds".
 */
@Mojo(name = "check-aggregate", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckAggregateMojo extends CheckMojo {

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
