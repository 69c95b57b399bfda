package dev.rubric.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One model's folder in the Hugging Face cache, laid out exactly as huggingface_hub lays it out:
 * <pre>
 * models--org--name/
 *   blobs/&lt;etag&gt;                 the file contents, named by the Hub's ETag (sha256 for LFS files, git sha1 otherwise)
 *   refs/&lt;revision&gt;             the commit hash that the branch or tag pointed to (no newline)
 *   snapshots/&lt;commit&gt;/&lt;file&gt;   relative symbolic links to ../../blobs/&lt;etag&gt;
 * .locks/models--org--name/&lt;etag&gt;.lock
 * </pre>
 */
final class HubCache {

    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern ETAG = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

    private final Path cacheDir;
    private final HubModelId model;
    private final Path repoDir;

    HubCache(Path cacheDir, HubModelId model) {
        this.cacheDir = cacheDir.toAbsolutePath().normalize();
        this.model = model;
        this.repoDir = this.cacheDir.resolve(model.cacheFolderName());
    }

    Path repoDir() {
        return repoDir;
    }

    /** The commit that {@code refs/<revision>} records, if the cache has it. */
    Optional<String> readRef(String revision) {
        Path ref = repoDir.resolve("refs").resolve(revision);
        try {
            if (!Files.isRegularFile(ref) || Files.size(ref) > 1024) {
                return Optional.empty();
            }
            String commit = Files.readString(ref, StandardCharsets.UTF_8).trim();
            return COMMIT.matcher(commit).matches() ? Optional.of(commit) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Records that {@code revision} points to {@code commit} (nothing to record when the revision is the commit). */
    void writeRef(String revision, String commit) throws IOException {
        requireCommit(commit);
        if (revision.equals(commit) || readRef(revision).filter(commit::equals).isPresent()) {
            return; // nothing new: a shared, read-only cache stays untouched
        }
        Path ref = repoDir.resolve("refs").resolve(revision);
        Files.createDirectories(ref.getParent());
        Path tmp = Files.createTempFile(ref.getParent(), ".ref", ".tmp");
        try {
            Files.writeString(tmp, commit, StandardCharsets.UTF_8);
            moveAtomically(tmp, ref);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    Path snapshotDir(String commit) {
        requireCommit(commit);
        return repoDir.resolve("snapshots").resolve(commit);
    }

    Path snapshotFile(String commit, String fileName) {
        return RepoFileNames.resolveInside(snapshotDir(commit), fileName, "The file list of " + model.repoId());
    }

    Path blob(String etag) {
        return repoDir.resolve("blobs").resolve(requireEtag(etag));
    }

    Path incompleteBlob(String etag) {
        return repoDir.resolve("blobs").resolve(requireEtag(etag) + ".incomplete");
    }

    Path lockFile(String etag) {
        return cacheDir.resolve(".locks").resolve(model.cacheFolderName()).resolve(requireEtag(etag) + ".lock");
    }

    /**
     * Makes {@code snapshots/<commit>/<fileName>} point at the blob: a relative symbolic link, as huggingface_hub
     * makes it; where the file system has no symbolic links, a hard link, and failing that a copy.
     */
    void linkSnapshot(String commit, String fileName, Path blob) throws IOException {
        Path target = snapshotFile(commit, fileName);
        Files.createDirectories(target.getParent());
        // made under a temporary name and renamed into place, so that concurrent runs never see a half-made link
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try {
                Files.createSymbolicLink(tmp, target.getParent().relativize(blob));
            } catch (UnsupportedOperationException | FileSystemException noSymlinks) {
                // Windows without developer mode, some network drives: a hard link, else a copy
                try {
                    Files.createLink(tmp, blob);
                } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
                    Files.copy(blob, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            moveAtomically(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private String requireCommit(String commit) {
        if (commit == null || !COMMIT.matcher(commit).matches()) {
            throw new HubException(HubException.Problem.HUB_ERROR, "The Hub gave '" + commit + "' as the commit of "
                    + model + "; a commit is 40 hexadecimal digits. Check HF_ENDPOINT.");
        }
        return commit;
    }

    private String requireEtag(String etag) {
        if (etag == null || !ETAG.matcher(etag).matches()) {
            throw new HubException(HubException.Problem.HUB_ERROR, "The Hub gave '" + etag + "' as the ETag of a file"
                    + " of " + model + "; it cannot name a file in the cache. Check HF_ENDPOINT.");
        }
        return etag;
    }
}
