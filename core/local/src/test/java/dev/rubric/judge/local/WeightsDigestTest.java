package dev.rubric.judge.local;

import dev.rubric.lm.fixtures.TinyCheckpoints;
import dev.rubric.lm.fixtures.TinyCheckpoints.Spec;
import dev.rubric.lm.fixtures.TinyCheckpoints.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The revision of a model folder covers every byte the model is built from (issue 10: a fine-tune exported like its
 * base has the same safetensors headers), and is computed once per version of each file, not at every start.
 */
class WeightsDigestTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private FileDigests digests() {
        return new FileDigests(tmp.resolve("state/weight-digests"), new PrintStream(console, true));
    }

    private Path copyOfTinyMistral(String name, Storage storage) throws IOException {
        Path source = TinyCheckpoints.shared(Spec.tinyMistral(), storage);
        Path copy = tmp.resolve(name);
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return copy;
    }

    /** Flips one byte of a tensor's data, after the header: the header, and so the old "headers" digest, is equal. */
    private static void flipATensorByte(Path safetensors) throws IOException {
        byte[] bytes = Files.readAllBytes(safetensors);
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        int at = Math.toIntExact(8 + headerLength + 1000);
        bytes[at] ^= 0x01;
        Files.write(safetensors, bytes);
    }

    @Test
    void weightsThatDifferOnlyInsideATensorHaveDifferentRevisions() throws IOException {
        Path base = copyOfTinyMistral("base", Storage.F32_SINGLE);
        Path tuned = copyOfTinyMistral("tuned", Storage.F32_SINGLE);
        flipATensorByte(tuned.resolve("model.safetensors"));

        String baseRevision = WeightsDigest.of(base, digests());
        String tunedRevision = WeightsDigest.of(tuned, digests());

        assertThat(baseRevision).matches("sha256:[0-9a-f]{32}");
        assertThat(tunedRevision).isNotEqualTo(baseRevision);
    }

    @Test
    void aCopyOfTheSameFilesHasTheSameRevisionAndEveryShardCounts() throws IOException {
        Path a = copyOfTinyMistral("a", Storage.BF16_SHARDED);
        Path b = copyOfTinyMistral("b", Storage.BF16_SHARDED);
        assertThat(WeightsDigest.of(b, digests())).isEqualTo(WeightsDigest.of(a, digests()));

        flipATensorByte(b.resolve("model-00003-of-00003.safetensors"));
        assertThat(WeightsDigest.of(b, digests())).isNotEqualTo(WeightsDigest.of(a, digests()));

        Files.writeString(b.resolve("tokenizer.json"), Files.readString(a.resolve("tokenizer.json")) + " ");
        Path c = copyOfTinyMistral("c", Storage.BF16_SHARDED);
        Files.writeString(c.resolve("tokenizer.json"), Files.readString(a.resolve("tokenizer.json")) + " ");
        assertThat(WeightsDigest.of(c, digests())).as("the tokenizer counts").isNotEqualTo(WeightsDigest.of(a, digests()));
    }

    @Test
    void aSecondStartReadsNoFileAndAChangedFileIsReadAgain() throws IOException {
        Path folder = copyOfTinyMistral("judge", Storage.BF16_SHARDED);
        FileDigests first = digests();
        String revision = WeightsDigest.of(folder, first);
        assertThat(first.reads()).isEqualTo(6); // config, tokenizer, index, three shards

        FileDigests second = digests();
        assertThat(WeightsDigest.of(folder, second)).isEqualTo(revision);
        assertThat(second.reads()).as("files read at the second start").isZero();

        Path shard = folder.resolve("model-00002-of-00003.safetensors");
        flipATensorByte(shard); // rewritten in place: a new modification time
        FileDigests third = digests();
        assertThat(WeightsDigest.of(folder, third)).isNotEqualTo(revision);
        assertThat(third.reads()).isEqualTo(1);
    }

    @Test
    void aFileReplacedWithTheSameSizeAndTimeIsReadAgainThroughItsNewInode() throws IOException {
        Path folder = copyOfTinyMistral("judge", Storage.F32_SINGLE);
        Path weights = folder.resolve("model.safetensors");
        String revision = WeightsDigest.of(folder, digests());
        FileTime time = Files.getLastModifiedTime(weights);
        long size = Files.size(weights);

        Path replacement = tmp.resolve("replacement.safetensors");
        Files.copy(weights, replacement);
        flipATensorByte(replacement);
        Files.setLastModifiedTime(replacement, time); // as cp -p or rsync -t would keep it
        Files.move(replacement, weights, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.getLastModifiedTime(weights)).isEqualTo(time);
        assertThat(Files.size(weights)).isEqualTo(size);

        FileDigests again = digests();
        assertThat(WeightsDigest.of(folder, again)).isNotEqualTo(revision);
        assertThat(again.reads()).isEqualTo(1);
    }

    @Test
    void filesLinkedToHuggingFaceBlobsAreNamedByTheirBlobAndNotRead() throws Exception {
        Path plain = copyOfTinyMistral("plain", Storage.BF16_SHARDED);
        Path repo = tmp.resolve("hub/models--org--judge");
        Path blobs = Files.createDirectories(repo.resolve("blobs"));
        Path snapshot = Files.createDirectories(repo.resolve("snapshots/" + "a".repeat(40)));
        try (Stream<Path> files = Files.list(plain)) {
            for (Path f : files.toList()) {
                byte[] content = Files.readAllBytes(f);
                String name = f.getFileName().toString();
                // as huggingface_hub names them: sha256 for LFS files (the weights), git's sha1 for small ones
                String blob = name.endsWith(".safetensors")
                        ? HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content))
                        : HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
                Files.write(blobs.resolve(blob), content);
                Files.createSymbolicLink(snapshot.resolve(name), Path.of("../../blobs/" + blob));
            }
        }

        FileDigests digests = digests();
        assertThat(WeightsDigest.of(snapshot, digests)).isEqualTo(WeightsDigest.of(plain, digests()));
        assertThat(digests.reads()).as("config, tokenizer and index read; no shard").isEqualTo(3);
    }

    @Test
    void readingALargeFileIsAnnouncedOnceWithWhereItsDigestIsKept() throws IOException {
        Path folder = copyOfTinyMistral("judge", Storage.F32_SINGLE);
        try (var raf = new java.io.RandomAccessFile(folder.resolve("extra.bin").toFile(), "rw")) {
            raf.setLength(FileDigests.ANNOUNCE_BYTES); // sparse: no disk used
        }
        FileDigests digests = digests();
        digests.sha256(folder.resolve("extra.bin"));
        digests().sha256(folder.resolve("extra.bin"));

        assertThat(console.toString()).containsOnlyOnce("Rubric: reading " + folder.resolve("extra.bin"))
                .contains("once for the judge's fingerprint", tmp.resolve("state/weight-digests").toString());
    }
}
