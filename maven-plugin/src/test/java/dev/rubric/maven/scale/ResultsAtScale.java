package dev.rubric.maven.scale;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.rubric.maven.GateLogAccess;
import dev.rubric.maven.gate.Gate;
import dev.rubric.maven.gate.GateSettings;
import dev.rubric.maven.merge.MergedResults;
import dev.rubric.maven.merge.ResultsMerger;
import dev.rubric.maven.report.HtmlReport;
import dev.rubric.results.ResultsFiles;
import dev.rubric.results.RunResults;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark behind docs/results-format.md, "Large runs": how long {@code rubric:check} and {@code rubric:report}
 * take, and how much heap they need, on a results file of N tests. Run on purpose, never by the test suite (a timed
 * test proves nothing on a shared machine):
 *
 * <pre>
 * java -Xmx512m -cp CLASSPATH dev.rubric.maven.scale.ResultsAtScale write 1000000 DIR
 * java -Xmx512m -cp CLASSPATH dev.rubric.maven.scale.ResultsAtScale check DIR
 * java -Xmx512m -cp CLASSPATH dev.rubric.maven.scale.ResultsAtScale report DIR
 * </pre>
 *
 * <p>Each phase runs in a JVM of its own, so that its peak heap is its own. {@code check} and {@code report} do what
 * the goals do between reading the folder and logging (the goals' own code: {@link ResultsFiles}, the merger, the
 * gate, {@code GateLog}, {@link HtmlReport}): read, merge, gate, print or render and write. The file: 1,000 test
 * classes; each test one absolute {@code scoresAtLeast 4} assertion and its verdict, with a distinct instruction
 * (about 100 characters), response (about 300) and feedback (about 200); 3 % fail, with a message.
 */
public final class ResultsAtScale {

    private ResultsAtScale() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        String what = args[0];
        switch (what) {
            case "write" -> write(Integer.parseInt(args[1]), Path.of(args[2]));
            case "check" -> check(Path.of(args[1]));
            case "report" -> report(Path.of(args[1]));
            default -> throw new IllegalArgumentException("write N DIR | check DIR | report DIR");
        }
        System.out.printf(Locale.ROOT, "%s: %.1f s, peak heap %d MiB (max heap %d MiB)%n", what,
                (System.nanoTime() - start) / 1e9, peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    static void write(int n, Path dir) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve(ResultsFiles.PREFIX + "scale" + ResultsFiles.SUFFIX);
        String criteria = "Does the model provide relevant and useful responses to the user's needs or questions?";
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             JsonGenerator g = ResultsFiles.mapper().getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", RunResults.SCHEMA_VERSION);
            g.writeStringField("runId", "scale");
            g.writeStringField("startedAt", "2026-01-01T00:00:00Z");
            g.writeStringField("finishedAt", "2026-01-01T01:00:00Z");
            g.writeNumberField("cacheHits", 0);
            g.writeNumberField("cacheMisses", n);
            g.writeArrayFieldStart("tests");
            for (int i = 0; i < n; i++) {
                boolean failed = i % 33 == 7;
                int score = failed ? 2 : 4 + i % 2;
                String cls = "com.example.scale.Suite" + (i % 1000) + "Test";
                g.writeStartObject();
                g.writeStringField("uniqueId", "[engine:rubric]/[class:" + cls + "]/[method:case" + i + "()]");
                g.writeNullField("parentId");
                g.writeStringField("className", cls);
                g.writeStringField("methodName", "case" + i);
                g.writeStringField("displayName", "case" + i + "()");
                g.writeArrayFieldStart("tags");
                g.writeString(i % 2 == 0 ? "even" : "odd");
                g.writeEndArray();
                g.writeStringField("outcome", failed ? "FAILED" : "PASSED");
                if (failed) {
                    g.writeStringField("message", "Expected the response to score at least 4 on \"helpfulness\", but "
                            + "the judge gave 2. Feedback: the answer to question " + i + " misses the point.");
                } else {
                    g.writeNullField("message");
                }
                g.writeNumberField("durationMs", 100 + i % 50);
                g.writeArrayFieldStart("assertions");
                g.writeStartObject();
                g.writeStringField("mode", "ABSOLUTE");
                g.writeStringField("rubric", "helpfulness");
                g.writeStringField("criteria", criteria);
                g.writeStringField("check", "scoresAtLeast");
                g.writeNumberField("threshold", 4.0);
                g.writeNumberField("actual", (double) score);
                g.writeNullField("pairwise");
                g.writeBooleanField("passed", !failed);
                g.writeBooleanField("aborted", false);
                g.writeEndObject();
                g.writeEndArray();
                g.writeArrayFieldStart("verdicts");
                g.writeStartObject();
                g.writeStringField("mode", "ABSOLUTE");
                g.writeStringField("rubric", "helpfulness");
                g.writeStringField("criteria", criteria);
                g.writeStringField("instruction", "Customer " + i + " asks: can I get a refund for order " + (i * 7919L)
                        + " that arrived damaged last week?");
                g.writeStringField("response", ("Order " + i + ": I am sorry the parcel arrived damaged. ").repeat(6));
                g.writeNullField("responseB");
                g.writeNullField("reference");
                g.writeNumberField("score", score);
                g.writeNullField("winner");
                g.writeStringField("feedback", ("The response to case " + i + " is polite and specific. ").repeat(4)
                        + "[RESULT] " + score);
                g.writeBooleanField("forced", false);
                g.writeBooleanField("cached", false);
                g.writeNumberField("latencyMs", 800 + i % 400);
                g.writeStringField("fingerprintId", "3f6a0c2e9b1d4a77");
                g.writeEndObject();
                g.writeEndArray();
                g.writeNullField("samples");
                g.writeNullField("abort");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        System.out.printf(Locale.ROOT, "wrote %,d tests, %,d MiB: %s%n", n, Files.size(file) >> 20, file);
    }

    static void check(Path dir) {
        long t0 = System.nanoTime();
        List<RunResults> runs = ResultsFiles.readAll(dir, ResultsFiles.Detail.GATE);
        long t1 = System.nanoTime();
        MergedResults merged = ResultsMerger.merge(runs);
        runs = null; // as the goals do
        long t2 = System.nanoTime();
        Gate.Result result = Gate.evaluate(merged, null, new GateSettings(0.99, null, 0, null, false, List.of()));
        long t3 = System.nanoTime();
        GateLogAccess.print(result, merged);
        System.out.printf(Locale.ROOT, "read %.1f s, merge %.1f s, gate %.1f s, log %.1f s%n", (t1 - t0) / 1e9,
                (t2 - t1) / 1e9, (t3 - t2) / 1e9, (System.nanoTime() - t3) / 1e9);
    }

    static void report(Path dir) throws Exception {
        long bytes = 0;
        for (Path f : ResultsFiles.list(dir)) {
            bytes += Files.size(f);
        }
        boolean lean = bytes > HtmlReport.MAX_TEXT_BYTES;
        List<RunResults> runs = ResultsFiles.readAll(dir, lean ? ResultsFiles.Detail.GATE : ResultsFiles.Detail.FULL);
        MergedResults merged = ResultsMerger.merge(runs);
        runs = null; // as the goals do
        Gate.Result result = Gate.evaluate(merged, null, GateSettings.defaults());
        String html = HtmlReport.render("scale", merged, result, null, Instant.now(), lean, null);
        Path page = dir.resolve("index.html");
        Files.writeString(page, html, StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "report of %,d tests: %,d KiB%n", merged.tests().size(), Files.size(page) >> 10);
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
