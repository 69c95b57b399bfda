package dev.rubric.maven;

import dev.rubric.maven.calibrate.CalibrationException;
import dev.rubric.maven.calibrate.CalibrationFiles;
import dev.rubric.maven.calibrate.CalibrationResults;
import dev.rubric.maven.gate.GateSettings;
import dev.rubric.maven.baseline.BaselineComparison;
import dev.rubric.maven.gate.Rule;
import dev.rubric.maven.scope.Scope;

import dev.rubric.maven.gate.Gate;
import dev.rubric.maven.gate.InvalidRuleException;
import dev.rubric.maven.merge.MergedResults;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.util.List;

/** The limits, shared by check (which enforces them) and report (which shows them). */
abstract class AbstractGateMojo extends AbstractRubricMojo {

    /** The lowest pass rate of all tests together, a fraction (0.9 = 90%); no limit when unset. */
    @Parameter(property = "rubric.minPassRate")
    Double minPassRate;

    /** The lowest mean absolute score (1 to 5) of all tests together; no limit when unset. */
    @Parameter(property = "rubric.minMeanScore")
    Double minMeanScore;

    /** The most aborted tests (no verdict: the judge was unreachable or answered garbage) of all tests together. */
    @Parameter(property = "rubric.maxAborted", defaultValue = "0")
    int maxAborted;

    /** How far each rubric's mean score may fall against the baseline (0.25 = a quarter point); no limit when unset. */
    @Parameter(property = "rubric.maxMeanScoreDrop")
    Double maxMeanScoreDrop;

    /** Breaks the gate when a test that passed in the baseline fails now. */
    @Parameter(property = "rubric.failOnNewFailures", defaultValue = "false")
    boolean failOnNewFailures;

    /**
     * The lowest pass rate of the samples of sampled tests, all tests together, a fraction; no limit when unset. It
     * counts only sampled tests that ran every sample, so it cannot be held when one stopped early (the rule says so):
     * run them all with {@code -Drubric.execution.early-stop=false}.
     */
    @Parameter(property = "rubric.minSamplePassRate")
    Double minSamplePassRate;

    /**
     * Breaks the gate when the tests shared with the baseline got worse beyond noise: a drop at least as large as
     * this one (tests that went from passed to failed, or scores that fell) would happen by chance in fewer than
     * {@code alpha} of runs. See docs/maven-plugin.md, "Regressions beyond noise".
     */
    @Parameter(property = "rubric.failOnSignificantDrop", defaultValue = "false")
    boolean failOnSignificantDrop;

    /** The significance level of the comparison with the baseline (0.05: fewer than 5 runs in 100 by chance). */
    @Parameter(property = "rubric.alpha", defaultValue = "0.05")
    double alpha = GateSettings.DEFAULT_ALPHA;

    /**
     * What {@code rubric:calibrate} measured (the judge's agreement with people), shown by {@code report} and held to
     * {@code minJudgeAgreement} by {@code check}; absent: not measured.
     */
    @Parameter(property = "rubric.calibration.results",
            defaultValue = "${project.build.directory}/rubric/" + CalibrationFiles.NAME)
    File calibrationResults;

    /**
     * Each rubric the tests grade on: the lowest lower end of the 95% interval of the judge's measured agreement with
     * people ({@code rubric:calibrate}); a rubric without a measurement breaks it. No limit when unset.
     */
    @Parameter(property = "rubric.minJudgeAgreement")
    Double minJudgeAgreement;

    /**
     * The statistic {@code minJudgeAgreement} holds: {@code quadraticKappa} (default), {@code spearman},
     * {@code pearson}, {@code kendallTauB}, {@code exactAgreement}, {@code withinOneAgreement} or
     * {@code pairwiseAccuracy}.
     */
    @Parameter(property = "rubric.judgeAgreementStatistic")
    String judgeAgreementStatistic;

    /** Limits per rubric (name or criteria), per test class or per tag: see {@link Rule}. */
    @Parameter
    List<Rule> rules;

    /** Whether a judge agreement limit is set, globally or in a rule: only then does the gate read the calibration. */
    boolean needsCalibration() {
        return minJudgeAgreement != null || (rules != null && rules.stream().anyMatch(r -> r.getMinJudgeAgreement() != null));
    }

    /** The calibration results when their file exists, else {@code null}; a damaged file fails the goal. */
    CalibrationResults readCalibration() throws MojoExecutionException {
        if (calibrationResults == null || !calibrationResults.isFile()) {
            return null;
        }
        try {
            return CalibrationFiles.read(calibrationResults.toPath());
        } catch (CalibrationException e) {
            throw new MojoExecutionException("Rubric: " + e.getMessage(), e);
        }
    }

    /** Says so when limits against a baseline are set but there is no baseline to hold them to. */
    void warnIfBaselineLimitsUnchecked(BaselineComparison comparison) {
        boolean ruleDrop = rules != null && rules.stream().anyMatch(r -> r.getMaxMeanScoreDrop() != null
                || Boolean.TRUE.equals(r.getFailOnSignificantDrop()));
        if (comparison == null && (maxMeanScoreDrop != null || failOnNewFailures || failOnSignificantDrop || ruleDrop)) {
            getLog().warn("Rubric: maxMeanScoreDrop/failOnNewFailures/failOnSignificantDrop are set but there is no"
                    + " baseline at " + baseline + ", so they are not checked: write one with mvn rubric:baseline and"
                    + " commit it");
        }
    }

    GateSettings settings() throws MojoExecutionException {
        try {
            Rule.of(Scope.ALL, minPassRate, minMeanScore, maxAborted, maxMeanScoreDrop)
                    .withMinSamplePassRate(minSamplePassRate).validate("rubric-maven-plugin");
            return new GateSettings(minPassRate, minMeanScore, maxAborted, maxMeanScoreDrop, failOnNewFailures, rules,
                    minSamplePassRate, failOnSignificantDrop, alpha, minJudgeAgreement, judgeAgreementStatistic);
        } catch (InvalidRuleException e) {
            throw new MojoExecutionException("rubric-maven-plugin: " + e.getMessage(), e);
        }
    }

    /** The gate's findings; a rule that cannot be checked as written fails the goal with what is wrong with it. */
    Gate.Result evaluate(MergedResults merged, BaselineComparison comparison) throws MojoExecutionException {
        return evaluate(merged, comparison, needsCalibration() ? readCalibration() : null);
    }

    /** The same, with the calibration results the goal read already (or {@code null}). */
    Gate.Result evaluate(MergedResults merged, BaselineComparison comparison, CalibrationResults calibration)
            throws MojoExecutionException {
        try {
            return Gate.evaluate(merged, comparison, settings(), needsCalibration() ? calibration : null);
        } catch (InvalidRuleException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }
}
