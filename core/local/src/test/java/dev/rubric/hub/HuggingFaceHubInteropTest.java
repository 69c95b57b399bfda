package dev.rubric.hub;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The independent reference for the cache layout: Python's huggingface_hub reads what Rubric downloads, and Rubric
 * reads what huggingface_hub downloads (from the same fake Hub). Runs where {@code python3} (or RUBRIC_PYTHON) can
 * import huggingface_hub (e.g. the GPU image, or PYTHONPATH set to its sources); skipped elsewhere.
 */
class HuggingFaceHubInteropTest {

    static final String REPO = ModelLocatorDownloadTest.REPO;
    static final String MAIN = ModelLocatorDownloadTest.COMMIT_MAIN;

    @TempDir
    Path tmp;
    FakeHub hub;
    Map<String, byte[]> files;

    @BeforeEach
    void start() throws IOException {
        assumeTrue(python(Map.of(), "import huggingface_hub").exitCode() == 0,
                "needs python3 with huggingface_hub (set RUBRIC_PYTHON / PYTHONPATH)");
        hub = new FakeHub(REPO);
        files = ModelLocatorDownloadTest.checkpoint(new Random(5), "interop");
        hub.addCommit("main", MAIN, files);
        hub.addCommit("v1.0", ModelLocatorDownloadTest.COMMIT_V1,
                ModelLocatorDownloadTest.checkpoint(new Random(6), "v1"));
    }

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void huggingFaceHubReadsWhatRubricDownloadedOffline() throws IOException {
        Path cache = tmp.resolve("cache");
        ModelLocator locator = new ModelLocator(HubSettings.fromEnvironment(
                Map.of("HF_HUB_CACHE", cache.toString(), "HF_ENDPOINT", hub.endpoint(),
                        "HF_HUB_DISABLE_PROGRESS_BARS", "1"), tmp));
        Path main = locator.resolve(REPO);
        Path v1 = locator.resolve(REPO + "@v1.0");

        Result python = python(Map.of("HF_HUB_CACHE", cache.toString(), "HF_HUB_OFFLINE", "1"), String.join("\n",
                "from huggingface_hub import snapshot_download, hf_hub_download, scan_cache_dir",
                "print(snapshot_download('" + REPO + "', local_files_only=True))",
                "print(snapshot_download('" + REPO + "', revision='v1.0', local_files_only=True))",
                "print(hf_hub_download('" + REPO + "', 'model-00002-of-00002.safetensors', local_files_only=True))",
                "info = scan_cache_dir()",
                "print(len(info.warnings), sorted(r for repo in info.repos for rev in repo.revisions for r in rev.refs))"));

        assertThat(python.exitCode()).as(python.output()).isZero();
        assertThat(python.output().lines().toList()).containsExactly(main.toString(), v1.toString(),
                main.resolve("model-00002-of-00002.safetensors").toString(), "0 ['main', 'v1.0']");
    }

    @Test
    void rubricFindsWhatHuggingFaceHubDownloadedWithoutAskingTheHub() throws IOException {
        Path cache = tmp.resolve("cache");
        Result python = python(Map.of("HF_HUB_CACHE", cache.toString(), "HF_ENDPOINT", hub.endpoint(),
                "HF_HUB_DISABLE_PROGRESS_BARS", "1"), String.join("\n",
                "from huggingface_hub import snapshot_download",
                "print(snapshot_download('" + REPO + "', allow_patterns=['*.json', 'model-*.safetensors']))"));
        assertThat(python.exitCode()).as(python.output()).isZero();
        hub.clearRequests();

        ResolvedModel model = new ModelLocator(HubSettings.fromEnvironment(
                Map.of("HF_HUB_CACHE", cache.toString(), "HF_HUB_OFFLINE", "1"), tmp)).locate(REPO);

        assertThat(model.directory().toString()).isEqualTo(python.output().strip());
        assertThat(model.commit()).contains(MAIN);
        assertThat(hub.requests()).isEmpty();
        Path rubricCache = tmp.resolve("rubric-cache");
        Path rubricSnapshot = new ModelLocator(HubSettings.fromEnvironment(Map.of("HF_HUB_CACHE",
                rubricCache.toString(), "HF_ENDPOINT", hub.endpoint(), "HF_HUB_DISABLE_PROGRESS_BARS", "1"), tmp))
                .resolve(REPO);
        for (String name : List.of("config.json", "model.safetensors.index.json", ModelLocatorDownloadTest.SHARD1)) {
            assertThat(Files.readSymbolicLink(rubricSnapshot.resolve(name)))
                    .as(name).isEqualTo(Files.readSymbolicLink(model.directory().resolve(name)));
        }
        assertThat(Files.readString(rubricCache.resolve("models--prometheus-eval--tiny-judge/refs/main")))
                .isEqualTo(Files.readString(cache.resolve("models--prometheus-eval--tiny-judge/refs/main")));
    }

    record Result(int exitCode, String output) {
    }

    private static Result python(Map<String, String> env, String script) {
        String python = System.getenv().getOrDefault("RUBRIC_PYTHON", "python3");
        try {
            ProcessBuilder builder = new ProcessBuilder(python, "-c", script).redirectErrorStream(true);
            builder.environment().keySet().removeIf(k -> k.startsWith("HF_") || k.startsWith("HUGGING"));
            builder.environment().putAll(env);
            Process process = builder.start();
            process.getOutputStream().close();
            String output;
            try (var in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, output);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.toString());
        }
    }
}
