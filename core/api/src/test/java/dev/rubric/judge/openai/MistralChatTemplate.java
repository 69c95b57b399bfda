package dev.rubric.judge.openai;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a server that serves Prometheus 2 with its own chat template does with a chat request: the rules and the
 * rendering of Mistral-7B-Instruct v0.2's {@code chat_template} (which prometheus-7b-v2.0 ships), written out in Java:
 * <pre>
 * {{ bos_token }}{% for message in messages %}
 *   {% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}
 *     {{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}
 *   {% if message['role'] == 'user' %}{{ '[INST] ' + message['content'] + ' [/INST]' }}
 *   {% elif message['role'] == 'assistant' %}{{ message['content'] + eos_token }}
 *   {% else %}{{ raise_exception('Only user and assistant roles are supported!') }}{% endif %}{% endfor %}
 * </pre>
 * A system message first breaks the alternation rule: transformers raises, vLLM answers HTTP 400 with the message.
 */
final class MistralChatTemplate {

    static final String BOS = "<s>";
    static final String EOS = "</s>";

    /** The template raised: what vLLM sends back as a 400. */
    static final class TemplateError extends RuntimeException {
        TemplateError(String message) {
            super(message);
        }
    }

    private final List<String> rendered = new CopyOnWriteArrayList<>();

    /** The prompts rendered so far, BOS included, in the order the requests came. */
    List<String> rendered() {
        return List.copyOf(rendered);
    }

    /** The prompt text the template renders for a request's {@code messages}, BOS included. */
    static String render(JsonNode messages) {
        StringBuilder out = new StringBuilder(BOS);
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String role = m.path("role").asText();
            if (role.equals("user") != (i % 2 == 0)) {
                throw new TemplateError("Conversation roles must alternate user/assistant/user/assistant/...");
            }
            String content = m.path("content").asText();
            switch (role) {
                case "user" -> out.append("[INST] ").append(content).append(" [/INST]");
                case "assistant" -> out.append(content).append(EOS);
                default -> throw new TemplateError("Only user and assistant roles are supported!");
            }
        }
        return out.toString();
    }

    /** A reply that applies the template to the request, answering 400 as vLLM does when it raises, else {@code then}. */
    FakeOpenAiServer.Reply serving(FakeOpenAiServer.Reply then) {
        return (exchange, request) -> {
            String prompt;
            try {
                prompt = render(request.json().path("messages"));
            } catch (TemplateError e) {
                FakeOpenAiServer.json(400, FakeOpenAiServer.JSON.createObjectNode().put("object", "error")
                        .put("message", e.getMessage()).put("type", "BadRequestError").put("code", 400).toString())
                        .send(exchange, request);
                return;
            }
            rendered.add(prompt);
            then.send(exchange, request);
        };
    }
}
