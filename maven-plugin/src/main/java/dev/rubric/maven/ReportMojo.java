package dev.rubric.maven;

import dev.rubric.maven.baseline.BaselineComparison;
import dev.rubric.maven.gate.Gate;
import dev.rubric.maven.report.HtmlReport;
import dev.rubric.maven.calibrate.CalibrationResults;
import dev.rubric.maven.merge.MergedResults;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apiguardian.api.API;
import java.util.List;
import dev.rubric.results.ResultsFiles;

/**
 * Writes one self-contained HTML page of the results ({@code target/rubric/report/index.html}): summary, score
 * histograms, pass rates with their intervals, the baseline comparison, pairwise results and every test with the
 * judge's feedback. It shows the gate's limits but never fails the build on them: that is {@code check}'s job.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
@API(status = API.Status.INTERNAL, since = "0.1")
public class ReportMojo extends AbstractGateMojo {

    /** Where index.html goes. */
    @Parameter(property = "rubric.reportDirectory", defaultValue = "${project.build.directory}/rubric/report")
    File reportDirectory;

    /** The page's title. */
    @Parameter(property = "rubric.reportTitle", defaultValue = "${project.name}")
    String reportTitle;

    private boolean textsLeftOut;

    @Override
    String verb() {
        return "report";
    }

    /** With the verdicts' texts, unless the results files together are larger than the page shows texts for. */
    @Override
    ResultsFiles.Detail detail(List<Path> files) {
        long bytes = 0;
        for (Path f : files) {
            try {
                bytes += Files.size(f);
            } catch (IOException e) {
                // the reader names the file and why it cannot read it
            }
        }
        textsLeftOut = bytes > HtmlReport.MAX_TEXT_BYTES;
        if (textsLeftOut) {
            getLog().info("Rubric: the results files hold " + (bytes >> 20) + " MiB, more than the "
                    + (HtmlReport.MAX_TEXT_BYTES >> 20) + " MiB the report shows texts for: it shows outcomes, scores"
                    + " and messages without the verdicts' instructions, responses and feedback");
        }
        return textsLeftOut ? ResultsFiles.Detail.GATE : ResultsFiles.Detail.FULL;
    }

    @Override
    void run(MergedResults merged) throws MojoExecutionException {
        BaselineComparison comparison = readBaseline();
        warnIfOtherJudge(merged, comparison);
        CalibrationResults calibration = readCalibration(); // once, for the gate and for the page
        Gate.Result gate = evaluate(merged, comparison, calibration);
        String html = HtmlReport.render(reportTitle == null ? "Rubric" : reportTitle, merged, gate, comparison,
                Instant.now(), textsLeftOut, calibration);
        Path file = reportDirectory.toPath().resolve("index.html");
        try {
            Files.createDirectories(reportDirectory.toPath());
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write the rubric report " + file + ": " + e.getMessage()
                    + " (check that the folder is writable, or set <reportDirectory>)", e);
        }
        getLog().info("Rubric: report of " + merged.tests().size() + " tests written to " + file.toUri());
    }
}
