package dev.rubric.judge.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rubric.judge.ServerSettings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the server generated for one request: the text, why it stopped, and the per-token log-probabilities when
 * the server sent them (an empty list otherwise).
 */
record ServerOutput(String text, String finishReason, List<TokenAlternatives> tokens) {

    ServerOutput {
        tokens = List.copyOf(tokens);
    }

    /** The server stopped at its token budget: the feedback was cut short. */
    boolean ranOutOfTokens() {
        return "length".equals(finishReason);
    }

    /**
     * Reads {@code choices[0]} of a completions or chat completions response.
     *
     * @throws MalformedResponseException when there is no choice or no text: the response is not one this API sends
     */
    static ServerOutput read(JsonNode response, ServerSettings.Api api) {
        if (response == null || !response.isObject()) {
            throw new MalformedResponseException("the response is not a JSON object");
        }
        JsonNode choices = response.get("choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            throw new MalformedResponseException("the response has no \"choices\""
                    + (choices != null && choices.isArray() ? " (an empty list)" : ""));
        }
        JsonNode choice = choices.get(0);
        JsonNode text = api == ServerSettings.Api.CHAT ? choice.path("message").path("content") : choice.path("text");
        if (!text.isTextual()) {
            throw new MalformedResponseException("choices[0] has no " + (api == ServerSettings.Api.CHAT
                    ? "\"message\".\"content\"" : "\"text\"") + " string");
        }
        String finishReason = choice.path("finish_reason").isTextual() ? choice.get("finish_reason").asText() : null;
        JsonNode logprobs = choice.path("logprobs");
        List<TokenAlternatives> tokens = logprobs.isObject()
                ? (api == ServerSettings.Api.CHAT ? chatTokens(logprobs) : completionTokens(logprobs))
                : List.of();
        return new ServerOutput(text.asText(), finishReason, tokens);
    }

    /** OpenAI completions: parallel lists {@code tokens}, {@code token_logprobs}, {@code top_logprobs} (maps). */
    private static List<TokenAlternatives> completionTokens(JsonNode logprobs) {
        JsonNode tokens = logprobs.path("tokens");
        JsonNode chosen = logprobs.path("token_logprobs");
        JsonNode tops = logprobs.path("top_logprobs");
        if (!tokens.isArray()) {
            return List.of();
        }
        List<TokenAlternatives> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).isTextual()) {
                return List.of(); // not the documented shape: no probabilities rather than wrong ones
            }
            Map<String, Double> alternatives = new HashMap<>();
            JsonNode top = tops.path(i);
            if (top.isObject()) {
                top.fields().forEachRemaining(e -> putFinite(alternatives, e.getKey(), e.getValue()));
            }
            String token = tokens.get(i).asText();
            if (!alternatives.containsKey(token)) {
                putFinite(alternatives, token, chosen.path(i));
            }
            out.add(new TokenAlternatives(token, alternatives));
        }
        return out;
    }

    /** OpenAI chat: {@code content[i] = {token, logprob, top_logprobs: [{token, logprob}]}}. */
    private static List<TokenAlternatives> chatTokens(JsonNode logprobs) {
        JsonNode content = logprobs.path("content");
        if (!content.isArray()) {
            return List.of();
        }
        List<TokenAlternatives> out = new ArrayList<>(content.size());
        for (JsonNode entry : content) {
            if (!entry.path("token").isTextual()) {
                return List.of();
            }
            Map<String, Double> alternatives = new HashMap<>();
            for (JsonNode top : entry.path("top_logprobs")) {
                if (top.path("token").isTextual()) {
                    putFinite(alternatives, top.get("token").asText(), top.path("logprob"));
                }
            }
            if (!alternatives.containsKey(entry.get("token").asText())) {
                putFinite(alternatives, entry.get("token").asText(), entry.path("logprob"));
            }
            out.add(new TokenAlternatives(entry.get("token").asText(), alternatives));
        }
        return out;
    }

    private static void putFinite(Map<String, Double> into, String token, JsonNode logprob) {
        if (logprob.isNumber() && Double.isFinite(logprob.asDouble()) && logprob.asDouble() <= 0) {
            into.putIfAbsent(token, logprob.asDouble());
        }
    }
}
