package dev.rubric.hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings one file into {@code blobs/<etag>}: downloads into {@code blobs/<etag>.incomplete}, resumes a partial file
 * with a Range request (on the next attempt, and in the next run), checks the size and, for LFS files, the sha256 the
 * ETag announces, then moves it into place atomically. A file lock (as huggingface_hub takes one) keeps two processes
 * from writing the same blob.
 */
final class BlobDownloader {

    private static final System.Logger LOG = System.getLogger(BlobDownloader.class.getName());
    private static final int MAX_ATTEMPTS = 5;
    /**
     * The most bytes of a file whose size the Hub does not announce (a small file served without Content-Length):
     * far above any config or tokenizer file, far below a checkpoint.
     */
    static final long MAX_UNANNOUNCED_BYTES = 64L << 20;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final HubHttp http;
    private final DownloadProgress progress;
    private final ToLongFunction<Path> usableSpace;
    private final Duration stallTimeout;
    private final Duration retryPause;

    BlobDownloader(HubHttp http, DownloadProgress progress, ToLongFunction<Path> usableSpace, Duration stallTimeout,
                   Duration retryPause) {
        this.http = http;
        this.progress = progress;
        this.usableSpace = usableSpace;
        this.stallTimeout = stallTimeout;
        this.retryPause = retryPause;
    }

    /** The usable bytes on the file store of {@code dir}, or Long.MAX_VALUE when the store cannot say. */
    static long usableSpaceOf(Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The blob for {@code file}, downloaded unless the cache already has it complete. */
    Path fetch(HubModelId model, FileMetadata file, HubCache cache) throws IOException {
        Path blob = cache.blob(file.etag());
        if (isComplete(blob, file.size())) {
            return blob;
        }
        Path lockFile = cache.lockFile(file.etag());
        Files.createDirectories(lockFile.getParent());
        Files.createDirectories(blob.getParent());
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(lockFile, p -> new ReentrantLock());
        jvmLock.lock();
        removeUnlessRegular(lockFile);
        try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
             FileLock ignored = lockChannel.lock()) {
            if (isComplete(blob, file.size())) {
                return blob;
            }
            Path incomplete = cache.incompleteBlob(file.etag());
            download(model, file, incomplete);
            verify(model, file, incomplete);
            HubCache.moveAtomically(incomplete, blob);
            return blob;
        } finally {
            jvmLock.unlock();
        }
    }

    /** A blob is complete when it is a regular file itself (not a link planted in the cache) of the right size. */
    private static boolean isComplete(Path blob, long size) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(blob, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() && (size < 0 || a.size() == size);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * The bytes of the partial download, 0 when there is none. Anything but a regular file in its place (a link
     * planted by someone who can write the cache, a FIFO, a folder) is removed first, never followed or opened: a
     * write through a link would overwrite its target, a FIFO would block.
     */
    static long partialSize(Path incomplete) throws IOException {
        removeUnlessRegular(incomplete);
        try {
            return Files.readAttributes(incomplete, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).size();
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    /** Removes {@code path} (a link itself, not its target) when it is there but not a regular file. */
    private static void removeUnlessRegular(Path path) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (!a.isRegularFile()) {
            LOG.log(System.Logger.Level.WARNING, "removing " + path + " from the Hub cache: it is "
                    + (a.isSymbolicLink() ? "a link" : a.isDirectory() ? "a folder" : "a special file")
                    + " where Rubric keeps a file of its own (someone who can write the cache put it there)");
            Files.delete(path);
        }
    }

    private void download(HubModelId model, FileMetadata file, Path incomplete) throws IOException {
        IOException lastFailure = null;
        String lastProblem = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            long have = partialSize(incomplete);
            if (file.size() >= 0 && have > file.size()) {
                Files.delete(incomplete);
                have = 0;
            }
            if (file.size() >= 0 && have == file.size()) {
                return;
            }
            requireSpace(model, file, incomplete, have);
            HttpResponse<InputStream> response;
            try {
                response = http.get(file.location(), have, model, file.fileName());
            } catch (HubException e) {
                if (e.problem() != HubException.Problem.OFFLINE) {
                    throw e;
                }
                lastProblem = e.getCause() == null ? e.getMessage() : e.getCause().toString();
                pause(attempt);
                continue;
            }
            int status = response.statusCode();
            if (status == 416 || status == 429 || status >= 500) {
                response.body().close();
                if (status == 416) {
                    Files.deleteIfExists(incomplete);
                }
                lastProblem = "HTTP " + status;
                pause(attempt);
                continue;
            }
            long start = status == 206 ? rangeStart(response) : 0;
            if (start != have && start != 0) {
                response.body().close();
                Files.deleteIfExists(incomplete);
                lastProblem = "the server resumed at byte " + start + " instead of " + have;
                continue;
            }
            try {
                if (transfer(model, file, response, incomplete, start)) {
                    return;
                }
                lastProblem = "the connection ended at byte " + partialSize(incomplete) + " of " + file.size();
            } catch (HubException e) { // past the bound of a file without an announced size: no retry resumes it
                Files.deleteIfExists(incomplete);
                throw e;
            } catch (IOException e) {
                if (isDiskFull(e)) {
                    throw diskFull(model, file, incomplete, e);
                }
                lastFailure = e;
                lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            pause(attempt);
        }
        long have = partialSize(incomplete);
        throw new HubException(HubException.Problem.HUB_ERROR, "Downloading " + file.fileName() + " of " + model
                + " failed " + MAX_ATTEMPTS + " times (last: " + lastProblem + "); " + DownloadProgress.bytes(have)
                + " of " + DownloadProgress.bytes(file.size()) + " are kept in " + incomplete
                + " and the next run resumes from there.", lastFailure);
    }

    /** Writes the body into {@code incomplete} from byte {@code start}; true when the file is then complete. */
    private boolean transfer(HubModelId model, FileMetadata file, HttpResponse<InputStream> response, Path incomplete,
                             long start) throws IOException {
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rubric-hub-stall-watchdog");
            t.setDaemon(true);
            return t;
        });
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        AtomicBoolean stalled = new AtomicBoolean();
        InputStream body = response.body();
        long period = Math.max(50, stallTimeout.toMillis() / 4);
        watchdog.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastProgress.get() > stallTimeout.toNanos() && stalled.compareAndSet(false, true)) {
                try {
                    body.close();
                } catch (IOException ignored) {
                    // the reading thread sees the end of the stream
                }
            }
        }, period, period, TimeUnit.MILLISECONDS);
        progress.start(file.fileName(), file.size(), start);
        long written = start;
        if (start == 0) {
            Files.deleteIfExists(incomplete); // a fresh file, created exclusively below: never one planted before
        } else {
            removeUnlessRegular(incomplete);
        }
        try (body; FileChannel channel = start == 0
                ? FileChannel.open(incomplete, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                : FileChannel.open(incomplete, StandardOpenOption.WRITE, StandardOpenOption.APPEND,
                LinkOption.NOFOLLOW_LINKS);
             OutputStream out = Channels.newOutputStream(channel)) {
            if (channel.size() != start) { // checked on the file opened: it is the one written
                throw new IOException("the partial download " + incomplete + " has " + channel.size()
                        + " bytes, not the " + start + " it is resumed from");
            }
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = body.read(buffer)) >= 0) {
                if (file.size() >= 0 && written + n > file.size()) {
                    throw new IOException("the server sent more than the " + file.size() + " bytes it announced");
                }
                if (file.size() < 0 && written + n > MAX_UNANNOUNCED_BYTES) {
                    throw new HubException(HubException.Problem.HUB_ERROR, "The Hub announced no size for "
                            + file.fileName() + " of " + model + ", and it sent more than "
                            + DownloadProgress.bytes(MAX_UNANNOUNCED_BYTES) + ", the most Rubric downloads without an"
                            + " announced size (config and tokenizer files are far smaller). Check HF_ENDPOINT: a"
                            + " proxy may be stripping the size headers or serving another file.");
                }
                out.write(buffer, 0, n);
                written += n;
                lastProgress.set(System.nanoTime());
                progress.advance(n);
            }
        } catch (IOException e) {
            if (stalled.get()) {
                throw new IOException("no data arrived for " + stallText(), e);
            }
            throw e;
        } finally {
            watchdog.shutdownNow();
            progress.finish();
        }
        if (stalled.get()) {
            throw new IOException("no data arrived for " + stallText());
        }
        return file.size() < 0 || written == file.size();
    }

    private void verify(HubModelId model, FileMetadata file, Path incomplete) throws IOException {
        long size = Files.size(incomplete);
        if (file.size() >= 0 && size != file.size()) {
            Files.delete(incomplete);
            throw new HubException(HubException.Problem.CORRUPT_DOWNLOAD, file.fileName() + " of " + model + " has "
                    + size + " bytes after downloading, the Hub announced " + file.size()
                    + "; the download was deleted. Run again to download it anew.");
        }
        // the Hub's ETag is the sha256 of an LFS file and the git blob sha1 of a small one; another is not checkable
        String kind = file.etagIsSha256() ? "sha256" : file.etagIsGitSha1() ? "git blob sha1" : null;
        if (kind == null) {
            return;
        }
        String actual = file.etagIsSha256() ? sha256(incomplete) : gitBlobSha1(incomplete);
        if (!actual.equals(file.etag())) {
            Files.delete(incomplete);
            throw new HubException(HubException.Problem.CORRUPT_DOWNLOAD, "The " + kind + " of the downloaded "
                    + file.fileName() + " of " + model + " is " + actual + ", but the Hub says " + file.etag()
                    + ": the download is corrupt and was deleted. Run again to download it anew; if it happens again, "
                    + "a proxy or mirror (HF_ENDPOINT) is changing the file.");
        }
    }

    static String sha256(Path file) throws IOException {
        return digest(file, "SHA-256", new byte[0]);
    }

    /** The id git gives the file's content: SHA-1 of {@code "blob <size>\0"} and the bytes (the Hub's ETag of it). */
    static String gitBlobSha1(Path file) throws IOException {
        long size = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).size();
        return digest(file, "SHA-1", ("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII));
    }

    private static String digest(Path file, String algorithm, byte[] header) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
        digest.update(header);
        try (InputStream in = new DigestInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private void requireSpace(HubModelId model, FileMetadata file, Path incomplete, long have) {
        if (file.size() < 0) {
            return;
        }
        long needed = file.size() - have;
        long usable = usableSpace.applyAsLong(incomplete.getParent());
        if (usable < needed) {
            throw new HubException(HubException.Problem.DISK_FULL, "Not enough disk space to download "
                    + file.fileName() + " of " + model + ": it needs " + DownloadProgress.bytes(needed) + " more in "
                    + incomplete.getParent() + ", which has " + DownloadProgress.bytes(usable) + " free. Free some "
                    + "space there, or set HF_HUB_CACHE (or HF_HOME) to a folder on a bigger disk.");
        }
    }

    private static boolean isDiskFull(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.toLowerCase(Locale.ROOT).contains("no space left on device")
                    || message.toLowerCase(Locale.ROOT).contains("not enough space on the disk"))) {
                return true;
            }
        }
        return false;
    }

    private HubException diskFull(HubModelId model, FileMetadata file, Path incomplete, IOException e) {
        long have = 0;
        try {
            have = partialSize(incomplete);
        } catch (IOException ignored) {
            // the message still names the file and the folder
        }
        return new HubException(HubException.Problem.DISK_FULL, "The disk filled up while downloading "
                + file.fileName() + " of " + model + " into " + incomplete.getParent() + ": "
                + DownloadProgress.bytes(have) + " of " + DownloadProgress.bytes(file.size()) + " were written ("
                + DownloadProgress.bytes(Math.max(0, file.size() - have)) + " still needed). Free some space there, "
                + "or set HF_HUB_CACHE (or HF_HOME) to a folder on a bigger disk; the next run resumes the partial "
                + "file.", e);
    }

    private static long rangeStart(HttpResponse<InputStream> response) {
        Matcher m = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    private String stallText() {
        return stallTimeout.toMillis() % 1000 == 0 ? stallTimeout.toSeconds() + " s" : stallTimeout.toMillis() + " ms";
    }

    private void pause(int attempt) {
        try {
            Thread.sleep(retryPause.toMillis() * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException(HubException.Problem.IO_ERROR, "Interrupted while waiting to retry a download");
        }
    }
}
