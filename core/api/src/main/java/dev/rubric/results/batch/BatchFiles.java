package dev.rubric.results.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rubric.results.AtomicFiles;
import dev.rubric.results.ResultsFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Writes and reads the two files of a batch: the gradings a build tool hands the judge process, and the outcomes it
 * hands back. JSON with the results file's mapper; written atomically; a file from a newer Rubric is refused.
 */
@API(status = INTERNAL, since = "0.1")
public final class BatchFiles {

    /** No batch file of a build comes near this; a larger one is damaged or not a batch. */
    static final long MAX_BYTES = 1L << 30;

    private BatchFiles() {
    }

    public static void write(Path file, GradingBatch batch) {
        writeJson(file, batch);
    }

    public static void write(Path file, GradedBatch graded) {
        writeJson(file, graded);
    }

    public static GradingBatch readGradings(Path file) {
        GradingBatch b = readJson(file, GradingBatch.class);
        checkVersion(file, b.schemaVersion());
        return b;
    }

    public static GradedBatch readOutcomes(Path file) {
        GradedBatch b = readJson(file, GradedBatch.class);
        checkVersion(file, b.schemaVersion());
        return b;
    }

    private static void checkVersion(Path file, int version) {
        if (version > GradingBatch.SCHEMA_VERSION) {
            throw new IllegalStateException(file + " is a grading batch of schema version " + version + " but this"
                    + " Rubric reads up to " + GradingBatch.SCHEMA_VERSION + ": use the same Rubric version for the"
                    + " plugin and the tests' rubric-junit");
        }
    }

    private static void writeJson(Path file, Object value) {
        try {
            AtomicFiles.write(file, ResultsFiles.mapper().writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the grading batch " + file + ": " + e.getMessage(), e);
        }
    }

    private static <T> T readJson(Path file, Class<T> type) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new IllegalStateException(file + " has " + size + " bytes, more than a grading batch can: it is"
                        + " not one, or it is damaged");
            }
            return ResultsFiles.mapper().readValue(file.toFile(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(file + " is not a valid grading batch (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + "): " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the grading batch " + file + ": " + e.getMessage(), e);
        }
    }
}
