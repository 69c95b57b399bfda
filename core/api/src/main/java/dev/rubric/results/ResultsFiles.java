package dev.rubric.results;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.apiguardian.api.API;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.apiguardian.api.API.Status.INTERNAL;

/** Writes and reads results files: the one contract between the rubric engine and the Maven plugin. */
@API(status = INTERNAL, since = "0.1")
public final class ResultsFiles {

    public static final String PREFIX = "results-";
    public static final String SUFFIX = ".json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ResultsFiles() {
    }

    /** The mapper used for results (and baselines): ISO-8601 times, indented, tolerant of added fields. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Writes {@code dir/results-<runId>.json} atomically (temporary file, then a move) and returns its path. */
    public static Path write(Path dir, RunResults results) {
        try {
            Path target = dir.resolve(PREFIX + results.runId() + SUFFIX);
            AtomicFiles.write(target, MAPPER.writeValueAsBytes(results));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rubric results into " + dir.toAbsolutePath()
                    + ": " + e.getMessage() + " (check that the folder is writable, or set rubric.report.dir)", e);
        }
    }

    /** Reads one results file; a corrupt or newer-schema file is an error that names the file. */
    public static RunResults read(Path file) {
        try {
            RunResults r = MAPPER.readValue(file.toFile(), RunResults.class);
            if (r.schemaVersion() > RunResults.SCHEMA_VERSION) {
                throw new IllegalStateException(file + " has results schema version " + r.schemaVersion()
                        + " but this Rubric reads up to " + RunResults.SCHEMA_VERSION
                        + ": use the same Rubric version for the engine and the plugin");
            }
            return r;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the results file " + file + " is not valid rubric results JSON (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + "): " + e.getOriginalMessage()
                    + "; delete it and run the tests again", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the results file " + file + ": " + e.getMessage(), e);
        }
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
        return list(dir).stream().map(ResultsFiles::read).toList();
    }
}
