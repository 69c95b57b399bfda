package dev.rubric.judge.local;

import dev.rubric.lm.ChatTemplate;
import dev.rubric.lm.LanguageModel;
import dev.rubric.prometheus.PrometheusFormat;

import java.util.List;

/**
 * A grading's conversation in the judge model's own chat template, as token ids. The system prompt is its own turn
 * where the template has a system role (Qwen's {@code <|im_start|>system}, M-Prometheus); a template that refuses one
 * (Mistral-Instruct's "Conversation roles must alternate", Prometheus 2) gets a single user turn
 * {@code {system}\n\n{user}}, which is Prometheus 2's own format: {@code <s>[INST] {system}\n\n{user} [/INST]}.
 */
final class ChatPrompt {

    private ChatPrompt() {
    }

    /** The text the model continues, special tokens as text. */
    static String render(ChatTemplate template, PrometheusFormat.Conversation conversation) {
        if (template.acceptsSystemRole()) {
            return template.render(List.of(ChatTemplate.Message.system(conversation.system()),
                    ChatTemplate.Message.user(conversation.user())));
        }
        return template.render(List.of(ChatTemplate.Message.user(PrometheusFormat.get().singleUserTurn(conversation))));
    }

    /** The prompt's token ids for {@code model}. */
    static int[] tokens(LanguageModel model, PrometheusFormat.Conversation conversation) {
        ChatTemplate template = model.chatTemplate();
        return template.tokens(render(template, conversation), model.tokenizer());
    }
}
