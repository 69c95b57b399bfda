package dev.rubric.core;

import org.apiguardian.api.API;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Which judge produced a verdict: enough to say whether two verdicts are comparable, and part of the cache key.
 *
 * @param backend       "local" or "openai"
 * @param model         the model id ("prometheus-eval/prometheus-7b-v2.0") or directory name
 * @param revision      the model revision (Hub commit) or a digest of the weights; "unknown" when neither is known
 * @param formatVersion the version of the Prometheus prompt format ({@code dev.rubric.prometheus.PrometheusFormat#VERSION})
 * @param decoding      the decoding settings
 * @param identity      what else names the judge, as {@code name -> value} (names in lower case: letters, digits,
 *                      '.', '_', '-'), kept sorted by name; empty when the other parts say it all. The judge behind
 *                      a server puts here the API mode ({@code api}), the server's base URL ({@code url}) and what
 *                      the server said about itself ({@code served.*}, or {@code server} when it said nothing)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record JudgeFingerprint(String backend, String model, String revision, String formatVersion,
                               DecodingSettings decoding, Map<String, String> identity) {

    /** The identity entry that names where a judge is reached (a server's base URL). */
    public static final String URL = "url";

    private static final Pattern IDENTITY_NAME = Pattern.compile("[a-z][a-z0-9._-]*");

    public JudgeFingerprint {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(model, "model");
        revision = revision == null || revision.isBlank() ? "unknown" : revision;
        Objects.requireNonNull(formatVersion, "formatVersion");
        Objects.requireNonNull(decoding, "decoding");
        SortedMap<String, String> sorted = new TreeMap<>();
        if (identity != null) {
            identity.forEach((name, value) -> {
                if (name == null || !IDENTITY_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("a fingerprint's identity names are lower-case words"
                            + " ([a-z][a-z0-9._-]*), got \"" + name + "\"");
                }
                sorted.put(name, Objects.requireNonNull(value, () -> "the identity value of " + name));
            });
        }
        identity = Collections.unmodifiableSortedMap(sorted);
    }

    /** A fingerprint that its backend, model, revision, format and decoding name completely (no identity). */
    public JudgeFingerprint(String backend, String model, String revision, String formatVersion,
                            DecodingSettings decoding) {
        this(backend, model, revision, formatVersion, decoding, Map.of());
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

    /**
     * Canonical one-line text: every field, in a fixed order, then each identity entry by name; an identity value's
     * backslash, {@code ;} and {@code =} are escaped with a backslash, so that no value can read as other entries.
     * A fingerprint without identity has the same text as before identity existed.
     */
    public String canonical() {
        StringBuilder b = new StringBuilder("backend=" + backend + ";model=" + model + ";revision=" + revision
                + ";format=" + formatVersion + ";max_tokens=" + decoding.maxTokens() + ";temperature="
                + decoding.temperature() + ";top_p=" + decoding.topP() + ";repetition_penalty="
                + decoding.repetitionPenalty() + ";seed=" + decoding.seed() + ";samples=" + decoding.samples());
        identity.forEach((name, value) -> b.append(';').append(name).append('=').append(escaped(value)));
        return b.toString();
    }

    /**
     * The judge for people (reports, failure messages, the baseline's judge): every part but the identity's
     * {@value #URL} entry, which says where the judge is reached rather than what it is: the same server weights
     * behind CI's URL and a developer's port-forward read alike, while {@link #id()} and the cache key tell them apart.
     */
    @Override
    public String toString() {
        SortedMap<String, String> shown = new TreeMap<>(identity);
        shown.remove(URL);
        return backend + ":" + model + "@" + revision + " (" + formatVersion + ", "
                + (decoding.greedy() ? "greedy" : "t=" + decoding.temperature()) + ", max " + decoding.maxTokens()
                + " tokens" + (decoding.samples() > 1 ? ", " + decoding.samples() + " samples" : "") + ")"
                + (shown.isEmpty() ? "" : " " + shown);
    }

    private static String escaped(String value) {
        return value.replace("\\", "\\\\").replace(";", "\\;").replace("=", "\\=");
    }
}
