package dev.rubric.maven;

import dev.rubric.maven.baseline.BaselineComparison;
import dev.rubric.maven.gate.Gate;
import dev.rubric.maven.merge.MergedResults;

import dev.rubric.maven.text.Text;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The quality gate: applies the limits to the merged results of every test JVM and fails the build when one is
 * broken, with the offending tests and the judge's feedback in the message.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractGateMojo {

    /** False: broken rules are logged as warnings and the build goes on. */
    @Parameter(property = "rubric.haltOnFailure", defaultValue = "true")
    boolean haltOnFailure;

    @Override
    String verb() {
        return "check";
    }

    @Override
    void run(MergedResults merged) throws MojoExecutionException, MojoFailureException {
        BaselineComparison comparison = readBaseline();
        warnIfOtherJudge(merged, comparison);
        warnIfBaselineLimitsUnchecked(comparison);
        Gate.Result result = evaluate(merged, comparison);
        if (comparison != null) {
            getLog().info("Rubric: comparing with the baseline " + baseline);
        }
        // names, tags and messages come from results files: the console shows them escaped (Text.console)
        for (String line : GateLog.table(result, comparison != null)) {
            getLog().info(Text.console(line));
        }
        for (String line : GateLog.comparisons(result)) {
            getLog().info(Text.console(line));
        }
        for (String line : GateLog.warnings(result)) {
            getLog().warn(Text.console(line));
        }
        String summary = Text.console(GateLog.summary(result, merged));
        if (result.passed()) {
            getLog().info(summary);
            return;
        }
        String message = Text.console(GateLog.failure(result, "Results: " + resultsDirectory + " (" + merged.files()
                + (merged.files() == 1 ? " file" : " files") + "); every verdict and its feedback: mvn rubric:report"));
        if (haltOnFailure) {
            getLog().info(summary);
            throw new MojoFailureException(message);
        }
        getLog().warn(summary + " (haltOnFailure=false: not failing the build)");
        message.lines().skip(1).forEach(getLog()::warn);
    }
}
