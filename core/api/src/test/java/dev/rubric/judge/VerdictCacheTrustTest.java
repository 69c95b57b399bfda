package dev.rubric.judge;

import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.Verdict;
import dev.rubric.secret.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static dev.rubric.judge.VerdictCacheTest.FINGERPRINT;
import static dev.rubric.judge.VerdictCacheTest.grading;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's shared-cache cases: whoever can write a cache a team shares cannot block, crash or fool its readers, and
 * what the cache writes it reads back.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class VerdictCacheTrustTest {

    @TempDir
    Path dir;
    @TempDir
    Path outside;

    private final VerdictCache.Key key = VerdictCache.Key.of(FINGERPRINT, grading(1));
    private final Verdict verdict = CountingJudge.verdictFor(grading(1), FINGERPRINT);

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aFifoInPlaceOfAnEntryIsNeverOpened() throws Exception {
        VerdictCache cache = VerdictCache.open(dir);
        Path entry = cache.fileOf(key);
        Files.createDirectories(entry.getParent());
        assertThat(new ProcessBuilder("mkfifo", entry.toString()).start().waitFor()).isZero();

        assertThat(cache.get(key)).isEmpty(); // opening it would block until the 20 s timeout

        assertThat(cache.corruptEntries()).isEqualTo(1);
        assertThat(Files.exists(entry, LinkOption.NOFOLLOW_LINKS)).as("deleted").isFalse();
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aLinkToAnEndlessDeviceIsNeitherFollowedNorItsTargetDeleted() throws IOException {
        VerdictCache cache = VerdictCache.open(dir);
        Path entry = cache.fileOf(key);
        Files.createDirectories(entry.getParent());
        Files.createSymbolicLink(entry, Path.of("/dev/zero"));
        Path planted = Files.writeString(outside.resolve("victim.json"), "keep me");
        VerdictCache.Key other = VerdictCache.Key.of(FINGERPRINT, grading(2));
        Files.createDirectories(cache.fileOf(other).getParent());
        Files.createSymbolicLink(cache.fileOf(other), planted);

        assertThat(cache.get(key)).isEmpty();
        assertThat(cache.get(other)).isEmpty();

        assertThat(cache.corruptEntries()).isEqualTo(2);
        assertThat(Files.exists(entry, LinkOption.NOFOLLOW_LINKS)).as("the link is removed").isFalse();
        assertThat(Files.readString(planted)).as("its target is untouched").isEqualTo("keep me");
        assertThat(cache.put(other, CountingJudge.verdictFor(grading(2), FINGERPRINT))).isTrue();
        assertThat(Files.readString(planted)).as("never written through").isEqualTo("keep me");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aShardFolderThatIsALinkIsNeitherReadNorWrittenThrough() throws IOException {
        VerdictCache cache = VerdictCache.open(dir);
        Files.createSymbolicLink(cache.fileOf(key).getParent(), outside);

        assertThat(cache.put(key, verdict)).isFalse();
        assertThat(cache.writeFailures()).isEqualTo(1);
        try (var files = Files.list(outside)) {
            assertThat(files).isEmpty();
        }
        VerdictCache.open(outside).put(key, verdict); // an entry behind the link, as a planter would leave it
        Files.move(outside.resolve(key.hash().substring(0, 2)).resolve(key.hash() + ".json"),
                outside.resolve(key.hash() + ".json"));
        assertThat(cache.get(key)).isEmpty();
    }

    @Test
    void anEditedScoreIsDetectedAndNeverTrusted() throws IOException {
        VerdictCache cache = VerdictCache.open(dir);
        cache.put(key, verdict);
        Path entry = cache.fileOf(key);
        int score = ((AbsoluteVerdict) verdict).score();
        String edited = Files.readString(entry).replace("\"score\":" + score, "\"score\":" + (score % 5 + 1));
        assertThat(edited).isNotEqualTo(Files.readString(entry));
        Files.writeString(entry, edited);

        assertThat(cache.get(key)).isEmpty();
        assertThat(cache.corruptEntries()).isEqualTo(1);

        cache.put(key, verdict);
        String feedbackEdited = Files.readString(entry).replace("Feedback for", "Feedback four");
        Files.writeString(entry, feedbackEdited);
        assertThat(cache.get(key)).isEmpty();
        assertThat(cache.corruptEntries()).isEqualTo(2);
    }

    @Test
    void withAnHmacKeyOnlyEntriesWrittenUnderThatKeyAreTrusted() throws IOException {
        Secret teamKey = Secret.of("team-cache-key-0123456789abcdef");
        VerdictCache keyed = VerdictCache.open(dir, CacheMode.READWRITE, Optional.of(teamKey));
        keyed.put(key, verdict);
        assertThat(Files.readString(keyed.fileOf(key))).contains("\"checksum\":\"hmac-sha256:")
                .doesNotContain("team-cache-key");
        assertThat(keyed.get(key)).hasValue(verdict);

        // a planter without the key writes a well-formed entry with a plain checksum: refused
        VerdictCache plain = VerdictCache.open(dir, CacheMode.READ, Optional.empty());
        assertThat(plain.get(key)).as("an HMAC cannot be checked without the key").isEmpty();
        Path entry = keyed.fileOf(key);
        VerdictCache.open(outside).put(key, verdict);
        Files.copy(outside.resolve(key.hash().substring(0, 2)).resolve(key.hash() + ".json"), entry,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(keyed.get(key)).isEmpty();

        // one with an HMAC under another key: refused too
        VerdictCache.open(outside, CacheMode.READWRITE, Optional.of(Secret.of("another-key-0123456789")))
                .put(key, verdict);
        Files.copy(outside.resolve(key.hash().substring(0, 2)).resolve(key.hash() + ".json"), entry,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(keyed.get(key)).isEmpty();
        assertThat(entry).as("distrusted and deleted").doesNotExist();
        assertThat(keyed.corruptEntries()).isEqualTo(2);
    }

    @Test
    void aTeammateWithoutTheKeyDoesNotReplaceTheTeamsKeyedEntry() throws IOException {
        Secret teamKey = Secret.of("team-cache-key-0123456789abcdef");
        VerdictCache keyed = VerdictCache.open(dir, CacheMode.READWRITE, Optional.of(teamKey));
        keyed.put(key, verdict);
        String teamEntry = Files.readString(keyed.fileOf(key));

        VerdictCache keyless = VerdictCache.open(dir, CacheMode.READWRITE, Optional.empty());
        assertThat(keyless.get(key)).as("a miss for the teammate").isEmpty();
        assertThat(keyless.put(key, verdict)).as("the teammate's own verdict is not written over it").isFalse();
        assertThat(keyless.keptKeyedEntries()).isEqualTo(1);
        assertThat(keyless.writeFailures()).isZero();
        assertThat(Files.readString(keyed.fileOf(key))).isEqualTo(teamEntry);
        assertThat(keyed.get(key)).as("still a hit for the team").hasValue(verdict);

        // an entry that is not keyed (the teammate's own from before, junk) is replaced as ever
        VerdictCache.Key other = VerdictCache.Key.of(FINGERPRINT, "another model input");
        assertThat(keyless.put(other, verdict)).isTrue();
        assertThat(keyless.put(other, verdict)).isTrue();
        Files.writeString(keyless.fileOf(other), "{not json");
        assertThat(keyless.put(other, verdict)).isTrue();
    }

    @Test
    void readOnlyNeverDeletesWhatItDistrusts() throws IOException {
        VerdictCache writer = VerdictCache.open(dir);
        writer.put(key, verdict);
        Path entry = writer.fileOf(key);
        Files.writeString(entry, Files.readString(entry).replace("Feedback", "Feedbask"));

        VerdictCache reader = VerdictCache.open(dir, CacheMode.READ, Optional.empty());
        assertThat(reader.get(key)).isEmpty();

        assertThat(reader.corruptEntries()).isEqualTo(1);
        assertThat(entry).exists();
    }

    @Test
    void aVerdictTooLargeToReadBackIsNotWrittenAndNeverCountedCorrupt() {
        VerdictCache cache = VerdictCache.open(dir);
        AbsoluteVerdict huge = new AbsoluteVerdict(3, "x".repeat(10_000_000), null, null, false, FINGERPRINT,
                Duration.ofMillis(5), false);

        assertThat(cache.put(key, huge)).isFalse();
        assertThat(cache.writeFailures()).isEqualTo(1);
        assertThat(cache.get(key)).isEmpty();
        assertThat(cache.corruptEntries()).isZero();
        assertThat(Files.exists(cache.fileOf(key))).isFalse();
    }

    @Test
    void anEntryOfThePreviousLayoutIsAPlainMiss() throws IOException {
        VerdictCache cache = VerdictCache.open(dir);
        cache.put(key, verdict);
        Path entry = cache.fileOf(key);
        // as version 1 wrote it: no checksum, no probability mass
        String v1 = Files.readString(entry).replace("\"version\":" + VerdictCache.ENTRY_VERSION, "\"version\":1")
                .replaceAll(",\"checksum\":\"[^\"]*\"", "").replace(",\"probabilityMass\":null", "");
        Files.writeString(entry, v1);

        assertThat(cache.get(key)).isEmpty();
        assertThat(cache.corruptEntries()).isZero();
        assertThat(cache.misses()).isEqualTo(1);
        assertThat(cache.put(key, verdict)).isTrue();
        assertThat(cache.get(key)).hasValue(verdict);
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aFolderOthersCanWriteIsSaidOnce() throws IOException {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> warnings = new ArrayList<>();
        Logger logger = Logger.getLogger(VerdictCache.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                warnings.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            VerdictCache.open(shared);
            VerdictCache.open(shared);
        } finally {
            logger.removeHandler(handler);
        }
        assertThat(warnings).filteredOn(m -> m.contains("can be written by every user of this machine"))
                .hasSize(1).allMatch(m -> m.contains("RUBRIC_CACHE_KEY") && m.contains(shared.toString()));
    }
}
