package dev.rubric.maven;

import dev.rubric.maven.calibrate.Calibration;
import dev.rubric.maven.calibrate.CalibrationException;
import dev.rubric.maven.calibrate.CalibrationFiles;
import dev.rubric.maven.calibrate.CalibrationResults;
import dev.rubric.maven.calibrate.CalibrationResults.RubricCalibration;
import dev.rubric.maven.calibrate.CalibrationSets;
import dev.rubric.maven.report.HtmlReport;
import dev.rubric.maven.text.CalibrationText;
import dev.rubric.maven.fork.JudgeProcess;
import dev.rubric.results.batch.GradedBatch;
import dev.rubric.results.batch.GradingBatch;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Measures how well the configured judge agrees with people on the project's own rubrics: reads the human-labelled
 * calibration sets ({@code src/test/rubric/calibration/*.jsonl}), has the judge grade them in a JVM of its own on the
 * test classpath (configured as the tests would be, through the verdict cache, as one batch), and writes the
 * agreement per rubric to the log, to {@code target/rubric/calibration.json} (read by {@code check}'s
 * {@code minJudgeAgreement} and by {@code report}) and to a page of its own. It fails only when it cannot measure:
 * no sets, a bad record, a judge that cannot be built. See docs/calibration.md.
 */
@Mojo(name = "calibrate", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST,
        requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
@API(status = API.Status.INTERNAL, since = "0.1")
public class CalibrateMojo extends AbstractMojo {

    /** The calibration sets: a folder of {@code *.jsonl} files of human-labelled examples. */
    @Parameter(property = "rubric.calibration.directory",
            defaultValue = "${project.basedir}/src/test/rubric/calibration")
    File calibrationDirectory;

    /** Where the measured agreement goes; {@code check} and {@code report} read it from there. */
    @Parameter(property = "rubric.calibration.results",
            defaultValue = "${project.build.directory}/rubric/" + CalibrationFiles.NAME)
    File calibrationResults;

    /** Where the calibration's page ({@code index.html}) and the judge process's files go. */
    @Parameter(property = "rubric.calibration.reportDirectory",
            defaultValue = "${project.build.directory}/rubric/calibration")
    File calibrationReportDirectory;

    /** The java executable of the judge process; default: Surefire's {@code <jvm>}, else the one running Maven. */
    @Parameter(property = "rubric.calibrate.jvm")
    File jvm;

    /** Extra JVM arguments of the judge process (memory for a local model, {@code --add-opens}...). */
    @Parameter(property = "rubric.calibrate.argLine")
    String calibrateArgLine;

    /** How long the judge process may take, in seconds; 0 for no limit. */
    @Parameter(property = "rubric.calibrate.timeout", defaultValue = "0")
    int calibrateTimeout;

    /** The page's title. */
    @Parameter(property = "rubric.reportTitle", defaultValue = "${project.name}")
    String reportTitle;

    /** Skips the goal. */
    @Parameter(property = "rubric.calibration.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${session}", readonly = true)
    MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Rubric: calibration skipped (rubric.calibration.skip)");
            return;
        }
        Path base = project == null ? Path.of(".") : project.getBasedir().toPath();
        Calibration calibration;
        try {
            calibration = Calibration.of(CalibrationSets.read(calibrationDirectory.toPath(), base));
        } catch (CalibrationException e) {
            throw new MojoFailureException("Rubric: " + e.getMessage(), e);
        }
        GradingBatch batch = calibration.batch();
        Path out = calibrationReportDirectory.toPath();
        getLog().info("Rubric: calibrating the judge on " + calibration.records().size() + " human-labelled records"
                + " of " + calibrationDirectory + " (" + batch.gradings().size() + " gradings, pairwise ones in both"
                + " orders) in a judge process on the test classpath");
        JudgeProcess process = JudgeProcesses.forProject(project, session, jvm, calibrateArgLine, calibrateTimeout);
        GradedBatch graded = JudgeProcesses.grade(process, batch, out.resolve("batch"), getLog(), "calibrated");
        long cached = graded.outcomes().stream().filter(o -> o.verdict() != null && o.verdict().cached()).count();
        getLog().info("Rubric: " + cached + " of " + graded.outcomes().size() + " gradings came from the verdict cache");
        CalibrationResults results;
        try {
            results = calibration.measure(graded, calibrationDirectory.toString(), Instant.now());
            CalibrationFiles.write(calibrationResults.toPath(), results);
        } catch (CalibrationException e) {
            throw new MojoExecutionException("Rubric: " + e.getMessage(), e);
        }
        log(results);
        Path page = out.resolve("index.html");
        try {
            Files.createDirectories(out);
            Files.writeString(page, HtmlReport.renderCalibration(reportTitle == null ? "Rubric" : reportTitle,
                    results, results.createdAt()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write the calibration page " + page + ": " + e.getMessage(), e);
        }
        getLog().info("Rubric: calibration written to " + calibrationResults + "; the page: " + page.toUri());
    }

    private void log(CalibrationResults results) {
        getLog().info("Rubric: agreement of " + results.judge().description() + " with people, per rubric (bootstrap"
                + " 95% intervals for scores, Wilson for pairwise shares):");
        for (RubricCalibration r : results.rubrics()) {
            List<String> lines = new java.util.ArrayList<>();
            if (r.absolute() != null) {
                lines.addAll(CalibrationText.absolute(r.rubric(), r.absolute()));
            }
            if (r.pairwise() != null) {
                lines.addAll(CalibrationText.pairwise(r.rubric(), r.pairwise()));
            }
            lines.forEach(l -> getLog().info("Rubric:   " + l));
        }
    }
}
