package dev.rubric.maven;

import dev.rubric.maven.baseline.BaselineComparison;
import dev.rubric.maven.calibrate.CalibrationResults;
import dev.rubric.maven.gate.Gate;
import dev.rubric.maven.gate.JudgeAgreementRule;
import dev.rubric.maven.text.CalibrationText;
import dev.rubric.maven.merge.MergedResults;

import dev.rubric.maven.text.Text;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apiguardian.api.API;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The quality gate: applies the limits to the merged results of every test JVM and fails the build when one is
 * broken, with the offending tests and the judge's feedback in the message.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
@API(status = API.Status.INTERNAL, since = "0.1")
public class CheckMojo extends AbstractGateMojo {

    /** False: broken rules are logged as warnings and the build goes on. */
    @Parameter(property = "rubric.haltOnFailure", defaultValue = "true")
    boolean haltOnFailure;

    /**
     * With calibration results and no limit on them: one line per rubric the tests grade on, its judge agreement or
     * a warning that none was measured (with a limit, the gate's own violations say it).
     */
    private void logJudgeAgreement(MergedResults merged) throws MojoExecutionException {
        CalibrationResults calibration = needsCalibration() ? null : readCalibration();
        if (calibration == null) {
            return;
        }
        String key;
        try {
            key = JudgeAgreementRule.key("judgeAgreementStatistic", judgeAgreementStatistic);
        } catch (RuntimeException e) {
            throw new MojoExecutionException("rubric-maven-plugin: " + e.getMessage(), e);
        }
        Map<String, String> missing = new LinkedHashMap<>();
        JudgeAgreementRule.overview(merged, calibration, key, missing).forEach((rubric, s) -> {
            if (s.isPresent()) {
                getLog().info("Rubric: judge agreement with people on '" + rubric + "' (" + key + "): "
                        + CalibrationText.statistic(key, s.get()) + " over " + s.get().n() + " records");
            } else {
                getLog().warn("Rubric: the judge's agreement with people on '" + rubric + "' is not measured: "
                        + missing.getOrDefault(rubric, "its calibration has no records of that kind")
                        + " (docs/calibration.md)");
            }
        });
    }

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
        logJudgeAgreement(merged);
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
