package dev.rubric.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rubric.lm.fixtures.TinyCheckpoints;
import dev.rubric.lm.fixtures.TinyCheckpoints.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelConfigTest {

    @TempDir
    Path dir;

    @Test
    void readsAMixtralConfig() throws IOException {
        Path file = dir.resolve("config.json");
        TinyCheckpoints.writeConfig(file, Spec.tinyMixtral(), "bfloat16");
        ModelConfig c = ModelConfig.read(file);
        assertThat(c.architecture()).isEqualTo(ModelConfig.Architecture.MIXTRAL);
        assertThat(c.hiddenSize()).isEqualTo(64);
        assertThat(c.layers()).isEqualTo(2);
        assertThat(c.heads()).isEqualTo(4);
        assertThat(c.kvHeads()).isEqualTo(2);
        assertThat(c.headDim()).isEqualTo(16);
        assertThat(c.intermediateSize()).isEqualTo(128);
        assertThat(c.ropeTheta()).isEqualTo(1_000_000.0);
        assertThat(c.rmsNormEps()).isEqualTo(1e-5);
        assertThat(c.experts()).isEqualTo(4);
        assertThat(c.expertsPerToken()).isEqualTo(2);
        assertThat(c.torchDtype()).isEqualTo("bfloat16");
        assertThat(c.bosId()).isEqualTo(1);
        assertThat(c.eosId()).isEqualTo(2);
        assertThat(c.tieWordEmbeddings()).isFalse();
    }

    @Test
    void readsPrometheus7bsConfigAsPublished() throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, """
                {"architectures": ["MistralForCausalLM"], "bos_token_id": 1, "eos_token_id": 2, "hidden_act": "silu",
                 "hidden_size": 4096, "initializer_range": 0.02, "intermediate_size": 14336,
                 "max_position_embeddings": 32768, "model_type": "mistral", "num_attention_heads": 32,
                 "num_hidden_layers": 32, "num_key_value_heads": 8, "rms_norm_eps": 1e-05, "rope_theta": 1000000.0,
                 "sliding_window": null, "tie_word_embeddings": false, "torch_dtype": "bfloat16",
                 "transformers_version": "4.38.2", "use_cache": true, "vocab_size": 32000}
                """);
        ModelConfig c = ModelConfig.read(file);
        assertThat(c.architecture()).isEqualTo(ModelConfig.Architecture.MISTRAL);
        assertThat(c.headDim()).isEqualTo(128);
        assertThat(c.headsPerKvHead()).isEqualTo(4);
        assertThat(c.maxPositions()).isEqualTo(32768);
        assertThat(c.isMixtureOfExperts()).isFalse();
        assertThat(c.slidingWindow()).isZero();
        assertThat(c.longestExactSequence()).isEqualTo(32768);
    }

    @Test
    void aSlidingWindowBoundsTheSequencesDecodedExactly() throws IOException {
        Path file = dir.resolve("config.json");
        TinyCheckpoints.writeConfig(file, Spec.tinyMistral(), "float32");
        Files.writeString(file, Files.readString(file).replace("\"sliding_window\" : null", "\"sliding_window\" : 100"));
        assertThat(ModelConfig.read(file).longestExactSequence()).isEqualTo(100);
    }

    @Test
    void refusesAnUnknownArchitectureByName() throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"architectures\": [\"GPT2LMHeadModel\"], \"hidden_size\": 8}");
        assertThatThrownBy(() -> ModelConfig.read(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("GPT2LMHeadModel")
                .hasMessageContaining("MistralForCausalLM")
                .hasMessageContaining("rubric.judge.url");
    }

    @Test
    void namesAMissingSize() throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"architectures\": [\"MistralForCausalLM\"], \"hidden_size\": 64}");
        assertThatThrownBy(() -> ModelConfig.read(file)).hasMessageContaining("\"num_attention_heads\"");
    }
}
