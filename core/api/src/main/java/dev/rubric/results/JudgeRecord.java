package dev.rubric.results;

import dev.rubric.core.DecodingSettings;
import dev.rubric.core.JudgeFingerprint;
import org.apiguardian.api.API;

import java.util.Map;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The judge of a run, as written into the results file.
 *
 * @param fingerprintId {@link JudgeFingerprint#id()}
 * @param description   {@link JudgeFingerprint#toString()}, for people
 * @param settings      the effective non-secret configuration ({@code rubric.judge.url}, device, batch size...)
 */
@API(status = INTERNAL, since = "0.1")
public record JudgeRecord(String fingerprintId, String description, String backend, String model, String revision,
                          String formatVersion, DecodingSettings decoding, Map<String, String> settings) {

    public JudgeRecord {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    public static JudgeRecord of(JudgeFingerprint fp, Map<String, String> settings) {
        return new JudgeRecord(fp.id(), fp.toString(), fp.backend(), fp.model(), fp.revision(), fp.formatVersion(),
                fp.decoding(), settings);
    }
}
