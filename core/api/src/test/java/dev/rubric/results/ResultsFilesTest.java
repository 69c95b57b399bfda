package dev.rubric.results;

import dev.rubric.core.JudgeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultsFilesTest {

    @TempDir
    Path dir;

    private static TestResult aborted(AbortRecord abort, String message) {
        return new TestResult("[engine:rubric]/[class:A]/[method:a()]", null, "A", "a", "a()", List.of(),
                Outcome.ABORTED, message, 10, List.of(), List.of(), null, abort);
    }

    @Test
    void theAbortReasonIsWrittenTypedAndReadBack() {
        AbortRecord abort = new AbortRecord(JudgeException.Reason.TIMED_OUT, "the judge gave no verdict (TIMED_OUT): slow");
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Path file = ResultsFiles.write(dir, new RunResults(RunResults.SCHEMA_VERSION, "r1", null, now, now, 0, 0,
                List.of(aborted(abort, "not enough samples passed; first abort: the judge gave no verdict (TIMED_OUT): slow"))));

        TestResult read = ResultsFiles.read(file).tests().get(0);

        assertThat(read.abort()).isEqualTo(abort);
        assertThat(read.abortReason()).isEqualTo("the judge gave no verdict (TIMED_OUT): slow");
    }

    @Test
    void aResultsFileWrittenBeforeTheTypedReasonReadsTheReasonFromTheMessage() throws Exception {
        Path file = dir.resolve("results-old.json");
        Files.writeString(file, """
                {"schemaVersion": 1, "runId": "old", "startedAt": "2026-01-01T00:00:00Z",
                 "finishedAt": "2026-01-01T00:00:01Z", "cacheHits": 0, "cacheMisses": 0,
                 "tests": [{"uniqueId": "[engine:rubric]/[class:A]/[method:a()]", "className": "A", "methodName": "a",
                            "displayName": "a()", "outcome": "ABORTED", "durationMs": 5,
                            "message": "not enough samples passed and some had no verdict: 0/2; first abort: server down"}]}
                """);

        TestResult read = ResultsFiles.read(file).tests().get(0);

        assertThat(read.abort()).isNull();
        assertThat(read.abortReason()).isEqualTo("server down");
    }

    @Test
    void theProbabilityMassIsWrittenAndReadBackAndAnOlderFileReadsWithoutOne() throws Exception {
        VerdictRecord verdict = new VerdictRecord(dev.rubric.core.GradingMode.ABSOLUTE, "helpfulness", "c", "q", "r",
                null, null, 4, null, 3.9, List.of(0.0, 0.0, 0.2, 0.7, 0.1), null, "f", false, false, 12, "fp", null, 0.93);
        TestResult test = new TestResult("[engine:rubric]/[class:A]/[method:a()]", null, "A", "a", "a()", List.of(),
                Outcome.PASSED, null, 10, List.of(), List.of(verdict), null, null);
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Path file = ResultsFiles.write(dir, new RunResults(RunResults.SCHEMA_VERSION, "r2", null, now, now, 0, 1,
                List.of(test)));

        assertThat(Files.readString(file)).contains("\"probabilityMass\" : 0.93");
        assertThat(ResultsFiles.read(file).tests().get(0).verdicts()).containsExactly(verdict);

        Path old = dir.resolve("results-before-mass.json");
        Files.writeString(old, """
                {"schemaVersion": 1, "runId": "old", "startedAt": "2026-01-01T00:00:00Z",
                 "finishedAt": "2026-01-01T00:00:01Z", "cacheHits": 0, "cacheMisses": 1,
                 "tests": [{"uniqueId": "[engine:rubric]/[class:A]/[method:a()]", "className": "A", "methodName": "a",
                            "displayName": "a()", "outcome": "PASSED", "durationMs": 5,
                            "verdicts": [{"mode": "ABSOLUTE", "rubric": "helpfulness", "score": 4,
                                          "expectedScore": 3.9, "probabilities": [0.0, 0.0, 0.2, 0.7, 0.1],
                                          "feedback": "f", "latencyMs": 12, "fingerprintId": "fp"}]}]}
                """);
        VerdictRecord read = ResultsFiles.read(old).tests().get(0).verdicts().get(0);
        assertThat(read.probabilities()).hasSize(5);
        assertThat(read.probabilityMass()).as("not recorded").isNull();
    }

    @Test
    void theJudgesIdentityIsWrittenAndAnOlderFileReadsWithoutOne() throws Exception {
        var fp = new dev.rubric.core.JudgeFingerprint("openai", "m", "unknown", "prometheus-2/v1",
                dev.rubric.core.DecodingSettings.GREEDY, java.util.Map.of("api", "completions",
                "url", "http://judge:8000/v1", "served.root", "/models/awq"));
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Path file = ResultsFiles.write(dir, new RunResults(RunResults.SCHEMA_VERSION, "r3",
                JudgeRecord.of(fp, java.util.Map.of()), now, now, 0, 0, List.of()));

        JudgeRecord read = ResultsFiles.read(file).judge();

        assertThat(read.identity()).isEqualTo(fp.identity());
        assertThat(read.fingerprintId()).isEqualTo(fp.id());
        Path old = dir.resolve("results-before-identity.json");
        Files.writeString(old, """
                {"schemaVersion": 1, "runId": "old", "startedAt": "2026-01-01T00:00:00Z",
                 "finishedAt": "2026-01-01T00:00:01Z", "cacheHits": 0, "cacheMisses": 0, "tests": [],
                 "judge": {"fingerprintId": "0011223344556677", "backend": "openai", "model": "m"}}
                """);
        assertThat(ResultsFiles.read(old).judge().identity()).isEmpty();
    }

    @Test
    void onlyAnAbortedTestCarriesAnAbortReason() {
        assertThatThrownBy(() -> new TestResult("id", null, "A", "a", "a()", List.of(), Outcome.SKIPPED, "assumption",
                1, List.of(), List.of(), null, new AbortRecord(JudgeException.Reason.CLOSED, "closed")))
                .hasMessageContaining("is SKIPPED but carries an abort reason");
    }
}
