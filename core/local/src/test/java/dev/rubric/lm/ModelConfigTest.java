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
    void readsAQwen25ConfigWithBiasesTiedEmbeddingsAndAnUnusedWindow() throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, QWEN25_3B_SHAPED);
        ModelConfig c = ModelConfig.read(file);
        assertThat(c.architecture()).isEqualTo(ModelConfig.Architecture.QWEN2);
        assertThat(c.architecture().family()).isEqualTo("qwen2");
        assertThat(c.attentionBias()).isTrue();
        assertThat(c.tieWordEmbeddings()).isTrue();
        assertThat(c.headDim()).isEqualTo(128);
        assertThat(c.headsPerKvHead()).isEqualTo(8);
        assertThat(c.rmsNormEps()).isEqualTo(1e-6);
        assertThat(c.bosId()).isEqualTo(151643);
        assertThat(c.eosId()).isEqualTo(151645);
        // use_sliding_window is false: Hugging Face ignores sliding_window, and so does the decoder
        assertThat(c.slidingWindow()).isZero();
        assertThat(c.longestExactSequence()).isEqualTo(32768);
        // embedding, 36 x (2 norms, q/k/v weights and biases, o, gate, up, down), norm; no lm_head
        assertThat(c.tensorCount()).isEqualTo(1 + 36 * 12 + 1);
    }

    @Test
    void aQwen2WindowAppliesOnlyWhenUsedAndSomeLayerReachesMaxWindowLayers() throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, QWEN25_3B_SHAPED.replace("\"use_sliding_window\": false",
                "\"use_sliding_window\": true").replace("\"max_window_layers\": 70", "\"max_window_layers\": 28"));
        assertThat(ModelConfig.read(file).longestExactSequence()).isEqualTo(4096);
        Files.writeString(file, QWEN25_3B_SHAPED.replace("\"use_sliding_window\": false",
                "\"use_sliding_window\": true")); // max_window_layers 70 of 36 layers: no layer slides
        assertThat(ModelConfig.read(file).slidingWindow()).isZero();
    }

    /** In the shape of Qwen2.5-3B-Instruct's config.json (M-Prometheus-3B's base), sliding_window lowered to 4096. */
    static final String QWEN25_3B_SHAPED = """
            {"architectures": ["Qwen2ForCausalLM"], "attention_dropout": 0.0, "bos_token_id": 151643,
             "eos_token_id": 151645, "hidden_act": "silu", "hidden_size": 2048, "initializer_range": 0.02,
             "intermediate_size": 11008, "max_position_embeddings": 32768, "max_window_layers": 70,
             "model_type": "qwen2", "num_attention_heads": 16, "num_hidden_layers": 36, "num_key_value_heads": 2,
             "rms_norm_eps": 1e-06, "rope_theta": 1000000.0, "sliding_window": 4096, "tie_word_embeddings": true,
             "torch_dtype": "bfloat16", "use_cache": true, "use_sliding_window": false, "vocab_size": 151936}
            """;

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
