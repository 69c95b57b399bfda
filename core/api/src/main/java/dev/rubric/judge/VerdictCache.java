package dev.rubric.judge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.ConfigKeys;
import dev.rubric.core.Grading;
import dev.rubric.core.JudgeFingerprint;
import dev.rubric.core.PairwiseVerdict;
import dev.rubric.core.Verdict;
import dev.rubric.prometheus.PrometheusFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Verdicts on disk, one JSON file per key in a directory sharded by the key's first two hex digits
 * ({@code dir/ab/abcdef....json}). A key is the SHA-256 of the judge fingerprint, the exact model input and the
 * decoding settings, so a cached verdict is the verdict that judge would give that prompt.
 * <p>
 * Entries are written to a temporary file in the same directory and moved into place atomically, so readers in
 * this or another JVM (Surefire forks) see a whole entry or none. An entry that cannot be read back (corrupt,
 * truncated, invalid values, too large) is never trusted: it counts as corrupt, is deleted, and the grading misses.
 * Write failures (a full disk, a read-only directory) do not fail gradings: they are counted.
 */
final class VerdictCache {

    /** Entries written by another layout version are misses. */
    static final int ENTRY_VERSION = 1;
    /** A verdict entry is a few KB; anything this large is not ours. */
    static final long MAX_ENTRY_BYTES = 4L * 1024 * 1024;
    private static final String SUFFIX = ".json";
    private static final System.Logger LOG = System.getLogger(VerdictCache.class.getName());

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path dir;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong corrupt = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();

    private VerdictCache(Path dir) {
        this.dir = dir;
    }

    /**
     * The cache in {@code dir}, created if missing.
     *
     * @throws UncheckedIOException naming the directory when it cannot be created
     */
    public static VerdictCache open(Path dir) {
        Objects.requireNonNull(dir, "dir");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the verdict cache directory " + dir.toAbsolutePath()
                    + ": " + e + "; set " + ConfigKeys.CACHE_DIR + " to a writable directory or "
                    + ConfigKeys.CACHE + "=off", e);
        }
        return new VerdictCache(dir);
    }

    /**
     * What a verdict is cached under.
     *
     * @param hash        SHA-256 hex of the fingerprint, the model input and the decoding settings
     * @param fingerprint the judge fingerprint; a stored verdict with another fingerprint is a miss
     */
    public record Key(String hash, JudgeFingerprint fingerprint) {

        public Key {
            Objects.requireNonNull(fingerprint, "fingerprint");
            if (hash == null || !hash.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("a verdict cache key is 64 lower-case hex digits, got " + hash);
            }
        }

        /** The key of a grading as {@code fingerprint}'s judge would be asked it (its exact model input). */
        public static Key of(JudgeFingerprint fingerprint, Grading grading) {
            return of(fingerprint, PrometheusFormat.get().modelInput(grading));
        }

        /** The key of an exact model input text under a judge fingerprint. */
        public static Key of(JudgeFingerprint fingerprint, String modelInput) {
            String text = fingerprint.canonical() + "\n" + modelInput + "\n" + fingerprint.decoding();
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
                return new Key(HexFormat.of().formatHex(digest), fingerprint);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
        }
    }

    /** The verdict stored under {@code key}, as stored (not marked cached), or empty on a miss. */
    public Optional<Verdict> get(Key key) {
        Path file = fileOf(key);
        Optional<Verdict> found = read(key, file);
        (found.isPresent() ? hits : misses).incrementAndGet();
        return found;
    }

    /**
     * Stores {@code verdict} under {@code key}, replacing any entry. A verdict made by another fingerprint than
     * the key's is not stored (it could never be read back as a hit). Never throws on I/O: failures are counted.
     *
     * @return whether the entry was written
     */
    public boolean put(Key key, Verdict verdict) {
        Objects.requireNonNull(verdict, "verdict");
        if (!verdict.fingerprint().equals(key.fingerprint())) {
            LOG.log(System.Logger.Level.DEBUG, "not caching a verdict of {0} under a key of {1}",
                    verdict.fingerprint(), key.fingerprint());
            return false;
        }
        Path file = fileOf(key);
        Path tmp = null;
        try {
            byte[] bytes = JSON.writeValueAsBytes(Entry.of(key, verdict));
            Files.createDirectories(file.getParent());
            tmp = Files.createTempFile(file.getParent(), "." + key.hash().substring(0, 16) + "-", ".tmp");
            Files.write(tmp, bytes);
            moveIntoPlace(tmp, file);
            tmp = null;
            writes.incrementAndGet();
            return true;
        } catch (IOException | RuntimeException e) {
            writeFailures.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "cannot write the verdict cache entry " + file + ": " + e);
            return false;
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }

    /** Entries found unreadable (and deleted); each also counts as a miss. */
    public long corruptEntries() {
        return corrupt.get();
    }

    public long writes() {
        return writes.get();
    }

    public long writeFailures() {
        return writeFailures.get();
    }

    public Path directory() {
        return dir;
    }

    /** Where {@code key}'s entry lives. */
    public Path fileOf(Key key) {
        return dir.resolve(key.hash().substring(0, 2)).resolve(key.hash() + SUFFIX);
    }

    @Override
    public String toString() {
        return "verdict cache " + dir + " (" + hits() + " hits, " + misses() + " misses, " + corruptEntries()
                + " corrupt)";
    }

    private Optional<Verdict> read(Key key, Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_ENTRY_BYTES) {
                return discard(file, "it is larger than " + MAX_ENTRY_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read the verdict cache entry " + file + ": " + e);
            return Optional.empty();
        }
        Entry entry;
        Verdict verdict;
        try {
            entry = JSON.readValue(bytes, Entry.class);
            if (entry == null || entry.verdict() == null || entry.kind() == null) {
                return discard(file, "it has no verdict");
            }
            if (entry.version() != ENTRY_VERSION) {
                return Optional.empty();
            }
            verdict = switch (entry.kind()) {
                case "absolute" -> JSON.treeToValue(entry.verdict(), AbsoluteVerdict.class);
                case "pairwise" -> JSON.treeToValue(entry.verdict(), PairwiseVerdict.class);
                default -> null;
            };
        } catch (IOException | RuntimeException e) {
            return discard(file, firstLine(e));
        }
        if (verdict == null) {
            return discard(file, "its kind \"" + entry.kind() + "\" is neither absolute nor pairwise");
        }
        if (!key.hash().equals(entry.key())) {
            return discard(file, "it holds the entry of another key");
        }
        if (!key.fingerprint().equals(verdict.fingerprint())) {
            return Optional.empty();
        }
        return Optional.of(verdict);
    }

    private Optional<Verdict> discard(Path file, String why) {
        corrupt.incrementAndGet();
        LOG.log(System.Logger.Level.WARNING, "ignoring the verdict cache entry " + file + " because " + why
                + "; it is deleted and the grading is asked again");
        deleteQuietly(file);
        return Optional.empty();
    }

    private static void moveIntoPlace(Path tmp, Path file) throws IOException {
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // Windows refuses to replace a file another process has open; that process wrote the same entry
            if (!Files.isRegularFile(file)) {
                throw e;
            }
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // another process may hold it; the next writer replaces it
        }
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return "it cannot be read back (" + (nl < 0 ? m : m.substring(0, nl)) + ")";
    }

    /** The stored form: the key it was written under, the verdict's kind and the verdict itself. */
    record Entry(int version, String key, String kind, JsonNode verdict) {

        static Entry of(Key key, Verdict verdict) throws JsonProcessingException {
            String kind = verdict instanceof AbsoluteVerdict ? "absolute" : "pairwise";
            return new Entry(ENTRY_VERSION, key.hash(), kind, JSON.valueToTree(verdict));
        }
    }
}
