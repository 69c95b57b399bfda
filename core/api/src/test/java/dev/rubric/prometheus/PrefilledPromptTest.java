package dev.rubric.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.GradingMode;
import dev.rubric.core.Rubrics;
import dev.rubric.results.batch.GradingRequest;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A benchmark file's filled prompt reaches the judge verbatim, also through a grading batch. */
class PrefilledPromptTest {

    private final PrometheusFormat format = PrometheusFormat.get();

    @Test
    void aVicunaPromptIsTheUserMessageVerbatimInsideTheAbsoluteSystemPromptAndChat() throws IOException {
        JsonNode first = new ObjectMapper().readTree(SharedBench.benchDir().resolve("vicuna_eval.json").toFile()).get(0);
        String prompt = first.get("instruction").asText();
        AbsoluteGrading grading = AbsoluteGrading.prefilled(prompt, Rubrics.HELPFULNESS);

        assertThat(format.userMessage(grading)).isEqualTo(prompt);
        assertThat(format.modelInput(grading)).isEqualTo("[INST] " + format.systemPrompt(GradingMode.ABSOLUTE)
                + "\n\n" + prompt + " [/INST]");
    }

    @Test
    void aBatchRequestKeepsThePrefilledPromptAndRefusesItOnPairwise() {
        AbsoluteGrading grading = AbsoluteGrading.prefilled("###Task Description:\n{not a placeholder}",
                Rubrics.HELPFULNESS);
        GradingRequest request = GradingRequest.of("g1", grading);

        assertThat(request.toGrading()).isEqualTo(grading);
        assertThat(format.userMessage(request.toGrading())).isEqualTo("###Task Description:\n{not a placeholder}");
        assertThatThrownBy(() -> new GradingRequest("g2", GradingMode.PAIRWISE, "i", "a", "b", null, "r", "c", null,
                "prompt")).hasMessageContaining("g2").hasMessageContaining("only absolute");
        assertThatThrownBy(() -> AbsoluteGrading.prefilled(" ", Rubrics.HELPFULNESS))
                .hasMessageContaining("blank");
    }
}
