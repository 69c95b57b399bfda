package dev.rubric.maven.report;

import dev.rubric.maven.merge.ResultsMerger;
import dev.rubric.maven.gate.GateSettings;
import dev.rubric.maven.gate.Gate;
import dev.rubric.maven.merge.MergedResults;
import dev.rubric.maven.SampleSuite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the report's inline script in a real browser: headless Chromium clicks the score column twice (descending)
 * and types into the filter, and the test reads the resulting DOM. Runs where a {@code chromium} is on the PATH
 * (Debian: apt-get install chromium); elsewhere it is skipped.
 */
@EnabledIf("chromiumInstalled")
class HtmlReportBrowserTest {

    static boolean chromiumInstalled() {
        return chromium() != null;
    }

    private static Path chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "chromium");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    @Test
    void theTestTableSortsAndFiltersInABrowser(@TempDir Path dir) throws Exception {
        MergedResults merged = ResultsMerger.merge(SampleSuite.current());
        Gate.Result gate = Gate.evaluate(merged, null, GateSettings.defaults());
        String html = HtmlReport.render("Acme", merged, gate, null, Instant.now()).replace("</body>",
                "<script>var b=document.querySelector('button[data-sort=score]');b.click();b.click();"
                        + "var f=document.getElementById('filter');f.value='tone';"
                        + "f.dispatchEvent(new Event('input'));</script></body>");
        Path page = dir.resolve("index.html");
        Files.writeString(page, html);

        Process p = new ProcessBuilder(chromium().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir.resolve("profile"), "--dump-dom", page.toUri().toString())
                .redirectError(dir.resolve("chromium.log").toFile()).start();
        byte[] dom = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();

        List<String> scores = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        Matcher rows = Pattern.compile("<details class=\"test\"[^>]*>").matcher(new String(dom, StandardCharsets.UTF_8));
        while (rows.find()) {
            String row = rows.group();
            String name = attr(row, "data-name");
            scores.add(attr(row, "data-score"));
            if (!row.contains("display: none")) {
                shown.add(name);
            }
        }
        assertThat(scores).hasSize(14);
        assertThat(scores.stream().map(Double::parseDouble).toList())
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(shown).containsExactly("ToneTest.declinesMedicalAdvice", "ToneTest.staysPoliteWithAngryCustomers",
                "ToneTest.keepsAnswersShort");
    }

    private static String attr(String tag, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(tag);
        return m.find() ? m.group(1) : "";
    }
}
