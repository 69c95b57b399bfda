package dev.rubric.results;

import dev.rubric.core.GradingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Results files are untrusted input: every hostile one is refused with the file named, nothing hangs or recurses. */
class ResultsFilesHostileTest {

    @TempDir
    Path dir;

    private Path file(String tests) throws Exception {
        Path file = dir.resolve("results-x.json");
        Files.writeString(file, """
                {"schemaVersion": 1, "runId": "x", "startedAt": "2026-01-01T00:00:00Z",
                 "finishedAt": "2026-01-01T00:00:01Z", "cacheHits": 0, "cacheMisses": 0,
                 "tests": [%s]}
                """.formatted(tests));
        return file;
    }

    private static String test(String id, String parent, String outcome) {
        return """
                {"uniqueId": %s, "parentId": %s, "className": "A", "methodName": "a", "displayName": "a()",
                 "outcome": %s, "durationMs": 1}""".formatted(id == null ? "null" : "\"" + id + "\"",
                parent == null ? "null" : "\"" + parent + "\"", outcome == null ? "null" : "\"" + outcome + "\"");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aFifoNamedLikeAResultsFileIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("results-x.json");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();

        assertThatThrownBy(() -> ResultsFiles.readAll(dir))
                .hasMessageContaining(fifo.toString())
                .hasMessageContaining("not a regular file (a FIFO, socket or device)");
    }

    @Test
    void aLinkLeadingOutOfTheResultsFolderIsRefused() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("elsewhere")).resolve("secret.json");
        Files.writeString(outside, "{}");
        Path results = Files.createDirectories(dir.resolve("rubric"));
        Path link = Files.createSymbolicLink(results.resolve("results-x.json"), outside);

        assertThatThrownBy(() -> ResultsFiles.read(link))
                .hasMessageContaining(link.toString()).hasMessageContaining("leads out of the results folder");
    }

    @Test
    void aLinkToDevZeroIsRefusedNotReadForever() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("results-x.json"), Path.of("/dev/zero"));

        assertThatThrownBy(() -> ResultsFiles.read(link)).hasMessageContaining(link.toString());
    }

    @Test
    void aLinkWithinTheFolderIsRead() throws Exception {
        Path real = file(test("t1", null, "PASSED"));
        Path link = Files.createSymbolicLink(dir.resolve("results-y.json"), real.getFileName());

        assertThat(ResultsFiles.read(link).tests()).hasSize(1);
    }

    @Test
    void aFolderNamedLikeAResultsFileIsRefused() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("results-x.json"));

        assertThatThrownBy(() -> ResultsFiles.read(folder)).hasMessageContaining("a folder");
    }

    @Test
    void aSelfParentIsRefusedNotAStackOverflow() throws Exception {
        Path f = file(test("t1", "t1", "FAILED"));

        assertThatThrownBy(() -> ResultsFiles.read(f))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("t1").hasMessageContaining("its own parent");
    }

    @Test
    void aParentCycleIsRefusedSoThatNoFailureVanishes() throws Exception {
        Path f = file(test("ok", null, "PASSED") + "," + test("a", "b", "FAILED") + "," + test("b", "a", "FAILED"));

        assertThatThrownBy(() -> ResultsFiles.read(f))
                .hasMessageContaining(f.toString()).hasMessageContaining("make a cycle").hasMessageContaining("a")
                .hasMessageContaining("2 tests");
    }

    @Test
    void aTestListedTwiceIsRefused() throws Exception {
        Path f = file(test("t1", null, "FAILED") + "," + test("t1", null, "PASSED"));

        assertThatThrownBy(() -> ResultsFiles.read(f)).hasMessageContaining("t1 is listed twice");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() throws Exception {
        List<String> chain = new ArrayList<>();
        chain.add(test("n0", null, "PASSED"));
        for (int i = 1; i <= ResultsFiles.MAX_DEPTH + 5; i++) {
            chain.add(test("n" + i, "n" + (i - 1), "PASSED"));
        }
        Path f = file(String.join(",", chain));

        assertThatThrownBy(() -> ResultsFiles.read(f)).hasMessageContaining("nest deeper than 32");
    }

    @Test
    void nullsAreRefusedWithTheTestNamedNotAnNpe() throws Exception {
        Path noId = file(test(null, null, "PASSED"));
        assertThatThrownBy(() -> ResultsFiles.read(noId)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(noId.toString()).hasMessageContaining("test #1").hasMessageContaining("no uniqueId");

        Path noOutcome = file(test("t1", null, null));
        assertThatThrownBy(() -> ResultsFiles.read(noOutcome)).hasMessageContaining("t1) has no outcome");

        Path nullTest = file(test("t1", null, "PASSED") + ", null");
        assertThatThrownBy(() -> ResultsFiles.read(nullTest)).hasMessageContaining("test #2")
                .hasMessageContaining("not a test object");

        Path nullTag = file(test("t1", null, "PASSED").replace("\"durationMs\"", "\"tags\": [\"a\", null], \"durationMs\""));
        assertThatThrownBy(() -> ResultsFiles.read(nullTag)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test #1").hasMessageContaining("a list in it holds null");

        Path nullRunId = dir.resolve("results-n.json");
        Files.writeString(nullRunId, "{\"schemaVersion\": 1, \"runId\": null, \"tests\": []}");
        assertThatThrownBy(() -> ResultsFiles.read(nullRunId)).hasMessageContaining("no runId");

        Path notAnObject = dir.resolve("results-a.json");
        Files.writeString(notAnObject, "[1, 2]");
        assertThatThrownBy(() -> ResultsFiles.read(notAnObject)).hasMessageContaining("not a JSON object");
    }

    @Test
    void aTextTooLongForTheReaderIsRefusedNamingTheLimits() throws Exception {
        Path f = file(test("t1", null, "FAILED").replace("\"durationMs\"",
                "\"message\": \"" + "x".repeat(ResultsFiles.MAX_READ_CHARS + 1) + "\", \"durationMs\""));

        assertThatThrownBy(() -> ResultsFiles.read(f)).hasMessageContaining(f.toString())
                .hasMessageContaining("longer than the 20,000,000 characters");
    }

    @Test
    void whateverTheEngineWritesThePluginReadsAndAShortenedTextSaysSo() {
        String answer = "é".repeat(21_000_000);
        VerdictRecord v = new VerdictRecord(GradingMode.ABSOLUTE, "helpfulness", "c", "q", answer, null, null, 2, null,
                null, null, null, "fb", false, false, 1, "fp", null, null);
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Path written = ResultsFiles.write(dir, new RunResults(RunResults.SCHEMA_VERSION, "big", null, now, now, 0, 1,
                List.of(new TestResult("t1", null, "A", "a", "a()", List.of(), Outcome.FAILED, null, 1, List.of(),
                        List.of(v), null))));

        String read = ResultsFiles.read(written).tests().get(0).verdicts().get(0).response();

        assertThat(read.length()).isLessThanOrEqualTo(ResultsFiles.MAX_TEXT_CHARS);
        assertThat(read.startsWith("éé")).isTrue();
        assertThat(read.substring(read.length() - 200)).contains(ResultsFiles.SHORTENED_MARK)
                .endsWith(" of 21,000,000 characters]");
        // and written again, it stays as it is
        assertThat(ResultsFiles.shorten(read) == read).isTrue();
    }

    @Test
    void theGateDetailKeepsScoresAndOutcomesButNotTheTexts() throws Exception {
        VerdictRecord v = new VerdictRecord(GradingMode.ABSOLUTE, "helpfulness", "c", "question", "answer", null,
                "ref", 4, null, 3.9, List.of(0.0, 0.0, 0.2, 0.7, 0.1), null, "feedback", false, false, 12, "fp",
                List.of("1", "2", "3", "4", "5"), 0.9);
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Path written = ResultsFiles.write(dir, new RunResults(RunResults.SCHEMA_VERSION, "g", null, now, now, 0, 1,
                List.of(new TestResult("t1", null, "A", "a", "a()", List.of("x"), Outcome.FAILED, "why", 1, List.of(),
                        List.of(v), null))));

        TestResult lean = ResultsFiles.read(written, ResultsFiles.Detail.GATE).tests().get(0);

        VerdictRecord kept = lean.verdicts().get(0);
        assertThat(kept.score()).isEqualTo(4);
        assertThat(kept.expectedScore()).isEqualTo(3.9);
        assertThat(kept.rubric()).isEqualTo("helpfulness");
        assertThat(kept.criteria()).isEqualTo("c");
        assertThat(kept.instruction()).isNull();
        assertThat(kept.response()).isNull();
        assertThat(kept.feedback()).isEqualTo("feedback"); // a failed test's: the gate quotes it
        assertThat(lean.message()).isEqualTo("why");
        assertThat(lean.tags()).containsExactly("x");
    }

    @Test
    void descendantsAreFoundInTheFilesOrderAcrossLevels() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        List<TestResult> tests = List.of(node("m/[case:1]/[sample:1]", "m/[case:1]"), node("m/[case:1]", "m"),
                node("m", null), node("m/[case:1]/[sample:2]", "m/[case:1]"), node("other", null));
        RunResults run = new RunResults(1, "r", null, now, now, 0, 0, tests);

        assertThat(run.descendants(tests.get(2))).extracting(TestResult::uniqueId)
                .containsExactly("m/[case:1]/[sample:1]", "m/[case:1]", "m/[case:1]/[sample:2]");
        assertThat(ResultsTree.of(run).roots()).extracting(TestResult::uniqueId).containsExactly("m", "other");
    }

    private static TestResult node(String id, String parent) {
        return new TestResult(id, parent, "A", "a", id, List.of(), Outcome.PASSED, null, 1, List.of(), List.of(), null);
    }
}
