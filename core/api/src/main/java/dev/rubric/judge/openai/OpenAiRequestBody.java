package dev.rubric.judge.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rubric.core.DecodingSettings;
import dev.rubric.core.Grading;
import dev.rubric.judge.ServerSettings;
import dev.rubric.prometheus.PrometheusFormat;

/**
 * The JSON body of one request.
 * <p>
 * Completions: {@code model}, {@code prompt} (the exact Prometheus model input {@code [INST] system\n\nuser [/INST]};
 * the server's tokenizer adds the BOS token), {@code max_tokens}, {@code temperature}, {@code top_p} and
 * {@code repetition_penalty} (only when they are not 1, their neutral value), {@code seed}, {@code stop}
 * {@code ["</s>"]} and {@code logprobs: 5}, which asks for the five likeliest tokens at every position.
 * <p>
 * Chat: the same, with {@code messages} instead of {@code prompt}: one user message, {@code {system}\n\n{user}}
 * ({@link PrometheusFormat#chatUserTurn}), and {@code logprobs: true, top_logprobs: 5}. Prometheus 2's own chat
 * template (Mistral-7B-Instruct v0.2's) has no system role and renders that one message as exactly the completions
 * prompt, {@code <s>[INST] {system}\n\n{user} [/INST]}; a server with another template renders something else, so
 * completions stay the faithful route.
 * <p>
 * {@code repetition_penalty} is not in the OpenAI API: it is a vLLM extension (also read by some other servers;
 * servers that do not know it usually ignore it).
 */
final class OpenAiRequestBody {

    static final int TOP_LOGPROBS = 5;
    static final String END_OF_SEQUENCE = "</s>";

    private final ObjectMapper json;
    private final PrometheusFormat format = PrometheusFormat.get();

    OpenAiRequestBody(ObjectMapper json) {
        this.json = json;
    }

    /** The body asking for one sample of {@code grading} with {@code seed}. */
    ObjectNode of(ServerSettings.Api api, String model, DecodingSettings decoding, Grading grading, long seed) {
        ObjectNode body = json.createObjectNode();
        body.put("model", model);
        if (api == ServerSettings.Api.CHAT) {
            body.putArray("messages").addObject().put("role", "user").put("content", format.chatUserTurn(grading));
        } else {
            body.put("prompt", format.modelInput(grading));
        }
        body.put("max_tokens", decoding.maxTokens());
        body.put("temperature", decoding.temperature());
        if (decoding.topP() != 1.0) {
            body.put("top_p", decoding.topP());
        }
        if (decoding.repetitionPenalty() != 1.0) {
            body.put("repetition_penalty", decoding.repetitionPenalty());
        }
        body.put("seed", seed);
        body.putArray("stop").add(END_OF_SEQUENCE);
        if (api == ServerSettings.Api.CHAT) {
            body.put("logprobs", true);
            body.put("top_logprobs", TOP_LOGPROBS);
        } else {
            body.put("logprobs", TOP_LOGPROBS);
        }
        return body;
    }
}
