package dev.rubric.judge.process;

import dev.rubric.core.JudgeFingerprint;
import dev.rubric.judge.LocalModelSettings;
import dev.rubric.secret.Secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * This user's judge processes on this machine: {@code <state>/judges/<slot>/}, one slot per judge (this host, the
 * model's identity and decoding, the device), each holding
 *
 * <pre>
 * entry.json   the process that serves it: pid, port, Rubric build, fingerprint (written last, atomically)
 * secret       the process's random secret, readable by this user only (0600)
 * spawn.lock   the file lock that decides which JVM starts the process
 * judge.log    the process's output (judge.log.1: the previous process's)
 * </pre>
 *
 * <p>Only this user may use it: the folders are created 0700, and one that others can write (or that belongs to
 * someone else, or is a link) is refused, as is a secret that others can read. Where the file system has no POSIX
 * permissions (Windows), the folder relies on the user profile's own access rules.
 */
final class ProcessRegistry {

    static final String FOLDER = "judges";
    static final String ENTRY = "entry.json";
    static final String SECRET = "secret";
    static final String LOCK = "spawn.lock";
    static final String LOG = "judge.log";
    private static final long MAX_ENTRY_BYTES = 64 * 1024;
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    /** The spawn lock of each slot, within this JVM (a file lock is held per JVM, not per thread). */
    private static final ConcurrentMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;

    private ProcessRegistry(Path root) {
        this.root = root;
    }

    /**
     * The registry under {@code stateDir}, created if missing.
     *
     * @throws RegistryException naming the folder and the way out when it cannot be created or is not safe to use
     */
    static ProcessRegistry open(Path stateDir) {
        Path root = stateDir.resolve(FOLDER).toAbsolutePath().normalize();
        createPrivateDirectory(root);
        return new ProcessRegistry(root);
    }

    Path root() {
        return root;
    }

    /** The slot of the judge {@code fingerprint} names on {@code device}, on this host. */
    Slot slot(JudgeFingerprint fingerprint, LocalModelSettings.Device device) {
        String key = Host.NAME + "\n" + fingerprint.canonical() + "\ndevice=" + device.name().toLowerCase(Locale.ROOT);
        byte[] digest = sha256(key);
        return new Slot(root.resolve(HexFormat.of().formatHex(digest, 0, 10)));
    }

    /** Every slot that has an entry now (for the list and stop commands). */
    List<Slot> slots() {
        List<Slot> slots = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                        && Files.isRegularFile(dir.resolve(ENTRY), LinkOption.NOFOLLOW_LINKS)) {
                    slots.add(new Slot(dir));
                }
            }
        } catch (IOException e) {
            throw new RegistryException("cannot list the judge process registry " + root + ": " + e.getMessage(), e);
        }
        return slots;
    }

    /** One judge's folder. */
    static final class Slot {
        private final Path dir;

        Slot(Path dir) {
            this.dir = dir;
        }

        Path dir() {
            return dir;
        }

        Path log() {
            return dir.resolve(LOG);
        }

        /** Creates the folder (0700) if missing, and checks it. */
        Slot prepare() {
            createPrivateDirectory(dir);
            return this;
        }

        /** The published entry; empty when there is none, or it cannot be read back (a stale or torn file). */
        Optional<RegistryEntry> entry() {
            Path file = dir.resolve(ENTRY);
            try {
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_ENTRY_BYTES) {
                    return Optional.empty();
                }
                return Optional.of(Wire.JSON.readValue(Files.readAllBytes(file), RegistryEntry.class));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }

        /**
         * The secret of the process that published the entry.
         *
         * @throws RegistryException when it is missing, or others could read it (then it is no secret)
         */
        Secret secret() {
            Path file = dir.resolve(SECRET);
            try {
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw new RegistryException("the judge process's secret " + file + " is missing");
                }
                requireOwnerOnly(file, false);
                String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
                if (!text.matches("[0-9a-f]{64}")) {
                    throw new RegistryException("the judge process's secret " + file + " is not one: delete the"
                            + " folder " + dir + " (a new judge process is started)");
                }
                return Secret.of(text);
            } catch (IOException e) {
                throw new RegistryException("cannot read the judge process's secret " + file + ": " + e.getMessage(),
                        e);
            }
        }

        /**
         * Runs {@code action} holding this slot's spawn lock: one JVM (and one thread in it) at a time decides whether
         * to start a process. Waits at most {@code wait} for another holder.
         *
         * @throws RegistryException when the lock is not had in time, naming who to look at
         */
        <T> T underSpawnLock(Duration wait, java.util.function.Supplier<T> action) {
            ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(dir, d -> new ReentrantLock());
            long deadline = System.nanoTime() + wait.toNanos();
            try {
                if (!jvmLock.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw lockTimeout(wait);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException("interrupted while waiting for the judge process's start-up lock " + dir, e);
            }
            try (FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                FileLock lock = null;
                while (lock == null) {
                    try {
                        lock = channel.tryLock();
                    } catch (OverlappingFileLockException e) {
                        lock = null; // cannot happen under the JVM lock; treated as held
                    }
                    if (lock == null) {
                        if (System.nanoTime() > deadline) {
                            throw lockTimeout(wait);
                        }
                        Thread.sleep(50);
                    }
                }
                try (FileLock held = lock) {
                    return action.get();
                }
            } catch (IOException e) {
                throw new RegistryException("cannot take the judge process's start-up lock " + dir.resolve(LOCK)
                        + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException("interrupted while waiting for the judge process's start-up lock " + dir, e);
            } finally {
                jvmLock.unlock();
            }
        }

        private RegistryException lockTimeout(Duration wait) {
            return new RegistryException("another test JVM has been starting the judge process of " + dir + " for more"
                    + " than " + wait.toSeconds() + " s; its log is " + log() + ". If no build is running, delete "
                    + dir.resolve(LOCK) + " and run again");
        }

        /**
         * Writes the process's secret (0600), then the entry that points to it, each atomically: a client that sees
         * the entry finds the secret. For the judge process itself.
         */
        void publish(RegistryEntry entry, Secret secret) {
            try {
                Path tmp = createOwnerOnlyFile(dir, ".secret-");
                Files.writeString(tmp, secret.reveal(), StandardCharsets.US_ASCII);
                moveIntoPlace(tmp, dir.resolve(SECRET));
                Path entryTmp = createOwnerOnlyFile(dir, ".entry-");
                Files.write(entryTmp, Wire.JSON.writeValueAsBytes(entry));
                moveIntoPlace(entryTmp, dir.resolve(ENTRY));
            } catch (IOException e) {
                throw new RegistryException("cannot publish the judge process in " + dir + ": " + e.getMessage(), e);
            }
        }

        /** Removes the entry and secret when they are {@code pid}'s (not a successor's). Never throws. */
        void withdraw(long pid) {
            Optional<RegistryEntry> entry = entry();
            if (entry.isPresent() && entry.get().pid() == pid) {
                deleteQuietly(dir.resolve(ENTRY));
                deleteQuietly(dir.resolve(SECRET));
            }
        }

        /** Removes whatever entry is there: it was found stale (its process is gone or unusable). */
        void clear() {
            deleteQuietly(dir.resolve(ENTRY));
            deleteQuietly(dir.resolve(SECRET));
        }

        /** Keeps the last process's log as judge.log.1, so the new one starts empty. */
        void rotateLog() {
            try {
                if (Files.isRegularFile(log(), LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(log(), dir.resolve(LOG + ".1"), StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                // the new process appends to the old log
            }
        }

        @Override
        public String toString() {
            return dir.toString();
        }
    }

    /** Creates {@code dir} (0700) with its parents if missing; refuses one that is a link, others' or writable by them. */
    static void createPrivateDirectory(Path dir) {
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir.getParent());
                try {
                    Files.createDirectory(dir, ownerOnly(dir.getParent(), OWNER_ONLY_DIR));
                } catch (FileAlreadyExistsException raced) {
                    // another JVM made it: checked below like any existing one
                }
            }
            if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new RegistryException("the judge process registry folder " + dir + " is not a plain folder"
                        + " (a link, or a file): delete it, and Rubric makes a new one");
            }
            requireOwnerOnly(dir, true);
        } catch (IOException e) {
            throw new RegistryException("cannot create the judge process registry folder " + dir + ": " + e.getMessage()
                    + "; set XDG_CACHE_HOME to a writable folder, or " + "rubric.judge.share=jvm to load the model in"
                    + " the test JVM", e);
        }
    }

    /**
     * Refuses a file or folder that is not this user's, or that others can write (for a folder) or read (for the
     * secret). No-op where the file system has no POSIX permissions.
     */
    static void requireOwnerOnly(Path path, boolean folder) throws IOException {
        if (!Files.getFileStore(path).supportsFileAttributeView("posix")) {
            return;
        }
        String owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
        String me = System.getProperty("user.name");
        if (!owner.equals(me)) {
            throw new RegistryException((folder ? "the judge process registry folder " : "the judge process's secret ")
                    + path + " belongs to " + owner + ", not to " + me + ": Rubric uses only its user's own; delete it"
                    + " or set XDG_CACHE_HOME to a folder of yours");
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> forbidden = folder
                ? Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE)
                : Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
        if (perms.stream().anyMatch(forbidden::contains)) {
            throw new RegistryException((folder ? "the judge process registry folder " + path
                    + " can be written by other users (" : "the judge process's secret " + path
                    + " can be read by other users (") + PosixFilePermissions.toString(perms) + "), so a judge found"
                    + " through it could be anyone's: Rubric refuses it. Make it private (chmod "
                    + (folder ? "700 " : "600 ") + path + ") or delete it");
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path where, Set<PosixFilePermission> perms) throws IOException {
        return Files.getFileStore(where).supportsFileAttributeView("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(perms)} : new FileAttribute<?>[0];
    }

    /** A new empty file readable by this user only from the moment it exists (no window with wider rights). */
    private static Path createOwnerOnlyFile(Path dir, String prefix) throws IOException {
        return Files.createTempFile(dir, prefix, ".tmp", ownerOnly(dir, OWNER_ONLY_FILE));
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the next publisher replaces it
        }
    }

    /** A new secret: 32 random bytes, as 64 hex digits. */
    static Secret newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Secret.of(HexFormat.of().formatHex(bytes));
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** This machine's name: a home folder shared between machines (NFS) gets a slot per machine. */
    static final class Host {
        static final String NAME = name();

        private static String name() {
            try {
                Path linux = Path.of("/proc/sys/kernel/hostname");
                if (Files.isReadable(linux)) {
                    return Files.readString(linux).strip();
                }
            } catch (IOException | UncheckedIOException ignored) {
                // next
            }
            for (String variable : List.of("COMPUTERNAME", "HOSTNAME")) {
                String v = System.getenv(variable);
                if (v != null && !v.isBlank()) {
                    return v.strip();
                }
            }
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return "localhost";
            }
        }
    }
}
