package dev.rubric.hub;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ModelLocatorDownloadTest {

    static final String REPO = "prometheus-eval/tiny-judge";
    static final String COMMIT_MAIN = "1111111111111111111111111111111111111111".replace('1', 'a');
    static final String COMMIT_V1 = "b".repeat(40);
    static final String SHARD1 = "model-00001-of-00002.safetensors";
    static final String SHARD2 = "model-00002-of-00002.safetensors";
    static final String TOKEN = "hf_secretTokenValue123";

    @TempDir
    Path tmp;
    Path cache;
    FakeHub hub;
    Map<String, byte[]> mainFiles;

    @BeforeEach
    void startHub() throws IOException {
        cache = tmp.resolve("hf-cache");
        hub = new FakeHub(REPO);
        mainFiles = checkpoint(new Random(7), "main");
        hub.addCommit("main", COMMIT_MAIN, mainFiles);
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    @Test
    void downloadsOnlyTheNeededFilesIntoTheHuggingFaceCacheLayout() throws IOException {
        Path dir = locator(Map.of("HF_TOKEN", TOKEN)).resolve(REPO);

        Path repoDir = cache.resolve("models--prometheus-eval--tiny-judge");
        assertThat(dir).isEqualTo(repoDir.resolve("snapshots").resolve(COMMIT_MAIN));
        assertThat(Files.readString(repoDir.resolve("refs/main"))).isEqualTo(COMMIT_MAIN);
        List<String> expected = List.of("config.json", "tokenizer.json", "tokenizer_config.json",
                "generation_config.json", "model.safetensors.index.json", SHARD1, SHARD2);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(expected);
        }
        for (String name : expected) {
            Path link = dir.resolve(name);
            String etag = FakeHub.etagOf(name, mainFiles.get(name));
            assertThat(Files.isSymbolicLink(link)).as(name + " is a symbolic link").isTrue();
            assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("../../blobs/" + etag));
            assertThat(Files.readAllBytes(link)).isEqualTo(mainFiles.get(name));
        }
        try (Stream<Path> blobs = Files.list(repoDir.resolve("blobs"))) {
            assertThat(blobs.map(p -> p.getFileName().toString())).doesNotContain(".incomplete")
                    .allMatch(n -> n.matches("[0-9a-f]{40}|[0-9a-f]{64}"));
        }

        List<FakeHub.Request> requests = hub.requests();
        assertThat(requests).extracting(FakeHub.Request::path)
                .noneMatch(p -> p.endsWith(".bin") || p.contains("consolidated") || p.contains("special_tokens_map")
                        || p.contains("original/") || p.contains("README"));
        assertThat(requests).filteredOn(r -> r.path().startsWith("/lfs/"))
                .hasSize(2)
                .allSatisfy(r -> {
                    assertThat(r.authorization()).as("token sent to the storage host").isNull();
                    assertThat(r.host()).startsWith("localhost");
                });
        assertThat(requests).filteredOn(r -> !r.path().startsWith("/lfs/"))
                .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + TOKEN));
    }

    @Test
    void aTransferCutInTheMiddleResumesWithARangeRequestAndIsVerified() throws IOException {
        hub.cutTransfers(SHARD1, 1);

        Path dir = locator(Map.of()).resolve(REPO);

        assertThat(Files.readAllBytes(dir.resolve(SHARD1))).isEqualTo(mainFiles.get(SHARD1));
        List<FakeHub.Request> transfers = lfsRequests(SHARD1);
        int half = mainFiles.get(SHARD1).length / 2;
        assertThat(transfers).extracting(FakeHub.Request::range).containsExactly(null, "bytes=" + half + "-");
    }

    @Test
    void aPartialFileLeftByAFailedRunIsResumedByTheNextRun() throws IOException {
        hub.cutTransfers(SHARD2, 5);
        ModelLocator locator = locator(Map.of());

        HubException failure = catchThrowableOfType(() -> locator.resolve(REPO), HubException.class);

        assertThat(failure.problem()).isEqualTo(HubException.Problem.HUB_ERROR);
        assertThat(failure.getMessage()).contains(SHARD2, "failed 5 times", "the next run resumes");
        Path incomplete = cache.resolve("models--prometheus-eval--tiny-judge/blobs/"
                + FakeHub.sha256(mainFiles.get(SHARD2)) + ".incomplete");
        long kept = Files.size(incomplete);
        assertThat(kept).isPositive().isLessThan(mainFiles.get(SHARD2).length);

        hub.clearRequests();
        Path dir = locator.resolve(REPO);

        assertThat(Files.readAllBytes(dir.resolve(SHARD2))).isEqualTo(mainFiles.get(SHARD2));
        assertThat(lfsRequests(SHARD2)).extracting(FakeHub.Request::range).containsExactly("bytes=" + kept + "-");
        assertThat(incomplete).doesNotExist();
    }

    @Test
    void aStalledTransferIsAbandonedAndResumed() throws IOException {
        hub.stallTransfers(SHARD1, 1);
        Map<String, String> env = Map.of("HF_HUB_CACHE", cache.toString(), "HF_ENDPOINT", hub.endpoint());
        ModelLocator impatient = new ModelLocator(HubSettings.fromEnvironment(env, tmp), HubHttp.defaultClient(),
                DownloadProgress.silent(), BlobDownloader::usableSpaceOf, Duration.ofMillis(400), Duration.ofMillis(1));

        long start = System.nanoTime();
        Path dir = impatient.resolve(REPO);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        assertThat(Files.readAllBytes(dir.resolve(SHARD1))).isEqualTo(mainFiles.get(SHARD1));
        int half = mainFiles.get(SHARD1).length / 2;
        assertThat(lfsRequests(SHARD1)).extracting(FakeHub.Request::range).containsExactly(null, "bytes=" + half + "-");
    }

    /**
     * A partial download that is a link (here to /dev/full, as this test once used to fake a full disk) is removed,
     * never written through: whoever can write a shared cache could otherwise aim the download at any file.
     */
    @Test
    void aPartialDownloadThatIsALinkIsRemovedNotWrittenThrough() throws IOException {
        Path devFull = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(devFull), "needs Linux's /dev/full");
        Path blobs = Files.createDirectories(cache.resolve("models--prometheus-eval--tiny-judge/blobs"));
        Path link = Files.createSymbolicLink(blobs.resolve(FakeHub.sha256(mainFiles.get(SHARD1)) + ".incomplete"),
                devFull);

        Path dir = locator(Map.of()).resolve(REPO);

        assertThat(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.readAllBytes(dir.resolve(SHARD1))).isEqualTo(mainFiles.get(SHARD1));
    }

    @Test
    void twoRunsAtOnceDownloadEachFileOnce() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> locator(Map.of()).resolve(REPO));
            var second = pool.submit(() -> locator(Map.of()).resolve(REPO));

            assertThat(first.get()).isEqualTo(second.get());
            assertThat(Files.readAllBytes(first.get().resolve(SHARD2))).isEqualTo(mainFiles.get(SHARD2));
            assertThat(lfsRequests(SHARD1)).hasSize(1);
            assertThat(lfsRequests(SHARD2)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aServerThatIgnoresRangeIsReadFromTheStart() throws IOException {
        Path blobs = Files.createDirectories(cache.resolve("models--prometheus-eval--tiny-judge/blobs"));
        Files.write(blobs.resolve(FakeHub.sha256(mainFiles.get(SHARD1)) + ".incomplete"), new byte[1000]);
        hub.ignoreRange(true);

        Path dir = locator(Map.of()).resolve(REPO);

        assertThat(Files.readAllBytes(dir.resolve(SHARD1))).isEqualTo(mainFiles.get(SHARD1));
        assertThat(lfsRequests(SHARD1)).extracting(FakeHub.Request::range).containsExactly("bytes=1000-");
    }

    @Test
    void aCachedSnapshotIsUsedWithoutAskingTheHubAndAlsoOffline() {
        Path first = locator(Map.of()).resolve(REPO);
        hub.clearRequests();

        assertThat(locator(Map.of()).resolve(REPO)).isEqualTo(first);
        assertThat(locator(Map.of()).resolve(REPO + "@" + COMMIT_MAIN)).isEqualTo(first);
        hub.close();
        assertThat(locator(Map.of("HF_HUB_OFFLINE", "1")).resolve(REPO)).isEqualTo(first);
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void offlineWithoutACachedSnapshotFailsWithoutAnyRequestAndSaysWhatToDo() {
        HubException e = catchThrowableOfType(() -> locator(Map.of("HF_HUB_OFFLINE", "true")).resolve(REPO),
                HubException.class);

        assertThat(e.problem()).isEqualTo(HubException.Problem.OFFLINE);
        assertThat(e.getMessage()).contains("HF_HUB_OFFLINE", REPO + "@main", "huggingface-cli download " + REPO,
                "rubric.judge.model", cache.toString());
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void anUnreachableHubSaysSoAndHowToDownloadElsewhere() {
        String endpoint = hub.endpoint();
        hub.close();
        Map<String, String> env = Map.of("HF_HUB_CACHE", cache.toString(), "HF_ENDPOINT", endpoint);
        ModelLocator locator = new ModelLocator(HubSettings.fromEnvironment(env, tmp), HubHttp.defaultClient(),
                DownloadProgress.silent(), BlobDownloader::usableSpaceOf, Duration.ofSeconds(5), Duration.ofMillis(1));

        HubException e = catchThrowableOfType(() -> locator.resolve(REPO + "@v2"), HubException.class);

        assertThat(e.problem()).isEqualTo(HubException.Problem.OFFLINE);
        assertThat(e.getMessage()).contains(endpoint, "cannot be reached",
                "huggingface-cli download " + REPO + " --revision v2");
    }

    @Test
    void aGatedModelWithoutTokenSaysToSetHfTokenAndAcceptTheLicence() {
        hub.requireToken(TOKEN);

        HubException none = catchThrowableOfType(() -> locator(Map.of()).resolve(REPO), HubException.class);
        HubException wrong = catchThrowableOfType(() -> locator(Map.of("HF_TOKEN", "hf_wrongToken")).resolve(REPO),
                HubException.class);

        assertThat(none.problem()).isEqualTo(HubException.Problem.UNAUTHORIZED);
        assertThat(none.getMessage()).contains("refused access to config.json", "HTTP 401, GatedRepo",
                "No token is set", "HF_TOKEN", "licence", hub.endpoint() + "/" + REPO, "Please log in");
        assertThat(wrong.getMessage()).contains("was not accepted").doesNotContain("hf_wrongToken");
        assertThat(locator(Map.of("HUGGING_FACE_HUB_TOKEN", TOKEN)).resolve(REPO)).isDirectory();
    }

    @Test
    void anUnknownModelOrRevisionIsNamed() {
        HubException repo = catchThrowableOfType(() -> locator(Map.of()).resolve("nobody/nothing"),
                HubException.class);
        HubException revision = catchThrowableOfType(() -> locator(Map.of()).resolve(REPO + "@v9"),
                HubException.class);

        assertThat(repo.problem()).isEqualTo(HubException.Problem.NOT_FOUND);
        assertThat(repo.getMessage()).contains("has no model 'nobody/nothing' that it shows without a token",
                "HTTP 401, RepoNotFound", "Check the model id in rubric.judge.model", "HF_TOKEN");
        assertThat(revision.getMessage()).contains("has no revision 'v9'", REPO);
    }

    @Test
    void aMistypedModelIdWithATokenIsA404ThatStillSaysToCheckTheId() {
        HubException e = catchThrowableOfType(() -> locator(Map.of("HF_TOKEN", TOKEN))
                .resolve("prometheus-eval/prometheus-7b-v9"), HubException.class);

        assertThat(e.problem()).isEqualTo(HubException.Problem.NOT_FOUND);
        assertThat(e.getMessage()).contains("has no model 'prometheus-eval/prometheus-7b-v9' (HTTP 404, RepoNotFound)",
                "Check the model id in rubric.judge.model").doesNotContain(TOKEN);
    }

    @Test
    void aRevisionSelectsItsCommitAndIsRecordedUnderRefs() throws IOException {
        Map<String, byte[]> v1 = checkpoint(new Random(11), "v1");
        v1.put(SHARD2, mainFiles.get(SHARD2)); // unchanged between the revisions: one blob, downloaded once
        hub.addCommit("v1.0", COMMIT_V1, v1);
        hub.addCommit("main", COMMIT_MAIN, mainFiles);

        Path tagged = locator(Map.of()).resolve(REPO + "@v1.0");
        Path byCommit = locator(Map.of()).resolve(REPO + "@" + COMMIT_MAIN);

        Path repoDir = cache.resolve("models--prometheus-eval--tiny-judge");
        assertThat(tagged).isEqualTo(repoDir.resolve("snapshots/" + COMMIT_V1));
        assertThat(Files.readAllBytes(tagged.resolve("config.json"))).isEqualTo(v1.get("config.json"));
        assertThat(Files.readString(repoDir.resolve("refs/v1.0"))).isEqualTo(COMMIT_V1);
        assertThat(byCommit).isEqualTo(repoDir.resolve("snapshots/" + COMMIT_MAIN));
        assertThat(repoDir.resolve("refs/main")).doesNotExist();
        assertThat(repoDir.resolve("refs/" + COMMIT_MAIN)).doesNotExist();
        assertThat(hub.requests()).extracting(FakeHub.Request::path)
                .contains("/api/models/" + REPO + "/revision/v1.0", "/" + REPO + "/resolve/" + COMMIT_V1 + "/config.json");
        assertThat(locator(Map.of("HF_HUB_OFFLINE", "1")).resolve(REPO + "@v1.0")).isEqualTo(tagged);
        assertThat(lfsRequests(SHARD2)).hasSize(1);
        assertThat(Files.readSymbolicLink(byCommit.resolve(SHARD2))).isEqualTo(Files.readSymbolicLink(tagged.resolve(SHARD2)));
    }

    @Test
    void aPullRequestRevisionIsEncodedInTheUrlAndNestedUnderRefs() throws IOException {
        hub.addCommit("refs/pr/1", COMMIT_V1, checkpoint(new Random(3), "pr"));

        ResolvedModel model = locator(Map.of()).locate(REPO + "@refs/pr/1");

        Path repoDir = cache.resolve("models--prometheus-eval--tiny-judge");
        assertThat(model).isEqualTo(new ResolvedModel(repoDir.resolve("snapshots/" + COMMIT_V1), REPO,
                java.util.Optional.of(COMMIT_V1)));
        assertThat(Files.readString(repoDir.resolve("refs/refs/pr/1"))).isEqualTo(COMMIT_V1);
        assertThat(hub.rawRequestTargets()).contains("/api/models/" + REPO + "/revision/refs%2Fpr%2F1");
    }

    @Test
    void aCorruptDownloadIsDeletedAndNamed() throws IOException {
        hub.corruptTransfers(SHARD1, 1);
        ModelLocator locator = locator(Map.of());

        HubException e = catchThrowableOfType(() -> locator.resolve(REPO), HubException.class);

        String sha = FakeHub.sha256(mainFiles.get(SHARD1));
        assertThat(e.problem()).isEqualTo(HubException.Problem.CORRUPT_DOWNLOAD);
        assertThat(e.getMessage()).contains("sha256", SHARD1, sha, "deleted");
        Path blobs = cache.resolve("models--prometheus-eval--tiny-judge/blobs");
        assertThat(blobs.resolve(sha)).doesNotExist();
        assertThat(blobs.resolve(sha + ".incomplete")).doesNotExist();
        assertThat(Files.readAllBytes(locator.resolve(REPO).resolve(SHARD1))).isEqualTo(mainFiles.get(SHARD1));
    }

    @Test
    void aFileNameThatWouldLeaveTheCacheIsRefused() {
        Map<String, byte[]> evil = new LinkedHashMap<>(mainFiles);
        evil.put("../../evil.safetensors", new byte[]{1, 2, 3});
        hub.addCommit("main", COMMIT_MAIN, evil);

        HubException e = catchThrowableOfType(() -> locator(Map.of()).resolve(REPO), HubException.class);

        assertThat(e.problem()).isEqualTo(HubException.Problem.HUB_ERROR);
        assertThat(e.getMessage()).contains("'../../evil.safetensors'", "refusing");
        assertThat(hub.requests()).extracting(FakeHub.Request::path).noneMatch(p -> p.contains("resolve"));
        assertThat(tmp.resolve("evil.safetensors")).doesNotExist();
    }

    @Test
    void anIndexThatNamesAShardOutsideTheSnapshotIsRefused() {
        Map<String, byte[]> files = new LinkedHashMap<>(mainFiles);
        files.put("model.safetensors.index.json",
                "{\"weight_map\":{\"w\":\"../../../evil.safetensors\"}}".getBytes(StandardCharsets.UTF_8));
        hub.addCommit("main", COMMIT_MAIN, files);

        assertThatThrownBy(() -> locator(Map.of()).resolve(REPO))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("../../../evil.safetensors")
                .hasMessageContaining("refusing");
        assertThat(cache.resolve("models--prometheus-eval--tiny-judge/evil.safetensors")).doesNotExist();
    }

    @Test
    void notEnoughDiskSpaceIsReportedBeforeDownloading() {
        ToLongFunction<Path> tinyDisk = dir -> 10;
        HubException e = catchThrowableOfType(() -> locator(Map.of(), tinyDisk).resolve(REPO), HubException.class);

        assertThat(e.problem()).isEqualTo(HubException.Problem.DISK_FULL);
        assertThat(e.getMessage()).contains("config.json", "needs 74 B more", "10 B free", "HF_HUB_CACHE",
                cache.resolve("models--prometheus-eval--tiny-judge/blobs").toString());
        assertThat(hub.requests()).filteredOn(r -> r.method().equals("GET")).extracting(FakeHub.Request::path)
                .allMatch(p -> p.startsWith("/api/"));
    }

    @Test
    void aModelWithOnlyPickleWeightsIsRefusedBeforeAnyDownload() {
        Map<String, byte[]> pickle = new LinkedHashMap<>();
        pickle.put("config.json", mainFiles.get("config.json"));
        pickle.put("tokenizer.json", mainFiles.get("tokenizer.json"));
        pickle.put("pytorch_model.bin", new byte[64]);
        hub.addCommit("main", COMMIT_MAIN, pickle);

        HubException e = catchThrowableOfType(() -> locator(Map.of()).resolve(REPO), HubException.class);

        assertThat(e.problem()).isEqualTo(HubException.Problem.INCOMPLETE_CHECKPOINT);
        assertThat(e.getMessage()).contains("pytorch_model.bin", "pickle", "arbitrary code", "safetensors");
        assertThat(hub.requests()).extracting(FakeHub.Request::path).noneMatch(p -> p.contains("resolve"));
    }

    @Test
    void anUnshardedModelFetchesModelSafetensorsButNotTheConsolidatedCopy() throws IOException {
        Map<String, byte[]> single = new LinkedHashMap<>();
        single.put("config.json", mainFiles.get("config.json"));
        single.put("tokenizer.json", mainFiles.get("tokenizer.json"));
        single.put("model.safetensors", mainFiles.get(SHARD1));
        single.put("consolidated.safetensors", mainFiles.get(SHARD2));
        hub.addCommit("main", COMMIT_MAIN, single);

        Path dir = locator(Map.of()).resolve(REPO);

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("config.json", "tokenizer.json", "model.safetensors");
        }
    }

    @Test
    void progressIsPrintedPerFile() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        DownloadProgress progress = new DownloadProgress(new PrintStream(console, true, StandardCharsets.UTF_8),
                false, System::nanoTime);
        Map<String, String> env = Map.of("HF_HUB_CACHE", cache.toString(), "HF_ENDPOINT", hub.endpoint());
        new ModelLocator(HubSettings.fromEnvironment(env, tmp), HubHttp.defaultClient(), progress,
                BlobDownloader::usableSpaceOf, Duration.ofSeconds(5), Duration.ofMillis(1)).resolve(REPO);

        String text = console.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("Rubric: fetching " + REPO + " at main (commit " + COMMIT_MAIN + ")",
                "Downloading " + SHARD1, SHARD1 + "  300.00 kB / 300.00 kB (100%)", "done");
    }

    private List<FakeHub.Request> lfsRequests(String file) {
        String path = "/lfs/" + FakeHub.sha256(mainFiles.get(file));
        return hub.requests().stream().filter(r -> r.path().equals(path) && r.method().equals("GET")).toList();
    }

    private ModelLocator locator(Map<String, String> extraEnv) {
        return locator(extraEnv, BlobDownloader::usableSpaceOf);
    }

    private ModelLocator locator(Map<String, String> extraEnv, ToLongFunction<Path> usableSpace) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("HF_HUB_CACHE", cache.toString());
        env.put("HF_ENDPOINT", hub.endpoint() + "/");
        return new ModelLocator(HubSettings.fromEnvironment(env, tmp.resolve("home")), HubHttp.defaultClient(),
                DownloadProgress.silent(), usableSpace, Duration.ofSeconds(5), Duration.ofMillis(1));
    }

    /** A tiny checkpoint in the layout of a sharded Mistral repository, with files the judge must not fetch. */
    static Map<String, byte[]> checkpoint(Random random, String flavour) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("config.json", ("{\"architectures\":[\"MistralForCausalLM\"],\"hidden_size\":64,\"flavour\":\""
                + flavour + "\"}").getBytes(StandardCharsets.UTF_8));
        files.put("tokenizer.json", "{\"version\":\"1.0\",\"model\":{\"type\":\"BPE\"}}".getBytes(StandardCharsets.UTF_8));
        files.put("tokenizer_config.json", "{\"add_bos_token\":true}".getBytes(StandardCharsets.UTF_8));
        files.put("generation_config.json", "{\"bos_token_id\":1}".getBytes(StandardCharsets.UTF_8));
        files.put("special_tokens_map.json", "{}".getBytes(StandardCharsets.UTF_8));
        files.put("README.md", "# tiny".getBytes(StandardCharsets.UTF_8));
        files.put("original/params.json", "{}".getBytes(StandardCharsets.UTF_8));
        files.put("model.safetensors.index.json", ("{\"metadata\":{\"total_size\":500000},\"weight_map\":{"
                + "\"model.embed_tokens.weight\":\"" + SHARD1 + "\",\"model.layers.0.mlp.up_proj.weight\":\"" + SHARD1
                + "\",\"lm_head.weight\":\"" + SHARD2 + "\"}}").getBytes(StandardCharsets.UTF_8));
        files.put(SHARD1, randomBytes(random, 300_000));
        files.put(SHARD2, randomBytes(random, 200_000));
        files.put("consolidated.safetensors", randomBytes(random, 5_000));
        files.put("pytorch_model.bin", randomBytes(random, 5_000));
        return files;
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }
}
