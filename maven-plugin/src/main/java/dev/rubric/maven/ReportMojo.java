package dev.rubric.maven;

import dev.rubric.maven.baseline.BaselineComparison;
import dev.rubric.maven.gate.Gate;
import dev.rubric.maven.report.HtmlReport;
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

    @Override
    String verb() {
        return "report";
    }

    @Override
    void run(MergedResults merged) throws MojoExecutionException {
        BaselineComparison comparison = readBaseline();
        warnIfOtherJudge(merged, comparison);
        Gate.Result gate = evaluate(merged, comparison);
        String html = HtmlReport.render(reportTitle == null ? "Rubric" : reportTitle, merged, gate, comparison,
                Instant.now(), readCalibration());
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
