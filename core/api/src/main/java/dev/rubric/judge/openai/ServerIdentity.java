package dev.rubric.judge.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rubric.core.JudgeException;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the server says about the model it serves, asked once per judge ({@code GET {url}/models}) and kept: the part
 * of the judge's identity that the configuration does not know. Two servers that serve different weights under one
 * model name (a quantisation, a fine-tune) are told apart here when they say so.
 * <p>
 * From the entry of the list whose {@code id} is the configured model (or the only entry: TGI and llama.cpp serve one
 * model whatever name they are asked for), these fields, as {@code served.<field>}: {@code id}, {@code root} and
 * {@code parent} (vLLM: the weights' path or Hub id, and the base model of a LoRA), {@code owned_by} (the server
 * kind), {@code max_model_len} (vLLM), and the scalars of {@code meta} (llama.cpp: parameter count, file size,
 * vocabulary, context). Fields that change from one request to the next ({@code created}, vLLM's
 * {@code permission} ids) are left out, or every probe would name another judge.
 * <p>
 * The answer settles the identity for the judge's life:
 * <ul>
 * <li>the server lists the model: {@code served.*};</li>
 * <li>it answers without that (no {@code /models}, a refusal, a list without the model, a failure after the retries,
 * no answer in time): {@code server=said-nothing} or {@code server=model-not-listed}. Its verdicts are still cached,
 * under that identity: the same URL, API and model name, with a server that does not tell more;</li>
 * <li>it cannot be reached: {@code server=unreachable#<random>}, new for each judge, so that no cached verdict of
 * another run is served (who serves at that URL now is unknown) and nothing cached now is served to another run.
 * Gradings then fail as unreachable; when one gets an answer, the server is asked again.</li>
 * </ul>
 * {@code system_fingerprint}, which some servers send with each completion, is not part of it: it comes only with an
 * answer, after the cache has been asked, and a key must be known before.
 */
final class ServerIdentity {

    static final String SERVER = "server";
    static final String SAID_NOTHING = "said-nothing";
    static final String MODEL_NOT_LISTED = "model-not-listed";
    static final String UNREACHABLE = "unreachable#";

    /** Longer values are cut: a server's answer is untrusted, and a cache key needs no essays. */
    static final int MAX_VALUE_LENGTH = 256;
    private static final int MAX_META_FIELDS = 16;
    private static final List<String> FIELDS = List.of("id", "root", "parent", "owned_by", "max_model_len");

    private final OpenAiClient client;
    private final String model;
    private final String unreachable;
    private Map<String, String> said;
    private long answersWhenUnreachable = -1;

    ServerIdentity(OpenAiClient client, String model) {
        this.client = client;
        this.model = model;
        byte[] nonce = new byte[8];
        new SecureRandom().nextBytes(nonce);
        this.unreachable = UNREACHABLE + HexFormat.of().formatHex(nonce);
    }

    /**
     * What the server said, asked on the first call and again only while it could not be reached and has answered
     * a grading since. A thread interrupted while it asks (the judge is being closed) gets this judge's unreachable
     * identity, which nothing else matches.
     */
    synchronized Map<String, String> get() {
        if (said != null) {
            return said;
        }
        long answers = client.answers();
        if (answers == answersWhenUnreachable) {
            return Map.of(SERVER, unreachable);
        }
        try {
            said = facts(client.models());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of(SERVER, unreachable);
        } catch (JudgeException e) {
            if (e.reason() == JudgeException.Reason.UNREACHABLE) {
                answersWhenUnreachable = client.answers();
                return Map.of(SERVER, unreachable);
            }
            said = Map.of(SERVER, SAID_NOTHING); // it answered, with errors or too slowly
        }
        return said;
    }

    /** The identity facts of a models list (empty: the server said nothing). */
    Map<String, String> facts(Optional<JsonNode> models) {
        if (models.isEmpty() || !models.get().path("data").isArray()) {
            return Map.of(SERVER, SAID_NOTHING);
        }
        JsonNode data = models.get().get("data");
        JsonNode entry = null;
        for (JsonNode m : data) {
            if (m.path("id").isTextual() && m.get("id").asText().equals(model)) {
                entry = m;
                break;
            }
        }
        if (entry == null && data.size() == 1 && data.get(0).isObject()) {
            entry = data.get(0);
        }
        if (entry == null) {
            return Map.of(SERVER, data.isEmpty() ? SAID_NOTHING : MODEL_NOT_LISTED);
        }
        Map<String, String> facts = new LinkedHashMap<>();
        for (String field : FIELDS) {
            scalar(entry.get(field)).ifPresent(v -> facts.put("served." + field, v));
        }
        JsonNode meta = entry.path("meta");
        if (meta.isObject()) {
            meta.fields().forEachRemaining(e -> {
                String name = e.getKey().toLowerCase(Locale.ROOT);
                if (facts.size() < FIELDS.size() + MAX_META_FIELDS && name.matches("[a-z][a-z0-9_]{0,63}")) {
                    scalar(e.getValue()).ifPresent(v -> facts.put("served.meta." + name, v));
                }
            });
        }
        return facts.isEmpty() ? Map.of(SERVER, SAID_NOTHING) : Map.copyOf(facts);
    }

    /** A text or number as text, cut to {@link #MAX_VALUE_LENGTH}; nothing for objects, lists, nulls. */
    private static Optional<String> scalar(JsonNode value) {
        if (value == null || !(value.isTextual() || value.isNumber() || value.isBoolean())) {
            return Optional.empty();
        }
        String text = value.asText();
        return Optional.of(text.length() > MAX_VALUE_LENGTH ? text.substring(0, MAX_VALUE_LENGTH) : text);
    }
}
