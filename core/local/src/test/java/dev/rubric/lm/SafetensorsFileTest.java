package dev.rubric.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rubric.lm.fixtures.SafetensorsWriter;
import dev.rubric.lm.fixtures.Tensor;
import dev.rubric.lm.fixtures.TinyCheckpoints;
import dev.rubric.lm.fixtures.TinyCheckpoints.Spec;
import dev.rubric.lm.fixtures.TinyCheckpoints.Storage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safetensors reader checks every header field against the file before it maps a byte. */
class SafetensorsFileTest {

    @TempDir
    Path dir;

    @Test
    void readsWhatTheWriterWrote() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("a", new Tensor(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}));
        tensors.put("b", new Tensor(new long[] {2}, new float[] {-1.5f, 0.25f}));
        Path file = dir.resolve("model.safetensors");
        SafetensorsWriter.write(file, tensors, "BF16");
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            TensorEntry b = f.tensors().get("b");
            assertThat(b.dtype()).isEqualTo(SafetensorsDtype.BF16);
            assertThat(b.shape()).containsExactly(2);
            ByteBuffer bytes = f.map(b);
            assertThat(Float.intBitsToFloat((bytes.getShort(0) & 0xFFFF) << 16)).isEqualTo(-1.5f);
            assertThat(Float.intBitsToFloat((bytes.getShort(2) & 0xFFFF) << 16)).isEqualTo(0.25f);
        }
    }

    @Test
    void refusesAHeaderLongerThanTheFile() throws IOException {
        Path file = dir.resolve("model-00002.safetensors");
        SafetensorsWriter.writeRaw(file, 9_223_000_000_000L, "{}", 16);
        assertThatThrownBy(() -> SafetensorsFile.open(file)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("model-00002.safetensors declares 9223000000000 bytes")
                .hasMessageContaining("corrupt or truncated");
    }

    @Test
    void refusesAHeaderLengthWithTheSignBitSet() throws IOException {
        Path file = dir.resolve("m.safetensors");
        SafetensorsWriter.writeRaw(file, -8, "{}", 16);
        assertThatThrownBy(() -> SafetensorsFile.open(file))
                .hasMessageContaining("m.safetensors does not start with a header length: its first 8 bytes"
                        + " (f8 ff ff ff ff ff ff ff) read as a little-endian length are more than 2^63 bytes")
                .hasMessageContaining("not a safetensors file, or it is corrupt")
                .message().doesNotContain("18446744073709551608");
    }

    @Test
    void aShapeWhoseBytesOverflowIsSaidInWordsNotAsMinusOne() throws IOException {
        // 2^31 * 2^31 elements fit a long; times 4 bytes of F32 they do not
        Path file = raw("{\"w\":{\"dtype\":\"F32\",\"shape\":[2147483648,2147483648],\"data_offsets\":[0,8]}}", 8);
        assertThatThrownBy(() -> SafetensorsFile.open(file))
                .hasMessageContaining("of shape [2147483648,2147483648], which is more bytes than any file holds"
                        + " (over 2^63), but its data_offsets span 8 bytes")
                .message().doesNotContain("-1 bytes");
    }

    @Test
    void refusesOffsetsOutsideTheDataArea() throws IOException {
        Path file = raw("{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8);
        assertThatThrownBy(() -> SafetensorsFile.open(file))
                .hasMessageContaining("tensor w in model.safetensors lies at bytes [0, 16) of a data area of 8 bytes");
    }

    @Test
    void refusesOverlappingTensors() throws IOException {
        Path file = raw("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 16);
        assertThatThrownBy(() -> SafetensorsFile.open(file)).hasMessageContaining("tensors a [0, 8) and b [4, 12) overlap");
    }

    @Test
    void refusesAByteLengthThatDoesNotMatchTheShape() throws IOException {
        Path file = raw("{\"w\":{\"dtype\":\"BF16\",\"shape\":[3,2],\"data_offsets\":[0,8]}}", 16);
        assertThatThrownBy(() -> SafetensorsFile.open(file))
                .hasMessageContaining("tensor w in model.safetensors is BF16 of shape [3,2], which is 12 bytes, but "
                        + "its data_offsets span 8 bytes");
    }

    @Test
    void refusesUnknownDtypesByName() throws IOException {
        Path file = raw("{\"w\":{\"dtype\":\"I8\",\"shape\":[4],\"data_offsets\":[0,4]}}", 8);
        assertThatThrownBy(() -> SafetensorsFile.open(file))
                .hasMessageContaining("tensor w in model.safetensors has dtype I8")
                .hasMessageContaining("F32, F16 and BF16");
    }

    @Test
    void refusesNegativeDimensionsAndShapesThatOverflow() throws IOException {
        Path negative = raw("{\"w\":{\"dtype\":\"F32\",\"shape\":[-1,4],\"data_offsets\":[0,0]}}", 8);
        assertThatThrownBy(() -> SafetensorsFile.open(negative)).hasMessageContaining("dimension -1");
        Path huge = raw("{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,0]}}", 8);
        assertThatThrownBy(() -> SafetensorsFile.open(huge)).hasMessageContaining("more elements than a file");
    }

    @Test
    void refusesAHeaderThatIsNotJson() throws IOException {
        Path file = raw("{\"w\": oops", 8);
        assertThatThrownBy(() -> SafetensorsFile.open(file)).hasMessageContaining("not valid JSON");
    }

    @Test
    void refusesShardNamesThatLeaveTheDirectory() throws IOException {
        for (String shard : new String[] {"../x.safetensors", "/etc/x.safetensors", "sub/x.safetensors", ".."}) {
            Path checkpoint = Files.createTempDirectory(dir, "c");
            Files.writeString(checkpoint.resolve("model.safetensors.index.json"),
                    "{\"weight_map\": {\"model.norm.weight\": \"" + shard + "\"}}");
            assertThatThrownBy(() -> CheckpointWeights.open(checkpoint)).isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("shard \"" + shard + "\"")
                    .hasMessageContaining("inside the checkpoint directory");
        }
    }

    @Test
    void namesAShardTheIndexPromisesButTheDirectoryLacks() throws IOException {
        Path checkpoint = dir.resolve("sharded");
        TinyCheckpoints.write(checkpoint, Spec.tinyMistral(), Storage.BF16_SHARDED);
        Files.delete(checkpoint.resolve("model-00002-of-00003.safetensors"));
        assertThatThrownBy(() -> CheckpointWeights.open(checkpoint))
                .hasMessageContaining("in model-00002-of-00003.safetensors, which is not in")
                .hasMessageContaining("the download is incomplete");
    }

    @Test
    void neverLoadsPickleWeightsAndSaysWhy() throws IOException {
        Files.write(dir.resolve("pytorch_model.bin"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> CheckpointWeights.open(dir))
                .hasMessageContaining("[pytorch_model.bin]")
                .hasMessageContaining("never loads pickle files, because unpickling runs code from the file");
    }

    @Test
    void namesAMisshapenTensorWithItsShard() {
        try (CheckpointWeights weights = CheckpointWeights.open(
                TinyCheckpoints.shared(Spec.tinyMistral(), Storage.BF16_SHARDED))) {
            assertThat(weights.tensors()).containsKey("model.layers.1.mlp.gate_proj.weight");
            String shard = weights.tensors().get("model.layers.1.mlp.gate_proj.weight").file().getFileName().toString();
            assertThat(shard).matches("model-0000[1-3]-of-00003.safetensors");
            assertThatThrownBy(() -> weights.require("model.layers.1.mlp.gate_proj.weight", 14336, 4096))
                    .hasMessage("model.layers.1.mlp.gate_proj.weight: expected [14336, 4096], found [128, 64] in "
                            + shard + ": the checkpoint does not match its config.json");
            assertThatThrownBy(() -> weights.require("model.layers.7.mlp.gate_proj.weight", 128, 64))
                    .hasMessageContaining("tensor model.layers.7.mlp.gate_proj.weight: expected [128, 64], but no "
                            + "safetensors file");
        }
    }

    @Test
    void aCheckpointMissingALayerFailsToLoadWithTheTensorsName() throws IOException {
        Path checkpoint = dir.resolve("three-layers");
        Spec spec = Spec.tinyMistral();
        TinyCheckpoints.write(checkpoint, spec, Storage.F32_SINGLE);
        Files.writeString(checkpoint.resolve("config.json"), Files.readString(checkpoint.resolve("config.json"))
                .replace("\"num_hidden_layers\" : 2", "\"num_hidden_layers\" : 3"));
        assertThatThrownBy(() -> CausalLm.load(checkpoint, new LoadOptions(DeviceChoice.CPU)))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("tensor model.layers.2.input_layernorm.weight: expected [64]");
    }

    private Path raw(String header, int dataBytes) throws IOException {
        Path file = dir.resolve("model.safetensors");
        SafetensorsWriter.writeRaw(file, header.getBytes(StandardCharsets.UTF_8).length, header, dataBytes);
        return file;
    }
}
