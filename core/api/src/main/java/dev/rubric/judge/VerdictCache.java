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
import dev.rubric.secret.Secret;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Verdicts on disk, one JSON file per key in a directory sharded by the key's first two hex digits
 * ({@code dir/ab/abcdef....json}). A key is the SHA-256 of the judge fingerprint, the exact model input and the
 * decoding settings, so a cached verdict is the verdict that judge would give that prompt.
 * <p>
 * Entries are written to a temporary file in the same directory and moved into place atomically, so readers in
 * this or another JVM (Surefire forks) see a whole entry or none. An entry that cannot be read back (corrupt,
 * truncated, edited, invalid values, too large, not a regular file) is never trusted: it counts as corrupt, is
 * deleted (unless the cache is only read, {@code rubric.cache=read}), and the grading misses. Write failures (a full
 * disk, a read-only directory) do not fail gradings: they are counted.
 * <p>
 * The trust model, for a cache a team or a CI fleet shares: an entry carries a checksum of its content (its key, its
 * kind and its verdict), so an edited or truncated entry is detected. A checksum does not stop someone who can write
 * the folder from planting a well-formed entry with a checksum of their own; with {@code RUBRIC_CACHE_KEY} set, the
 * checksum is an HMAC-SHA256 under that key, and only entries written by holders of the key are trusted. Entries are
 * opened without following links and only as regular files (a FIFO or a device is never opened, so it cannot block or
 * flood a read), read up to {@link #MAX_ENTRY_BYTES}; a folder that other users can write is said once.
 */
final class VerdictCache {

    /**
     * Entries written by another layout version are misses (neither corrupt nor deleted). 2: a checksum of the
     * content; the verdicts' probability mass and score descriptions.
     */
    static final int ENTRY_VERSION = 2;
    /** A checksum of the content alone (no key set): detects edits and truncation. */
    static final String SHA256 = "sha256:";
    /** A keyed checksum ({@code RUBRIC_CACHE_KEY}): only holders of the key write entries that are trusted. */
    static final String HMAC = "hmac-sha256:";
    /**
     * A verdict entry is a few KB; anything this large is not read. The writer keeps to it too: a verdict whose entry
     * would be larger (a judge that wrote megabytes of feedback) is not cached, and said so, rather than written to
     * be refused at every read.
     */
    static final long MAX_ENTRY_BYTES = 4L * 1024 * 1024;
    /** Folders already said to be writable by others, so that it is said once per folder and JVM. */
    private static final Set<Path> SAID_SHARED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final String SUFFIX = ".json";
    private static final System.Logger LOG = System.getLogger(VerdictCache.class.getName());

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path dir;
    private final boolean mayDelete;
    private final Optional<Secret> key;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong corrupt = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();
    private final AtomicLong keptKeyed = new AtomicLong();

    private VerdictCache(Path dir, boolean mayDelete, Optional<Secret> key) {
        this.dir = dir;
        this.mayDelete = mayDelete;
        this.key = key;
    }

    /** The cache in {@code dir} for reading and writing, without a key; see {@link #open(Path, CacheMode, Optional)}. */
    public static VerdictCache open(Path dir) {
        return open(dir, CacheMode.READWRITE, Optional.empty());
    }

    /**
     * The cache in {@code dir}, created if missing.
     *
     * @param mode how it is used: with {@link CacheMode#READ} nothing in it is ever deleted or written
     * @param key  the HMAC key of {@code RUBRIC_CACHE_KEY}: entries are written with an HMAC under it, and only entries
     *             with a valid one are trusted; empty for a plain checksum
     * @throws UncheckedIOException naming the directory when it cannot be created
     */
    public static VerdictCache open(Path dir, CacheMode mode, Optional<Secret> key) {
        Objects.requireNonNull(dir, "dir");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the verdict cache directory " + dir.toAbsolutePath()
                    + ": " + e + "; set " + ConfigKeys.CACHE_DIR + " to a writable directory or "
                    + ConfigKeys.CACHE + "=off", e);
        }
        sayIfShared(dir, key.isPresent());
        return new VerdictCache(dir, mode != CacheMode.READ, Objects.requireNonNull(key, "key"));
    }

    /** A folder that others can write is said once: anyone who can write it can plant entries. */
    private static void sayIfShared(Path dir, boolean keyed) {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(dir, PosixFileAttributes.class);
        } catch (IOException | UnsupportedOperationException e) {
            return; // no POSIX permissions (Windows): nothing to say from here
        }
        Set<PosixFilePermission> permissions = attributes.permissions();
        boolean others = permissions.contains(PosixFilePermission.OTHERS_WRITE);
        // a group named as its owner is that user's private group (umask 002 on many Linux systems): no one else
        boolean group = permissions.contains(PosixFilePermission.GROUP_WRITE)
                && !attributes.group().getName().equals(attributes.owner().getName());
        if ((others || group) && SAID_SHARED.add(dir.toAbsolutePath().normalize())) {
            LOG.log(System.Logger.Level.WARNING, "the verdict cache folder " + dir.toAbsolutePath() + " can be written"
                    + " by " + (others ? "every user of this machine" : "the group " + attributes.group().getName())
                    + ": whoever can write there can"
                    + " plant verdicts. " + (keyed ? "Only entries with a valid HMAC under " + ConfigKeys.CACHE_KEY_ENV
                    + " are trusted." : "Edited entries are detected by their checksum, but a planted entry is not;"
                    + " set the environment variable " + ConfigKeys.CACHE_KEY_ENV + " to a key the team keeps secret"
                    + " for entries only its holders can write, or use a folder only you can write")
                    + " (docs/rubrics-and-cache.md, the cache's trust model)");
        }
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
        if (this.key.isEmpty() && holdsKeyedEntry(file)) {
            // a teammate without RUBRIC_CACHE_KEY: the team's keyed entry stays (replaced, it would be distrusted,
            // deleted and judged again by every machine that has the key)
            LOG.log(System.Logger.Level.DEBUG, "not replacing the keyed verdict cache entry {0}: this machine has no {1}",
                    file, ConfigKeys.CACHE_KEY_ENV);
            keptKeyed.incrementAndGet();
            return false;
        }
        Path tmp = null;
        try {
            byte[] bytes = JSON.writeValueAsBytes(Entry.of(key, verdict, this.key));
            if (bytes.length > MAX_ENTRY_BYTES) {
                writeFailures.incrementAndGet();
                LOG.log(System.Logger.Level.WARNING, "not caching the verdict for " + file.getFileName() + ": its"
                        + " entry would be " + bytes.length + " bytes, more than the " + MAX_ENTRY_BYTES + " an entry"
                        + " may have (the judge's feedback is " + verdict.feedback().length() + " characters long);"
                        + " the grading is asked again next time");
                return false;
            }
            Files.createDirectories(file.getParent());
            if (!isRealDirectory(file.getParent())) { // never write through a link planted as a shard folder
                untrustedShard(file.getParent());
                writeFailures.incrementAndGet();
                return false;
            }
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

    /**
     * Whether {@code file} is an entry with a keyed checksum (an HMAC): read without following links, within the
     * entry size limit; anything else (no file, a link, junk) is not.
     */
    private static boolean holdsKeyedEntry(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile() || attributes.size() > MAX_ENTRY_BYTES
                    || !isRealDirectory(file.getParent())) {
                return false;
            }
            byte[] bytes;
            try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ,
                    LinkOption.NOFOLLOW_LINKS)) {
                bytes = readBounded(channel, (int) Math.min(channel.size(), MAX_ENTRY_BYTES));
            }
            JsonNode checksum = bytes == null ? null : JSON.readTree(bytes).get("checksum");
            return checksum != null && checksum.isTextual() && checksum.asText().startsWith(HMAC);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    public long hits() {
        return hits.get();
    }

    /** Writes skipped because the entry was a team's keyed one and this cache has no key. */
    public long keptKeyedEntries() {
        return keptKeyed.get();
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
            // the type first, without following links: a FIFO must never be opened (it blocks), a link never followed
            if (!isRealDirectory(file.getParent())) {
                return untrustedShard(file.getParent());
            }
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                return discard(file, "it is not a regular file but " + (attributes.isSymbolicLink() ? "a link"
                        : attributes.isDirectory() ? "a directory" : "a special file (a FIFO or a device)"));
            }
            try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ,
                    LinkOption.NOFOLLOW_LINKS)) {
                long size = channel.size(); // of the file opened, which a swap after the check cannot change
                if (size > MAX_ENTRY_BYTES) {
                    return discard(file, "it is larger than " + MAX_ENTRY_BYTES + " bytes");
                }
                bytes = readBounded(channel, (int) size);
            }
            if (bytes == null) {
                return discard(file, "it grew past " + MAX_ENTRY_BYTES + " bytes while it was read");
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (FileSystemException e) {
            // a link swapped in after the check (ELOOP), or an entry we may not read
            LOG.log(System.Logger.Level.WARNING, "cannot read the verdict cache entry " + file + ": " + e);
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
                return Optional.empty(); // another layout: a miss, replaced by the next write
            }
            if (this.key.isEmpty() && entry.checksum() != null && entry.checksum().startsWith(HMAC)) {
                // a team's keyed entry read by someone without the key: a miss, neither checked nor deleted here
                return Optional.empty();
            }
            Optional<String> untrusted = checkTrust(entry);
            if (untrusted.isPresent()) {
                return discard(file, untrusted.get());
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

    /** Why the entry's checksum does not vouch for its content, or empty when it does. */
    private Optional<String> checkTrust(Entry entry) {
        if (entry.checksum() == null) {
            return Optional.of("it has no checksum");
        }
        if (key.isPresent() && !entry.checksum().startsWith(HMAC)) {
            return Optional.of("it has no HMAC, and " + ConfigKeys.CACHE_KEY_ENV + " is set: only entries written"
                    + " with that key are trusted");
        }
        String expected = checksumOf(entry.version(), entry.key(), entry.kind(), entry.verdict(), key);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                entry.checksum().getBytes(StandardCharsets.UTF_8))) {
            return Optional.of("its content does not match its checksum (it was edited or damaged)"
                    + (key.isPresent() ? ", or written with another " + ConfigKeys.CACHE_KEY_ENV : ""));
        }
        return Optional.empty();
    }

    /**
     * The entry's checksum: SHA-256, or with a key HMAC-SHA256, over the layout version, the key, the kind and the
     * verdict as Jackson writes it (the same bytes whether the tree was just built or read back from the file).
     */
    static String checksumOf(int version, String entryKey, String kind, JsonNode verdict, Optional<Secret> hmacKey) {
        byte[] content;
        try {
            content = (version + "\n" + entryKey + "\n" + kind + "\n" + JSON.writeValueAsString(verdict))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a verdict as JSON", e);
        }
        try {
            if (hmacKey.isPresent()) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(hmacKey.get().reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return HMAC + HexFormat.of().formatHex(mac.doFinal(content));
            }
            return SHA256 + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("SHA-256 or HmacSHA256 is missing from this JVM", e);
        }
    }

    /** Exactly {@code size} bytes, or null when the file holds more (it grew after its size was taken). */
    private static byte[] readBounded(SeekableByteChannel channel, int size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(size + 1);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                break;
            }
        }
        if (buffer.position() > size) {
            return null;
        }
        return java.util.Arrays.copyOf(buffer.array(), buffer.position());
    }

    /** Whether {@code dir} is a directory itself, not a link to one. */
    private static boolean isRealDirectory(Path dir) throws IOException {
        try {
            return Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isDirectory();
        } catch (NoSuchFileException e) {
            return true; // nothing there yet: the entry is missing, or the writer creates the folder
        }
    }

    /** A shard folder that is a link (or no folder) is neither read from nor written through. */
    private Optional<Verdict> untrustedShard(Path shard) {
        LOG.log(System.Logger.Level.WARNING, "ignoring the verdict cache folder " + shard + " because it is not a"
                + " folder but a link or a file: entries are neither read from it nor written through it; remove it"
                + " and the cache fills it again");
        return Optional.empty();
    }

    private Optional<Verdict> discard(Path file, String why) {
        corrupt.incrementAndGet();
        LOG.log(System.Logger.Level.WARNING, "ignoring the verdict cache entry " + file + " because " + why
                + (mayDelete ? "; it is deleted and the grading is asked again"
                : "; it is kept (" + ConfigKeys.CACHE + "=read never changes the cache) and the grading is asked"));
        if (mayDelete) {
            deleteQuietly(file);
        }
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

    /** The stored form: the key it was written under, the verdict's kind, the verdict itself and their checksum. */
    record Entry(int version, String key, String kind, JsonNode verdict, String checksum) {

        static Entry of(Key key, Verdict verdict, Optional<Secret> hmacKey) {
            String kind = verdict instanceof AbsoluteVerdict ? "absolute" : "pairwise";
            JsonNode tree = JSON.valueToTree(verdict);
            return new Entry(ENTRY_VERSION, key.hash(), kind, tree,
                    checksumOf(ENTRY_VERSION, key.hash(), kind, tree, hmacKey));
        }
    }
}
