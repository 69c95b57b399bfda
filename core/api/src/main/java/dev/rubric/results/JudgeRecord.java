package dev.rubric.results;

import dev.rubric.core.DecodingSettings;
import dev.rubric.core.JudgeFingerprint;
import org.apiguardian.api.API;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The judge of a run, as written into the results file.
 *
 * @param fingerprintId {@link JudgeFingerprint#id()}
 * @param description   {@link JudgeFingerprint#toString()}, for people
 * @param settings      the effective non-secret configuration ({@code rubric.judge.url}, device, batch size...)
 * @param identity      {@link JudgeFingerprint#identity()}: for a server, its API mode, base URL and what it said
 *                      about itself; empty in results files written before it was recorded
 */
@API(status = INTERNAL, since = "0.1")
public record JudgeRecord(String fingerprintId, String description, String backend, String model, String revision,
                          String formatVersion, DecodingSettings decoding, Map<String, String> settings,
                          Map<String, String> identity) {

    public JudgeRecord {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        identity = identity == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(identity));
    }

    /** A record without identity (written before it was recorded, or of a judge that has none). */
    public JudgeRecord(String fingerprintId, String description, String backend, String model, String revision,
                       String formatVersion, DecodingSettings decoding, Map<String, String> settings) {
        this(fingerprintId, description, backend, model, revision, formatVersion, decoding, settings, Map.of());
    }

    public static JudgeRecord of(JudgeFingerprint fp, Map<String, String> settings) {
        return new JudgeRecord(fp.id(), fp.toString(), fp.backend(), fp.model(), fp.revision(), fp.formatVersion(),
                fp.decoding(), settings, fp.identity());
    }
}
