package dev.rubric.hub;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static dev.rubric.hub.ModelLocatorDownloadTest.COMMIT_MAIN;
import static dev.rubric.hub.ModelLocatorDownloadTest.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link ModelLocator#identify}: which weights a judge model names, for its fingerprint, without downloading them
 * (the verdict cache is asked before the model is located). A download happens only in {@link ModelLocator#locate},
 * of exactly the commit identified.
 */
class ModelLocatorIdentifyTest {

    static final String NEWER = "c".repeat(40);

    @TempDir
    Path tmp;
    Path cache;
    FakeHub hub;

    @BeforeEach
    void startHub() throws IOException {
        cache = tmp.resolve("hf-cache");
        hub = new FakeHub(REPO);
        hub.addCommit("main", COMMIT_MAIN, ModelLocatorDownloadTest.checkpoint(new Random(7), "main"));
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    private ModelLocator locator(Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("HF_HUB_CACHE", cache.toString());
        env.put("HF_ENDPOINT", hub.endpoint() + "/");
        return new ModelLocator(HubSettings.fromEnvironment(env, tmp.resolve("home")), HubHttp.defaultClient(),
                DownloadProgress.silent(), BlobDownloader::usableSpaceOf, Duration.ofSeconds(5), Duration.ofMillis(1));
    }

    @Test
    void aNamedCommitIsTheIdentityWithoutAskingTheHubOrTheCache() {
        ModelSource source = locator(Map.of("HF_HUB_OFFLINE", "1")).identify(REPO + "@" + NEWER);

        assertThat(source).isEqualTo(new ModelSource.HubCommit(REPO, NEWER));
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void aBranchNotInTheCacheIsPinnedByOneFileListRequestAndNothingIsDownloaded() {
        ModelSource source = locator(Map.of()).identify(REPO);

        assertThat(source).isEqualTo(new ModelSource.HubCommit(REPO, COMMIT_MAIN));
        assertThat(hub.requests()).hasSize(1);
        assertThat(hub.requests().get(0).path()).contains("/api/models/" + REPO);
        assertThat(cache).doesNotExist();
    }

    @Test
    void aBranchWhoseSnapshotIsCompleteInTheCacheIsPinnedToItWithoutTheHub() {
        ModelLocator locator = locator(Map.of());
        locator.resolve(REPO); // downloads main
        hub.addCommit("main", NEWER, ModelLocatorDownloadTest.checkpoint(new Random(8), "newer")); // main moves on
        hub.clearRequests();

        assertThat(locator.identify(REPO)).isEqualTo(new ModelSource.HubCommit(REPO, COMMIT_MAIN));
        assertThat(hub.requests()).isEmpty();
        assertThat(locator.locate(locator.identify(REPO)).directory())
                .isEqualTo(cache.resolve("models--prometheus-eval--tiny-judge/snapshots/" + COMMIT_MAIN));
    }

    @Test
    void offlineABranchIsTheCommitTheCacheLastSawEvenWhenItsSnapshotIsIncomplete() throws IOException {
        Path refs = cache.resolve("models--prometheus-eval--tiny-judge/refs");
        Files.createDirectories(refs);
        Files.writeString(refs.resolve("main"), COMMIT_MAIN);

        assertThat(locator(Map.of("HF_HUB_OFFLINE", "1")).identify(REPO))
                .isEqualTo(new ModelSource.HubCommit(REPO, COMMIT_MAIN));
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void offlineABranchTheCacheNeverSawCannotBeNamedAndTheMessageSaysToPinTheCommit() {
        HubException e = catchThrowableOfType(() -> locator(Map.of("HF_HUB_OFFLINE", "1")).identify(REPO + "@v2"),
                HubException.class);

        assertThat(e.problem()).isEqualTo(HubException.Problem.OFFLINE);
        assertThat(e.getMessage()).contains("HF_HUB_OFFLINE", "rubric.judge.model=" + REPO + "@<40-hex commit>",
                "'v2'");
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void aFolderIsItsAbsolutePathAndMustHoldACheckpoint() throws IOException {
        Path folder = tmp.resolve("judge");
        Files.createDirectories(folder);
        HubException incomplete = catchThrowableOfType(() -> locator(Map.of()).identify(folder.toString()),
                HubException.class);
        assertThat(incomplete.problem()).isEqualTo(HubException.Problem.INCOMPLETE_CHECKPOINT);

        Files.writeString(folder.resolve("config.json"), "{}");
        Files.writeString(folder.resolve("tokenizer.json"), "{}");
        Files.write(folder.resolve("model.safetensors"), new byte[16]);
        assertThat(locator(Map.of()).identify(folder + "/../judge"))
                .isEqualTo(new ModelSource.Folder(folder.toAbsolutePath().normalize()));
        assertThat(hub.requests()).isEmpty();
    }
}
