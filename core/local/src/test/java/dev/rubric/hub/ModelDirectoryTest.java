package dev.rubric.hub;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** rubric.judge.model as a directory, and a cache laid out by Python's huggingface_hub. */
class ModelDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void aCompleteDirectoryIsUsedAsItIs() throws IOException {
        Path dir = checkpointDir("judge", "model.safetensors");

        ResolvedModel model = offlineLocator().locate(dir.toString());

        assertThat(model).isEqualTo(new ResolvedModel(dir, "judge", Optional.empty()));
    }

    @Test
    void aShardedDirectoryNeedsEveryShardItsIndexNames() throws IOException {
        Path dir = checkpointDir("sharded", "model-00001-of-00002.safetensors");
        Files.writeString(dir.resolve("model.safetensors.index.json"), "{\"weight_map\":{\"a\":"
                + "\"model-00001-of-00002.safetensors\",\"b\":\"model-00002-of-00002.safetensors\"}}");

        HubException e = catchThrowableOfType(() -> offlineLocator().resolve(dir.toString()), HubException.class);

        assertThat(e.problem()).isEqualTo(HubException.Problem.INCOMPLETE_CHECKPOINT);
        assertThat(e.getMessage()).contains(dir.toString(), "shards that are missing: model-00002-of-00002.safetensors")
                .doesNotContain("model-00001-of-00002.safetensors,");
    }

    @Test
    void everyMissingFileIsNamedAtOnce() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(dir.resolve("config.json"), "{}");

        HubException e = catchThrowableOfType(() -> offlineLocator().resolve(dir.toString()), HubException.class);

        assertThat(e.problem()).isEqualTo(HubException.Problem.INCOMPLETE_CHECKPOINT);
        assertThat(e.getMessage()).contains("no tokenizer.json", "no *.safetensors weights")
                .doesNotContain("no config.json");
    }

    @Test
    void pickleWeightsAreNeverLoadedAndTheMessageSaysHowToConvert() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("pickled"));
        Files.writeString(dir.resolve("config.json"), "{}");
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        Files.write(dir.resolve("pytorch_model-00001-of-00002.bin"), new byte[8]);
        Files.write(dir.resolve("pytorch_model-00002-of-00002.bin"), new byte[8]);

        HubException e = catchThrowableOfType(() -> offlineLocator().resolve(dir.toString()), HubException.class);

        assertThat(e.getMessage()).contains("pytorch_model-00001-of-00002.bin", "pickle", "arbitrary code",
                "save_pretrained", "safe_serialization=True");
    }

    @Test
    void aSpecThatIsNeitherADirectoryNorAHubIdSaysBoth() {
        HubException e = catchThrowableOfType(() -> offlineLocator().resolve(tmp.resolve("nope").toString()),
                HubException.class);
        HubException blank = catchThrowableOfType(() -> offlineLocator().resolve("  "), HubException.class);

        assertThat(e.problem()).isEqualTo(HubException.Problem.BAD_SPEC);
        assertThat(e.getMessage()).contains("neither an existing directory", "does not exist", "org/name[@revision]");
        assertThat(blank.getMessage()).contains("rubric.judge.model");
    }

    @Test
    void aSnapshotDownloadedByHuggingFaceCliIsFoundOffline() throws IOException {
        String commit = "0123456789abcdef0123456789abcdef01234567";
        Path repo = tmp.resolve("cache/models--prometheus-eval--prometheus-7b-v2.0");
        Path blobs = Files.createDirectories(repo.resolve("blobs"));
        Path snapshot = Files.createDirectories(repo.resolve("snapshots").resolve(commit));
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), commit);
        Map<String, String> files = Map.of(
                "config.json", "b07f8f2f0a11e4dd4ac5ea3d3eb0c1c5c4b2d8f1",
                "tokenizer.json", "c07f8f2f0a11e4dd4ac5ea3d3eb0c1c5c4b2d8f1",
                "model.safetensors", "d".repeat(64));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(blobs.resolve(file.getValue()), file.getKey());
            Files.createSymbolicLink(snapshot.resolve(file.getKey()), Path.of("../../blobs", file.getValue()));
        }
        ModelLocator locator = new ModelLocator(HubSettings.fromEnvironment(
                Map.of("HF_HUB_CACHE", tmp.resolve("cache").toString(), "HF_HUB_OFFLINE", "1"), tmp));

        ResolvedModel model = locator.locate("prometheus-eval/prometheus-7b-v2.0");

        assertThat(model.directory()).isEqualTo(snapshot);
        assertThat(model.commit()).contains(commit);
        assertThat(locator.resolve("prometheus-eval/prometheus-7b-v2.0@" + commit)).isEqualTo(snapshot);
        assertThat(Files.readString(model.directory().resolve("model.safetensors"))).isEqualTo("model.safetensors");
    }

    @Test
    void aSnapshotWithADanglingLinkIsIncompleteAndOfflineSaysWhatIsMissing() throws IOException {
        String commit = "f".repeat(40);
        Path repo = tmp.resolve("cache/models--org--model");
        Path snapshot = Files.createDirectories(repo.resolve("snapshots").resolve(commit));
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), commit);
        Files.writeString(snapshot.resolve("config.json"), "{}");
        Files.writeString(snapshot.resolve("model.safetensors"), "x");
        Files.createSymbolicLink(snapshot.resolve("tokenizer.json"), Path.of("../../blobs/" + "e".repeat(40)));
        ModelLocator locator = new ModelLocator(HubSettings.fromEnvironment(
                Map.of("HF_HUB_CACHE", tmp.resolve("cache").toString(), "HF_HUB_OFFLINE", "yes"), tmp));

        HubException e = catchThrowableOfType(() -> locator.resolve("org/model"), HubException.class);

        assertThat(e.problem()).isEqualTo(HubException.Problem.OFFLINE);
        assertThat(e.getMessage()).contains("HF_HUB_OFFLINE", snapshot.toString(), "incomplete", "no tokenizer.json");
    }

    private ModelLocator offlineLocator() {
        return new ModelLocator(HubSettings.fromEnvironment(
                Map.of("HF_HUB_CACHE", tmp.resolve("cache").toString(), "HF_HUB_OFFLINE", "1"), tmp));
    }

    private Path checkpointDir(String name, String weights) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("config.json"), "{}");
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        Files.write(dir.resolve(weights), new byte[16]);
        return dir;
    }
}
