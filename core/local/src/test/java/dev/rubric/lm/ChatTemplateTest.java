package dev.rubric.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.Grading;
import dev.rubric.core.PairwiseGrading;
import dev.rubric.core.Rubrics;
import dev.rubric.lm.ChatTemplate.Message;
import dev.rubric.lm.fixtures.ChatTemplates;
import dev.rubric.lm.fixtures.TinyCheckpoints;
import dev.rubric.lm.fixtures.TinyCheckpoints.Spec;
import dev.rubric.lm.fixtures.TinyCheckpoints.Storage;
import dev.rubric.lm.fixtures.TinyQwenTokenizer;
import dev.rubric.prometheus.PrometheusFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chat templates rendered as transformers' apply_chat_template renders them. Prometheus 2 through Mistral-Instruct's
 * template must give byte for byte the model input Rubric has always sent ({@code <s>} + {@link
 * PrometheusFormat#modelInput}); Qwen2.5's template is checked against the strings its turns spell, written out here.
 */
class ChatTemplateTest {

    static final String QWEN_DEFAULT_SYSTEM = "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.";

    static final List<Grading> GRADINGS = List.of(
            AbsoluteGrading.of("How do I get a refund?", "Write to us within 30 days.", Rubrics.HELPFULNESS),
            new AbsoluteGrading("Q with {{ jinja }} and {% if x %}tags{% endif %}", "a\\nb {user} {{ messages }}",
                    Rubrics.HONESTY, "reference {system} {% raw %}"),
            new PairwiseGrading("Which is kinder?", "Answer A\n\nwith lines", "Answer B 'quoted' \"double\"",
                    Rubrics.HARMLESSNESS, null),
            new PairwiseGrading("Ünïcödé 日本語 and emoji 🙂", "ja: はい", "pt: sim", Rubrics.REASONING, "ref"));

    @Test
    void prometheus2ThroughMistralInstructsTemplateIsByteForByteTheModelInput() {
        ChatTemplate mistral = ChatTemplate.mistralInstruct();
        PrometheusFormat format = PrometheusFormat.get();
        for (Grading g : GRADINGS) {
            String rendered = mistral.render(List.of(Message.user(format.chatUserTurn(g))));
            assertThat(rendered).isEqualTo("<s>" + format.modelInput(g));
        }
    }

    @Test
    void mistralInstructsTemplateRefusesASystemTurnAsTransformersDoes() {
        assertThatThrownBy(() -> ChatTemplate.mistralInstruct().render(List.of(Message.system("s"),
                Message.user("u")))).isInstanceOf(ChatTemplate.RefusedException.class)
                .hasMessage("Conversation roles must alternate user/assistant/user/assistant/...");
    }

    @Test
    void prometheus2sTokensAreTheBosThenTheModelInputAsBefore() {
        try (HfTokenizer tokenizer = HfTokenizer.load(TinyCheckpoints.shared(Spec.tinyMistral(), Storage.F32_SINGLE)
                .resolve("tokenizer.json"), 1, 2)) {
            ChatTemplate mistral = ChatTemplate.mistralInstruct();
            for (Grading g : GRADINGS) {
                String modelInput = PrometheusFormat.get().modelInput(g);
                String rendered = mistral.render(List.of(Message.user(PrometheusFormat.get().chatUserTurn(g))));
                assertThat(mistral.tokens(rendered, tokenizer)).isEqualTo(tokenizer.encode(modelInput, true));
            }
        }
    }

    @Test
    void qwen25sTemplateWritesASystemTurnAUserTurnAndTheAssistantsOpening() {
        ChatTemplate qwen = new ChatTemplate(ChatTemplates.qwen25(), "test", "", "<|im_end|>");
        for (Grading g : GRADINGS) {
            PrometheusFormat.Conversation c = PrometheusFormat.get().conversation(g);
            assertThat(qwen.render(List.of(Message.system(c.system()), Message.user(c.user()))))
                    .isEqualTo("<|im_start|>system\n" + c.system() + "<|im_end|>\n"
                            + "<|im_start|>user\n" + c.user() + "<|im_end|>\n"
                            + "<|im_start|>assistant\n");
        }
    }

    @Test
    void qwen25sTemplateAddsItsDefaultSystemPromptWhenThereIsNone() {
        ChatTemplate qwen = new ChatTemplate(ChatTemplates.qwen25(), "test", "", "<|im_end|>");
        assertThat(qwen.render(List.of(Message.user("Hi\nthere"))))
                .isEqualTo("<|im_start|>system\n" + QWEN_DEFAULT_SYSTEM + "<|im_end|>\n"
                        + "<|im_start|>user\nHi\nthere<|im_end|>\n<|im_start|>assistant\n");
    }

    @Test
    void qwensSpecialTokensBecomeTheirIdsAndNoBosIsAdded() {
        Path dir = TinyCheckpoints.shared(Spec.tinyQwen2(), Storage.F32_SINGLE);
        ChatTemplate qwen = ChatTemplate.of(dir, ModelConfig.Architecture.QWEN2);
        assertThat(qwen.origin()).isEqualTo(ChatTemplate.TOKENIZER_CONFIG);
        assertThat(qwen.bosToken()).isEmpty();
        try (HfTokenizer tokenizer = HfTokenizer.load(dir.resolve("tokenizer.json"),
                TinyQwenTokenizer.id(TinyQwenTokenizer.END_OF_TEXT), TinyQwenTokenizer.id(TinyQwenTokenizer.IM_END))) {
            int[] ids = qwen.tokens(qwen.render(List.of(Message.system("S"), Message.user("U"))), tokenizer);
            int start = TinyQwenTokenizer.id(TinyQwenTokenizer.IM_START);
            int end = TinyQwenTokenizer.id(TinyQwenTokenizer.IM_END);
            assertThat(ids[0]).isEqualTo(start);
            assertThat(java.util.Arrays.stream(ids).filter(id -> id == start).count()).isEqualTo(3);
            assertThat(java.util.Arrays.stream(ids).filter(id -> id == end).count()).isEqualTo(2);
            assertThat(tokenizer.decode(ids)).isEqualTo("system\nS\nuser\nU\nassistant\n");
        }
    }

    @Test
    void aQwen2CheckpointWithoutATemplateIsRefusedWithTheWayOut(@TempDir Path dir) {
        assertThatThrownBy(() -> ChatTemplate.of(dir, ModelConfig.Architecture.QWEN2))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("has no chat template")
                .hasMessageContaining("download the model's tokenizer_config.json");
    }

    @Test
    void aMistralCheckpointWithoutATemplateGetsPrometheus2sAndTheFilesTokens(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("tokenizer_config.json"),
                "{\"bos_token\": {\"content\": \"<s>\", \"special\": true}, \"eos_token\": \"</s>\"}");
        ChatTemplate t = ChatTemplate.of(dir, ModelConfig.Architecture.MISTRAL);
        assertThat(t.origin()).isEqualTo("built-in mistral-instruct");
        assertThat(t.digest()).isEqualTo(ChatTemplate.mistralInstruct().digest());
    }

    @Test
    void aNamedTemplateListUsesTheDefaultOne(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"chat_template\": [{\"name\": \"tool_use\","
                + " \"template\": \"T\"}, {\"name\": \"default\", \"template\": \"D{{ messages[0].content }}\"}]}");
        assertThat(ChatTemplate.of(dir, ModelConfig.Architecture.QWEN2).render(List.of(Message.user("x"))))
                .isEqualTo("Dx");
    }

    @Test
    void aTemplateThatDoesNotRenderSaysSo(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"chat_template\": \"{% for m in messages %}\"}");
        ChatTemplate t = ChatTemplate.of(dir, ModelConfig.Architecture.QWEN2);
        assertThatThrownBy(() -> t.render(List.of(Message.user("x"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not render");
    }

    @Test
    void theDigestNamesTheTextAndTheSpecialTokens() {
        String qwen = ChatTemplates.qwen25();
        assertThat(new ChatTemplate(qwen, "a", "", "<|im_end|>").digest())
                .isEqualTo(new ChatTemplate(qwen, "b", "", "<|im_end|>").digest())
                .isNotEqualTo(new ChatTemplate(qwen, "a", "", "<|endoftext|>").digest())
                .isNotEqualTo(new ChatTemplate(qwen + " ", "a", "", "<|im_end|>").digest())
                .hasSize(16);
    }
}
