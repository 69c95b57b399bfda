package dev.rubric.hub;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 14's Hub cache and download cases: partial downloads planted as links or FIFOs by someone who can write a
 * shared cache, and small files the Hub serves without a size or with other bytes than its ETag says.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HubDownloadTrustTest {

    static final String REPO = "prometheus-eval/tiny-judge";
    static final String COMMIT = "a".repeat(40);

    @TempDir
    Path tmp;
    @TempDir
    Path outside;
    FakeHub hub;
    Map<String, byte[]> files;

    @BeforeEach
    void startHub() throws IOException {
        hub = new FakeHub(REPO);
        files = ModelLocatorDownloadTest.checkpoint(new Random(7), "main");
        hub.addCommit("main", COMMIT, files);
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aPartialDownloadPlantedAsALinkIsRemovedAndItsTargetNeverWritten() throws IOException {
        Path victim = Files.writeString(outside.resolve("victim.txt"), "precious content that must survive");
        Path blobs = Files.createDirectories(repoDir().resolve("blobs"));
        String shard = ModelLocatorDownloadTest.SHARD1;
        Files.createSymbolicLink(blobs.resolve(FakeHub.sha256(files.get(shard)) + ".incomplete"), victim);
        Files.createSymbolicLink(blobs.resolve(FakeHub.gitBlobSha1(files.get("config.json")) + ".incomplete"), victim);

        Path snapshot = locator().resolve(REPO);

        assertThat(Files.readString(victim)).isEqualTo("precious content that must survive");
        assertThat(Files.readAllBytes(snapshot.resolve(shard))).isEqualTo(files.get(shard));
        assertThat(Files.readAllBytes(snapshot.resolve("config.json"))).isEqualTo(files.get("config.json"));
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aPartialDownloadPlantedAsAFifoNeverBlocks() throws Exception {
        Path blobs = Files.createDirectories(repoDir().resolve("blobs"));
        Path fifo = blobs.resolve(FakeHub.sha256(files.get(ModelLocatorDownloadTest.SHARD2)) + ".incomplete");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

        Path snapshot = locator().resolve(REPO);

        assertThat(Files.readAllBytes(snapshot.resolve(ModelLocatorDownloadTest.SHARD2)))
                .isEqualTo(files.get(ModelLocatorDownloadTest.SHARD2));
    }

    @Test
    void aSmallFileWithoutAnAnnouncedSizeIsDownloadedWithABound() {
        hub.hostile((exchange, request) -> {
            if (!request.path().endsWith("/resolve/" + COMMIT + "/config.json")) {
                return false;
            }
            exchange.getResponseHeaders().set("X-Repo-Commit", COMMIT);
            exchange.getResponseHeaders().set("ETag", "\"" + "c".repeat(40) + "\"");
            if (request.method().equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                return true;
            }
            exchange.sendResponseHeaders(200, 0); // chunked: no size
            byte[] chunk = new byte[1 << 20];
            OutputStream out = exchange.getResponseBody();
            try {
                for (int i = 0; i < 80; i++) { // 80 MiB, past the 64 MiB bound
                    out.write(chunk);
                }
            } catch (IOException clientGaveUp) {
                // expected: the downloader stops reading at the bound
            }
            return true;
        });

        HubException e = catchThrowableOfType(() -> locator().resolve(REPO), HubException.class);

        assertThat(e.problem()).isEqualTo(HubException.Problem.HUB_ERROR);
        assertThat(e.getMessage()).contains("announced no size for config.json", "more than 67.11 MB", "HF_ENDPOINT");
    }

    @Test
    void aSmallFileWhoseBytesDoNotMatchItsGitSha1IsRefused() {
        byte[] other = "{\"architectures\":[\"SomethingElse\"]}".getBytes(StandardCharsets.UTF_8);
        String announced = FakeHub.gitBlobSha1(files.get("config.json"));
        hub.hostile((exchange, request) -> {
            if (!request.path().endsWith("/resolve/" + COMMIT + "/config.json")) {
                return false;
            }
            exchange.getResponseHeaders().set("X-Repo-Commit", COMMIT);
            exchange.getResponseHeaders().set("ETag", "\"" + announced + "\"");
            if (request.method().equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                return true;
            }
            exchange.sendResponseHeaders(200, other.length);
            exchange.getResponseBody().write(other);
            return true;
        });

        HubException e = catchThrowableOfType(() -> locator().resolve(REPO), HubException.class);

        assertThat(e.problem()).isEqualTo(HubException.Problem.CORRUPT_DOWNLOAD);
        assertThat(e.getMessage()).contains("git blob sha1", "config.json", announced, "was deleted");
        assertThat(repoDir().resolve("blobs").resolve(announced)).doesNotExist();
    }

    private Path repoDir() {
        return tmp.resolve("hf-cache").resolve("models--prometheus-eval--tiny-judge");
    }

    private ModelLocator locator() {
        Map<String, String> env = new HashMap<>();
        env.put("HF_HUB_CACHE", tmp.resolve("hf-cache").toString());
        env.put("HF_ENDPOINT", hub.endpoint());
        return new ModelLocator(HubSettings.fromEnvironment(env, tmp.resolve("home")), HubHttp.defaultClient(),
                DownloadProgress.silent(), BlobDownloader::usableSpaceOf, Duration.ofSeconds(5), Duration.ofMillis(1));
    }
}
