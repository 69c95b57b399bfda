package dev.rubric.hub;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HubFileSelectionTest {

    static final HubModelId MODEL = HubModelId.parse("mistralai/Mistral-7B-Instruct-v0.2");

    @Test
    void aMistralStyleRepositoryYieldsTheIndexShardsAndNotTheConsolidatedCopyOrPickles() {
        HubFileSelection selection = new HubFileSelection(MODEL, List.of(".gitattributes", "README.md",
                "config.json", "generation_config.json", "tokenizer.json", "tokenizer.model", "tokenizer_config.json",
                "special_tokens_map.json", "consolidated.safetensors", "model-00001-of-00002.safetensors",
                "model-00002-of-00002.safetensors", "model.safetensors.index.json", "pytorch_model-00001-of-00002.bin",
                "pytorch_model-00002-of-00002.bin", "pytorch_model.bin.index.json", "original/model.safetensors"));

        assertThat(selection.metadataFiles()).containsExactly("config.json", "tokenizer.json",
                "tokenizer_config.json", "generation_config.json", "model.safetensors.index.json");
        assertThat(selection.weightFiles(null))
                .containsExactly("model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors");
        assertThat(selection.weightFiles(List.of("model-00002-of-00002.safetensors")))
                .containsExactly("model-00002-of-00002.safetensors");
    }

    @Test
    void onlyAConsolidatedFileIsTakenWhenThereIsNothingElse() {
        HubFileSelection selection = new HubFileSelection(MODEL,
                List.of("config.json", "tokenizer.json", "consolidated.safetensors"));

        assertThat(selection.weightFiles(null)).containsExactly("consolidated.safetensors");
    }

    @Test
    void anIndexNamingAShardTheRepositoryLacksIsAnError() {
        HubFileSelection selection = new HubFileSelection(MODEL, List.of("config.json", "tokenizer.json",
                "model.safetensors.index.json", "model-00001-of-00002.safetensors"));

        assertThatThrownBy(() -> selection.weightFiles(List.of("model-00001-of-00002.safetensors",
                "model-00002-of-00002.safetensors")))
                .hasMessageContaining("does not have: model-00002-of-00002.safetensors");
    }

    @Test
    void aRepositoryWithoutTokenizerJsonIsRefusedUpFront() {
        HubFileSelection selection = new HubFileSelection(MODEL,
                List.of("config.json", "tokenizer.model", "model.safetensors"));

        assertThatThrownBy(selection::metadataFiles).hasMessageContaining("has no tokenizer.json");
    }

    @Test
    void anIndexNamingPickleWeightsIsRefusedAsTheDocsSay() {
        HubFileSelection selection = new HubFileSelection(HubModelId.parse("org/pickled"), List.of("config.json",
                "tokenizer.json", "model.safetensors.index.json", "model.safetensors", "pytorch_model.bin"));

        assertThatThrownBy(() -> selection.weightFiles(List.of("pytorch_model.bin")))
                .isInstanceOfSatisfying(HubException.class,
                        e -> assertThat(e.problem()).isEqualTo(HubException.Problem.INCOMPLETE_CHECKPOINT))
                .hasMessageContaining("model.safetensors.index.json of org/pickled")
                .hasMessageContaining("names weight files that are not safetensors: pytorch_model.bin")
                .hasMessageContaining("never downloads or loads pickle weights");
    }
}
