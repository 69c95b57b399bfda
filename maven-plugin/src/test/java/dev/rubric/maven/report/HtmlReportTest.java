package dev.rubric.maven.report;

import dev.rubric.maven.merge.ResultsMerger;
import dev.rubric.maven.gate.GateSettings;
import dev.rubric.maven.baseline.BaselineComparison;
import dev.rubric.maven.gate.Gate;
import dev.rubric.maven.merge.MergedResults;
import dev.rubric.maven.baseline.BaselineFiles;
import dev.rubric.maven.Fixtures;
import dev.rubric.maven.SampleSuite;

import dev.rubric.core.GradingMode;
import dev.rubric.results.AssertionRecord;
import dev.rubric.results.Check;
import dev.rubric.results.Outcome;
import dev.rubric.results.TestResult;
import dev.rubric.results.VerdictRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.rubric.maven.Fixtures.aborted;
import static dev.rubric.maven.Fixtures.beats;
import static dev.rubric.maven.Fixtures.pairwise;
import static dev.rubric.maven.Fixtures.sampled;
import static dev.rubric.maven.Fixtures.scored;
import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String IMG = "\"><img src=x onerror=alert(1)>";
    private static final String EVIL = SCRIPT + IMG + "'><svg onload=alert(2)>";

    private static String render(MergedResults merged, BaselineComparison baseline) throws Exception {
        Gate.Result gate = Gate.evaluate(merged, baseline, new GateSettings(0.9, null, 0, null, false, List.of()));
        return HtmlReport.render("Support bot <quality>", merged, gate, baseline, Instant.parse("2026-11-27T10:00:00Z"));
    }

    @Test
    void textFromTheModelAndTheSystemUnderTestComesOutInert() throws Exception {
        VerdictRecord evil = new VerdictRecord(GradingMode.ABSOLUTE, "helpful" + EVIL, "criteria " + EVIL,
                "instruction " + EVIL, "response " + EVIL, null, "reference " + EVIL, 2, null, 2.0, null, null,
                "feedback " + EVIL, false, false, 10, "fp" + EVIL);
        TestResult t = new TestResult("[engine:rubric]/[class:Evil" + EVIL + "]", null, "com.example.Evil" + EVIL,
                "method" + EVIL, "display" + EVIL, List.of("tag" + EVIL), Outcome.FAILED, "message " + EVIL, 5,
                List.of(new AssertionRecord("helpful" + EVIL, "c", Check.SCORES_AT_LEAST, 4.0,
                        2.0, null, false)), List.of(evil), null);
        MergedResults merged = Fixtures.merged(t);

        String html = render(merged, null);

        // the page's own markup has exactly one <script> element, and no <img> or <svg onload> at all
        assertThat(count(html, "<script")).isEqualTo(1);
        assertThat(html).doesNotContain("<img", "<svg onload").doesNotContain(SCRIPT);
        // no tag of the page has an event-handler attribute: with the quoted values taken out, no "on..." is left
        Matcher tags = Pattern.compile("<[a-zA-Z][^<>]*>").matcher(html);
        int tagCount = 0;
        while (tags.find()) {
            assertThat(tags.group().replaceAll("\"[^\"]*\"", "\"\"")).doesNotContainPattern("\\son[a-z]+=");
            tagCount++;
        }
        assertThat(tagCount).isGreaterThan(50);
        assertThat(html).contains("feedback &lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x "
                + "onerror=alert(1)&gt;&#39;&gt;&lt;svg onload=alert(2)&gt;");
        // attributes: no value of any attribute holds a raw quote or angle bracket from the data
        Matcher attrs = Pattern.compile("\\sdata-[a-z]+=\"([^\"]*)\"").matcher(html);
        int seen = 0;
        while (attrs.find()) {
            assertThat(attrs.group(1)).doesNotContain("<", ">", "'");
            seen++;
        }
        assertThat(seen).isGreaterThan(5);
        assertThat(html).contains("data-name=\"Evil&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
        assertThat(html).contains("Support bot &lt;quality&gt;");
    }

    @Test
    void thePageIsSelfContained() throws Exception {
        List<TestResult> tests = new ArrayList<>();
        tests.add(scored("SupportBotTest", "explainsRefunds", "helpfulness", 4, 5));
        tests.add(scored("SupportBotTest", "explainsShipping", "helpfulness", 4, 2));
        tests.add(aborted("SupportBotTest", "judgeDown", "helpfulness", "connection refused"));
        tests.addAll(sampled("PoliteTest", "staysPolite", "politeness", 4, 5, 0.8));
        tests.add(Fixtures.test("PairTest", "newPromptWins", Outcome.PASSED,
                List.of(beats("helpfulness", AssertionRecord.PairwiseOutcome.WIN)),
                List.of(pairwise("helpfulness", "A", "A answers the question"))));
        MergedResults merged = Fixtures.merged(tests.toArray(TestResult[]::new));

        String html = render(merged, new BaselineComparison(BaselineFiles.of(merged)));

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>", "<svg", "<details class=\"test\"",
                "Quality gate failed", "Pairwise comparisons", "Against the baseline", "1 won", "4/5");
        assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//").doesNotContain("<link", "@import",
                "url(");
    }

    @Test
    void aRealisticSuiteShowsEveryPartOfThePage() throws Exception {
        MergedResults merged = ResultsMerger.merge(SampleSuite.current());
        BaselineComparison baseline = new BaselineComparison(BaselineFiles.of(ResultsMerger.merge(SampleSuite.earlier())));

        String html = render(merged, baseline);
        java.nio.file.Path file = java.nio.file.Path.of("target", "sample-report", "index.html");
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.writeString(file, html);

        assertThat(count(html, "<details class=\"test\"")).isEqualTo(merged.tests().size()).isEqualTo(14);
        assertThat(count(html, "class=\"hist\"")).isEqualTo(5);
        assertThat(html).contains("2 won", "1 lost", "1 inconsistent", "4/5", "New failures",
                "RefundAnswersTest.explainsExpiredRefund", "did not answer within 60 s",
                "Telling an upset customer to calm down is dismissive");
        // the comparison with the baseline: in words, per scope, and the tests that scored lower
        assertThat(html).contains("Chance of a drop this large", "Scored lower", "got worse (passed, now fail",
                "A drop this large happens by chance in", "exact McNemar: one-sided p",
                "Wilcoxon signed-rank, exact: one-sided p");
        // a sampled test's samples, counted apart from the pass rate
        assertThat(html).contains("<div class=\"label\">Samples</div>", "samples passed in 1 sampled test that ran"
                + " every sample");
    }

    @Test
    void probabilitiesThatHeldLessThanTheWholeProbabilitySayHowMuch() throws Exception {
        VerdictRecord server = new VerdictRecord(GradingMode.ABSOLUTE, "helpfulness", "c", "q", "r", null, null, 4,
                null, 3.9, List.of(0.0, 0.0, 0.2, 0.7, 0.1), null, "f", false, false, 12, "fp", null, 0.934);
        VerdictRecord local = new VerdictRecord(GradingMode.ABSOLUTE, "helpfulness", "c", "q", "r", null, null, 4,
                null, 3.7, List.of(0.0, 0.0, 0.3, 0.7, 0.0), null, "f", false, false, 12, "fp", null, 1.0);
        VerdictRecord pair = new VerdictRecord(GradingMode.PAIRWISE, "helpfulness", "c", "q", "a", "b", null, null,
                "A", null, List.of(0.8, 0.2), null, "f", true, false, 12, "fp", null, 0.9);

        String html = render(Fixtures.merged(verdictTest("Server", server), verdictTest("Local", local),
                verdictTest("Pair", pair)), null);

        assertThat(html).contains("expected 3.90 <span title=", "(alternatives held 93.4%)", "expected 3.70</span>",
                "P(A) 0.80", "(alternatives held 90.0%)", "it stopped, or reached its token budget");
        assertThat(count(html, "(alternatives held")).isEqualTo(2);
    }

    private static TestResult verdictTest(String name, VerdictRecord v) {
        return new TestResult("[engine:rubric]/[class:com.example." + name + "]/[method:m()]", null,
                "com.example." + name, "m", "m()", List.of(), Outcome.PASSED, null, 5, List.of(), List.of(v), null,
                null);
    }

    @Test
    void aLargeRunListsItsFailuresFirstAndCountsWhatItLeavesOut() throws Exception {
        List<TestResult> tests = new ArrayList<>();
        for (int i = 0; i < HtmlReport.MAX_LISTED_TESTS + 500; i++) {
            tests.add(scored("com.example.Big", "case" + i, "helpfulness", 4, i % 1000 == 999 ? 2 : 5));
        }
        MergedResults merged = Fixtures.merged(tests.toArray(TestResult[]::new));

        String html = render(merged, null);

        assertThat(count(html, "<details class=\"test\"")).isEqualTo(HtmlReport.MAX_LISTED_TESTS);
        // the 2 failures (case999, case1999) are listed, although by name they sort after the passed tests cut off
        assertThat(html).contains("Big.case999<", "Big.case1999<");
        assertThat(html).contains("500 more tests are not listed here (500 passed)");
        // the tables still count every test
        assertThat(html).contains("2,500".replace(",", ""));
        assertThat(html).doesNotContain("texts-left-out");
    }

    @Test
    void aReportReadWithoutTextsSaysSo() throws Exception {
        MergedResults merged = Fixtures.merged(scored("com.example.A", "a", "helpfulness", 4, 5));
        Gate.Result gate = Gate.evaluate(merged, null, GateSettings.defaults());

        String html = HtmlReport.render("t", merged, gate, null, Instant.parse("2026-11-27T10:00:00Z"), true, null);

        assertThat(html).contains("id=\"texts-left-out\"", "but not the instructions, responses and feedback");
    }

    @Test
    void theEscaperCoversContentAndQuotedAttributes() {
        assertThat(Html.escape("a&b<c>d\"e'f")).isEqualTo("a&amp;b&lt;c&gt;d&quot;e&#39;f");
        assertThat(Html.escape(null)).isEmpty();
        assertThat(Html.escape("plain text, 4/5 ✓")).isEqualTo("plain text, 4/5 ✓");
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
