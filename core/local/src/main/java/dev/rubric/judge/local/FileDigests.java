package dev.rubric.judge.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SHA-256 of model files, each read once per version of the file: remembered under {@code dir} (one small JSON
 * file per path) with the path, size, modification time and file key (device and inode) it was computed for. A file
 * whose attributes all still match is not read again; any change (rewritten, replaced, copied over with
 * {@code cp -p}, which keeps the time but not the inode) reads it again.
 *
 * <p>A file that is a symbolic link into a Hugging Face cache ({@code blobs/<64 hex>}) is named by its blob: the cache
 * names a weight blob by the sha256 of its content (the Hub's LFS id, checked when it was downloaded), so it is not
 * read at all.
 *
 * <p>The remembered digests are a cache like the verdict cache: a missing or unreadable entry means reading the file
 * again; a folder that cannot be written means reading it again next time, nothing worse.
 */
final class FileDigests {

    /** Files larger than this get a line on the console while they are read (a 5 GB shard takes seconds to minutes). */
    static final long ANNOUNCE_BYTES = 256L << 20;
    private static final long MAX_ENTRY_BYTES = 16 * 1024;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final System.Logger LOG = System.getLogger(FileDigests.class.getName());

    private final Path dir;
    private final PrintStream console;
    private int reads;

    /**
     * @param dir     where digests are remembered ({@code <state>/weight-digests}); created on first write
     * @param console where reading a large file is announced
     */
    FileDigests(Path dir, PrintStream console) {
        this.dir = dir;
        this.console = console;
    }

    /** What one entry remembers. */
    record Entry(String path, long size, String modified, String fileKey, String sha256) {
    }

    /** How many files this instance has read in full (for tests: a warm start reads none). */
    synchronized int reads() {
        return reads;
    }

    /**
     * The SHA-256 (lower-case hex) of {@code file}'s content.
     *
     * @throws UncheckedIOException naming the file when it cannot be read, or keeps changing while it is read
     */
    synchronized String sha256(Path file) {
        try {
            Optional<String> blob = hubBlobName(file);
            if (blob.isPresent()) {
                return blob.get();
            }
            Path real = file.toRealPath();
            BasicFileAttributes before = Files.readAttributes(real, BasicFileAttributes.class);
            Path entryFile = entryFile(real);
            Optional<Entry> remembered = read(entryFile).filter(e -> matches(e, real, before));
            if (remembered.isPresent()) {
                return remembered.get().sha256();
            }
            String sha = hash(real, before.size());
            BasicFileAttributes after = Files.readAttributes(real, BasicFileAttributes.class);
            if (!describe(before).equals(describe(after)) || after.size() != before.size()) {
                throw new IOException("it changed while it was being read (size or time " + before.size() + " "
                        + before.lastModifiedTime() + " -> " + after.size() + " " + after.lastModifiedTime()
                        + "); run again once it is written completely");
            }
            write(entryFile, new Entry(real.toString(), after.size(), after.lastModifiedTime().toString(),
                    String.valueOf(after.fileKey()), sha));
            return sha;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " for the judge's fingerprint: " + e.getMessage(), e);
        }
    }

    /** {@code <64 hex>} when {@code file} links to {@code .../blobs/<64 hex>}, a Hugging Face cache's weight blob. */
    static Optional<String> hubBlobName(Path file) throws IOException {
        if (!Files.isSymbolicLink(file)) {
            return Optional.empty();
        }
        Path target = Files.readSymbolicLink(file);
        Path name = target.getFileName();
        Path parent = target.getParent();
        if (name == null || parent == null || parent.getFileName() == null
                || !parent.getFileName().toString().equals("blobs") || !SHA256.matcher(name.toString()).matches()) {
            return Optional.empty();
        }
        return Files.isRegularFile(file) ? Optional.of(name.toString()) : Optional.empty();
    }

    private static boolean matches(Entry e, Path real, BasicFileAttributes now) {
        return e.path().equals(real.toString()) && e.size() == now.size()
                && e.modified().equals(now.lastModifiedTime().toString())
                && e.fileKey().equals(String.valueOf(now.fileKey())) && SHA256.matcher(e.sha256()).matches();
    }

    private static String describe(BasicFileAttributes a) {
        return a.size() + "|" + a.lastModifiedTime() + "|" + a.fileKey();
    }

    private String hash(Path file, long size) throws IOException {
        reads++;
        long start = System.nanoTime();
        if (size >= ANNOUNCE_BYTES) {
            console.printf(Locale.ROOT, "Rubric: reading %s (%.1f GB) once for the judge's fingerprint; its digest is"
                    + " remembered in %s%n", file, size / 1e9, dir);
            console.flush();
        }
        MessageDigest sha = WeightsDigest.sha256();
        ByteBuffer buffer = ByteBuffer.allocateDirect(8 << 20);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                sha.update(buffer);
                buffer.clear();
            }
        }
        if (size >= ANNOUNCE_BYTES) {
            console.printf(Locale.ROOT, "Rubric: read %s in %.1f s%n", file.getFileName(),
                    (System.nanoTime() - start) / 1e9);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private Path entryFile(Path real) {
        byte[] key = WeightsDigest.sha256().digest(real.toString().getBytes(StandardCharsets.UTF_8));
        return dir.resolve(HexFormat.of().formatHex(key, 0, 16) + ".json");
    }

    private static Optional<Entry> read(Path entryFile) {
        try {
            if (!Files.isRegularFile(entryFile, LinkOption.NOFOLLOW_LINKS) || Files.size(entryFile) > MAX_ENTRY_BYTES) {
                return Optional.empty();
            }
            Entry e = JSON.readValue(Files.readAllBytes(entryFile), Entry.class);
            return e == null || e.path() == null || e.modified() == null || e.fileKey() == null || e.sha256() == null
                    ? Optional.empty() : Optional.of(e);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // read again and replace it
        }
    }

    private void write(Path entryFile, Entry entry) {
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, ".digest-", ".tmp");
            Files.write(tmp, JSON.writeValueAsBytes(entry));
            try {
                Files.move(tmp, entryFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, entryFile, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot remember the digest of " + entry.path() + " in " + dir + ": "
                    + e + "; it is read again next time");
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // left for the next writer
                }
            }
        }
    }
}
