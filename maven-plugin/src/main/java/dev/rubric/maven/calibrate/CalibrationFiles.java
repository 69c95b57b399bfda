package dev.rubric.maven.calibrate;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rubric.results.AtomicFiles;
import dev.rubric.results.ResultsFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apiguardian.api.API;

/** Writes and reads {@code calibration.json}: the results mapper, atomic writes, bounded reads, newer files refused. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class CalibrationFiles {

    /** The file's name in the results folder. */
    public static final String NAME = "calibration.json";

    static final long MAX_BYTES = 256L << 20;

    private CalibrationFiles() {
    }

    public static void write(Path file, CalibrationResults results) {
        try {
            AtomicFiles.write(file, ResultsFiles.mapper().writeValueAsBytes(results));
        } catch (IOException e) {
            throw new CalibrationException("cannot write the calibration results " + file + ": " + e.getMessage()
                    + " (check that the folder is writable)");
        }
    }

    /** @throws CalibrationException for a damaged, oversized or newer file, naming it and the way out */
    public static CalibrationResults read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new CalibrationException(file + " has " + size + " bytes, more than calibration results can: it"
                        + " is damaged or not one; delete it and run mvn rubric:calibrate");
            }
            CalibrationResults r = ResultsFiles.mapper().readValue(file.toFile(), CalibrationResults.class);
            if (r.schemaVersion() > CalibrationResults.SCHEMA_VERSION) {
                throw new CalibrationException(file + " has calibration schema version " + r.schemaVersion()
                        + " but this plugin reads up to " + CalibrationResults.SCHEMA_VERSION + ": run mvn"
                        + " rubric:calibrate with this plugin version");
            }
            return r;
        } catch (JsonProcessingException e) {
            throw new CalibrationException(file + " is not valid calibration results: " + e.getOriginalMessage()
                    + "; delete it and run mvn rubric:calibrate");
        } catch (IOException e) {
            throw new CalibrationException("cannot read the calibration results " + file + ": " + e.getMessage());
        }
    }
}
