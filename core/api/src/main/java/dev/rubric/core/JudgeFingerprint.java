package dev.rubric.core;

import org.apiguardian.api.API;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Which judge produced a verdict: enough to say whether two verdicts are comparable, and part of the cache key.
 *
 * @param backend       "local" or "openai"
 * @param model         the model id ("prometheus-eval/prometheus-7b-v2.0") or directory name
 * @param revision      the model revision (Hub commit) or a digest of the weights; "unknown" when neither is known
 * @param formatVersion the version of the Prometheus prompt format ({@code dev.rubric.prometheus.PrometheusFormat#VERSION})
 * @param decoding      the decoding settings
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record JudgeFingerprint(String backend, String model, String revision, String formatVersion,
                               DecodingSettings decoding) {

    public JudgeFingerprint {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(model, "model");
        revision = revision == null || revision.isBlank() ? "unknown" : revision;
        Objects.requireNonNull(formatVersion, "formatVersion");
        Objects.requireNonNull(decoding, "decoding");
    }

    /** A short, stable identifier of this fingerprint (hex of SHA-256 over its canonical text). */
    public String id() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Canonical one-line text: every field, in a fixed order. */
    public String canonical() {
        return "backend=" + backend + ";model=" + model + ";revision=" + revision + ";format=" + formatVersion
                + ";max_tokens=" + decoding.maxTokens() + ";temperature=" + decoding.temperature()
                + ";top_p=" + decoding.topP() + ";repetition_penalty=" + decoding.repetitionPenalty()
                + ";seed=" + decoding.seed() + ";samples=" + decoding.samples();
    }

    @Override
    public String toString() {
        return backend + ":" + model + "@" + revision + " (" + formatVersion + ", "
                + (decoding.greedy() ? "greedy" : "t=" + decoding.temperature()) + ", max " + decoding.maxTokens()
                + " tokens" + (decoding.samples() > 1 ? ", " + decoding.samples() + " samples" : "") + ")";
    }
}
