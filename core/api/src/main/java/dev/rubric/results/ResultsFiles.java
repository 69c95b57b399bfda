package dev.rubric.results;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apiguardian.api.API;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Writes and reads results files: the one contract between the rubric engine and the Maven plugin.
 *
 * <p>Reading streams: the file's tests are read one at a time (never a tree of the whole file), checked as they come
 * ({@link ResultsTree}: ids, parents, cycles), and, for the gate, kept without the texts it does not need
 * ({@link Detail#GATE}). A results file is untrusted input: only a regular file inside the results folder is opened
 * (a FIFO named {@code results-x.json} would block the build, a link could lead anywhere), and every refusal names
 * the file.
 */
@API(status = INTERNAL, since = "0.1")
public final class ResultsFiles {

    public static final String PREFIX = "results-";
    public static final String SUFFIX = ".json";

    /**
     * The longest text (a response, an instruction, feedback, a message) a results file keeps, in characters: a longer
     * one is shortened when written, and the stored text says so ({@link #SHORTENED_MARK}). Far below what the reader
     * accepts ({@link #MAX_READ_CHARS}), so that whatever the engine writes, the plugin reads.
     */
    public static final int MAX_TEXT_CHARS = 1_000_000;

    /**
     * What ends a text that was shortened when written, followed by "N of M characters]": the characters kept and the
     * text's full length. The shortened text, mark included, is at most {@link #MAX_TEXT_CHARS} long, so writing it
     * again leaves it as it is.
     */
    public static final String SHORTENED_MARK = " [... shortened by Rubric: the results file keeps the first ";

    /**
     * The longest single text the reader accepts (Jackson's default): a file made by hand, or by an engine older than
     * the {@link #MAX_TEXT_CHARS} cut, with a longer one is refused with the file named.
     */
    public static final int MAX_READ_CHARS = 20_000_000;

    /** How deep samples and cases may nest (the engine writes at most 2 levels: a case's samples). */
    public static final int MAX_DEPTH = 32;

    /** How much of a failed or aborted test's feedback {@link Detail#GATE} keeps: more than the gate quotes. */
    static final int GATE_FEEDBACK_CHARS = 1_000;

    /** What a reader keeps of each test. */
    public enum Detail {
        /** Everything in the file. */
        FULL,
        /**
         * What gating needs: outcomes, messages, assertions and scores, without the verdicts' instructions,
         * responses, reference answers and score descriptions (the bulk of a large file), and with feedback only for
         * tests that did not pass (the gate quotes it), cut to 1,000 characters.
         */
        GATE
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_READ_CHARS).build())
                    .build())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** The results writer: the shared mapper, with every text cut to {@link #MAX_TEXT_CHARS}. */
    private static final ObjectMapper WRITER = MAPPER.copy()
            .registerModule(new SimpleModule("rubric-results-texts").addSerializer(String.class, new Shortening()));

    private static final ObjectReader TEST_READER = MAPPER.readerFor(TestResult.class);

    private ResultsFiles() {
    }

    /** The mapper used for results (and baselines): ISO-8601 times, indented, tolerant of added fields. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Writes {@code dir/results-<runId>.json} atomically (temporary file, then a move) and returns its path. */
    public static Path write(Path dir, RunResults results) {
        Path target = dir.resolve(PREFIX + results.runId() + SUFFIX);
        writeTo(target, results);
        return target;
    }

    /**
     * Writes results to {@code file} atomically, streaming (no copy of the whole file in memory), each text cut to
     * {@link #MAX_TEXT_CHARS} with a note of its full length.
     */
    public static void writeTo(Path file, RunResults results) {
        try {
            AtomicFiles.write(file, out -> WRITER.writeValue(out, results));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rubric results into " + file.toAbsolutePath()
                    + ": " + e.getMessage() + " (check that the folder is writable, or set rubric.report.dir)", e);
        }
    }

    /** Reads one results file with everything in it; see {@link #read(Path, Detail)}. */
    public static RunResults read(Path file) {
        return read(file, Detail.FULL);
    }

    /**
     * Reads one results file. A corrupt, hostile or newer-schema file is an error that names the file: not a regular
     * file in its folder, a test without an id or outcome, a test listed twice, a parent cycle, nesting deeper than
     * {@link #MAX_DEPTH}, a text longer than {@link #MAX_READ_CHARS}.
     */
    public static RunResults read(Path file, Detail detail) {
        List<TestResult> tests = new ArrayList<>();
        Strings strings = new Strings();
        Header header = stream(file, t -> tests.add(detail == Detail.GATE ? strings.lean(t) : t));
        RunResults run = new RunResults(header.schemaVersion, header.runId, header.judge, header.startedAt,
                header.finishedAt, header.cacheHits, header.cacheMisses, tests);
        try {
            ResultsTree.of(run);
        } catch (IllegalArgumentException e) {
            throw damaged(file, e.getMessage());
        }
        return run;
    }

    /**
     * Streams the tests of one results file to {@code each}, one at a time and in the file's order, with everything
     * in them (for a second pass that needs the texts of a few tests). Only the per-test checks are made here; the
     * checks across tests are {@link #read(Path, Detail)}'s.
     */
    public static void forEachTest(Path file, Consumer<TestResult> each) {
        stream(file, each);
    }

    /** The fields of a results file other than its tests. */
    private static final class Header {
        int schemaVersion = -1;
        String runId;
        JudgeRecord judge;
        Instant startedAt;
        Instant finishedAt;
        long cacheHits;
        long cacheMisses;
    }

    private static Header stream(Path file, Consumer<TestResult> each) {
        Header h = new Header();
        try (InputStream in = open(file); JsonParser p = MAPPER.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw damaged(file, "it is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "schemaVersion" -> h.schemaVersion = p.getValueAsInt(-1);
                    case "runId" -> h.runId = value == JsonToken.VALUE_NULL ? null : p.getValueAsString();
                    case "judge" -> h.judge = value == JsonToken.VALUE_NULL ? null : MAPPER.readValue(p, JudgeRecord.class);
                    case "startedAt" -> h.startedAt = value == JsonToken.VALUE_NULL ? null : MAPPER.readValue(p, Instant.class);
                    case "finishedAt" -> h.finishedAt = value == JsonToken.VALUE_NULL ? null : MAPPER.readValue(p, Instant.class);
                    case "cacheHits" -> h.cacheHits = p.getValueAsLong();
                    case "cacheMisses" -> h.cacheMisses = p.getValueAsLong();
                    case "tests" -> readTests(file, p, value, each);
                    default -> p.skipChildren();
                }
                if (h.schemaVersion > RunResults.SCHEMA_VERSION) {
                    throw new IllegalStateException(file + " has results schema version " + h.schemaVersion
                            + " but this Rubric reads up to " + RunResults.SCHEMA_VERSION
                            + ": use the same Rubric version for the engine and the plugin");
                }
            }
            if (h.runId == null || h.runId.isBlank()) {
                throw damaged(file, "it has no runId");
            }
            if (h.schemaVersion < 0) {
                throw damaged(file, "it has no schemaVersion");
            }
            return h;
        } catch (StreamConstraintsException e) {
            throw damaged(file, "a text in it is longer than the " + String.format(Locale.ROOT, "%,d", MAX_READ_CHARS)
                    + " characters a results file may hold (the engine keeps at most "
                    + String.format(Locale.ROOT, "%,d", MAX_TEXT_CHARS) + "; was it written by hand or by an older"
                    + " Rubric?)", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the results file " + file + " is not valid rubric results JSON (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + "): " + e.getOriginalMessage()
                    + "; delete it and run the tests again", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the results file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void readTests(Path file, JsonParser p, JsonToken value, Consumer<TestResult> each) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return;
        }
        if (value != JsonToken.START_ARRAY) {
            throw damaged(file, "its \"tests\" is not a list (line " + p.currentLocation().getLineNr() + ")");
        }
        int index = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            long line = p.currentLocation().getLineNr();
            if (t != JsonToken.START_OBJECT) {
                throw damaged(file, "test #" + (index + 1) + " (line " + line + ") is " + t.asString()
                        + ", not a test object");
            }
            TestResult test;
            try {
                test = TEST_READER.readValue(p);
            } catch (StreamConstraintsException e) {
                throw e;
            } catch (JsonProcessingException e) {
                if (e.getCause() instanceof StreamConstraintsException limit) {
                    throw limit;
                }
                Throwable cause = e.getCause() != null && !(e.getCause() instanceof JsonProcessingException)
                        ? e.getCause() : null;
                throw damaged(file, "test #" + (index + 1) + " (line " + line + ") is not a valid test: "
                        + (cause instanceof NullPointerException ? "a list in it holds null"
                        : cause != null ? cause.getMessage() : e.getOriginalMessage()), e);
            }
            String why = test.uniqueId() == null || test.uniqueId().isBlank() ? "has no uniqueId"
                    : test.outcome() == null ? "has no outcome"
                    : test.uniqueId().equals(test.parentId()) ? "is its own parent (parentId = uniqueId)"
                    : null;
            if (why != null) {
                throw damaged(file, "test #" + (index + 1) + " (line " + line + ", "
                        + (test.uniqueId() == null ? test.className() + "." + test.methodName() : test.uniqueId())
                        + ") " + why);
            }
            each.accept(test);
            index++;
        }
    }

    /**
     * Opens a results file only when it is a regular file in its folder: no FIFO or device (opening one blocks or
     * never ends), and no link out of the folder. A link within the folder is followed (its target is read).
     */
    static InputStream open(Path file) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Path real = file;
        if (attrs.isSymbolicLink()) {
            Path folder = file.toAbsolutePath().getParent().toRealPath();
            try {
                real = file.toRealPath();
            } catch (IOException e) {
                throw refused(file, "it is a link to a file that does not exist");
            }
            if (!folder.equals(real.getParent())) {
                throw refused(file, "it is a link that leads out of the results folder, to " + real);
            }
            attrs = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        if (!attrs.isRegularFile()) {
            throw refused(file, "it is not a regular file (" + (attrs.isDirectory() ? "a folder"
                    : "a FIFO, socket or device") + ")");
        }
        return Channels.newInputStream(Files.newByteChannel(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
    }

    private static IllegalStateException refused(Path file, String why) {
        return new IllegalStateException("refusing the results file " + file + ": " + why
                + "; the engine writes only regular files there: delete it and run the tests again");
    }

    private static IllegalStateException damaged(Path file, String why) {
        return damaged(file, why, null);
    }

    private static IllegalStateException damaged(Path file, String why, Throwable cause) {
        return new IllegalStateException("the results file " + file + " is damaged: " + why
                + "; delete it and run the tests again", cause);
    }

    /** Every {@code results-*.json} in a folder, sorted by name; an empty list when the folder does not exist. */
    public static List<Path> list(Path dir) {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            ds.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the results folder " + dir + ": " + e.getMessage(), e);
        }
        files.sort(null);
        return files;
    }

    /** Reads every results file in a folder. */
    public static List<RunResults> readAll(Path dir) {
        return readAll(dir, Detail.FULL);
    }

    /** Reads every results file in a folder, keeping {@code detail} of each test. */
    public static List<RunResults> readAll(Path dir, Detail detail) {
        return list(dir).stream().map(f -> read(f, detail)).toList();
    }

    /** Cuts a text longer than {@link #MAX_TEXT_CHARS} when written, saying so at its end. */
    private static final class Shortening extends StdSerializer<String> {

        Shortening() {
            super(String.class);
        }

        @Override
        public void serialize(String s, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeString(shorten(s));
        }
    }

    static String shorten(String s) {
        if (s.length() <= MAX_TEXT_CHARS) {
            return s;
        }
        // the mark's own length, with room for the kept count's digits (at most as many as the full length's)
        String total = String.format(Locale.ROOT, "%,d", s.length());
        int cut = MAX_TEXT_CHARS - SHORTENED_MARK.length() - 2 * total.length() - " of  characters]".length();
        if (Character.isHighSurrogate(s.charAt(cut - 1))) {
            cut--;
        }
        return s.substring(0, cut) + SHORTENED_MARK + String.format(Locale.ROOT, "%,d", cut) + " of " + total
                + " characters]";
    }

    /**
     * One copy of each repeated value of a file (class and method names, rubrics, criteria, tags, parent ids, and for
     * {@link Detail#GATE} whole assertion and verdict records, which without their texts repeat), and the lean form
     * of a test: what keeps a million tests in a small heap.
     */
    private static final class Strings {
        private final java.util.HashMap<Object, Object> seen = new java.util.HashMap<>();

        @SuppressWarnings("unchecked")
        <T> T one(T value) {
            if (value == null) {
                return null;
            }
            Object had = seen.putIfAbsent(value, value);
            return had == null ? value : (T) had;
        }

        TestResult lean(TestResult t) {
            List<AssertionRecord> assertions = new ArrayList<>(t.assertions().size());
            for (AssertionRecord a : t.assertions()) {
                assertions.add(one(new AssertionRecord(a.mode(), one(a.rubric()), one(a.criteria()), a.check(),
                        a.threshold(), a.actual(), a.pairwise(), a.passed(), a.aborted())));
            }
            List<VerdictRecord> verdicts = new ArrayList<>(t.verdicts().size());
            // the gate quotes the feedback of the tests it names (a failed or aborted test's, cut to a line): kept,
            // cut, for tests that did not pass; the few passed tests the gate names (lowest scores) are named
            // without it
            boolean quoted = t.outcome() != Outcome.PASSED;
            for (VerdictRecord v : t.verdicts()) {
                // what the gate and the baseline read: mode, rubric, scores, winner; not the texts, latency or
                // probabilities, so that verdicts repeat and are kept once
                String feedback = quoted && v.feedback() != null
                        ? v.feedback().substring(0, Math.min(v.feedback().length(), GATE_FEEDBACK_CHARS)) : null;
                verdicts.add(one(new VerdictRecord(v.mode(), one(v.rubric()), one(v.criteria()), null, null, null,
                        null, v.score(), one(v.winner()), v.expectedScore(), null, one(v.sampleScores()), feedback,
                        v.forced(), v.cached(), 0, one(v.fingerprintId()), null, null)));
            }
            List<String> tags = new ArrayList<>(t.tags().size());
            t.tags().forEach(tag -> tags.add(one(tag)));
            return new TestResult(t.uniqueId(), one(t.parentId()), one(t.className()), one(t.methodName()),
                    t.displayName(), one(List.copyOf(tags)), t.outcome(), t.message(), t.durationMs(),
                    one(List.copyOf(assertions)), one(List.copyOf(verdicts)), t.samples(), t.abort());
        }
    }
}
