package dev.rubric.hub;

import org.apiguardian.api.API;

import java.nio.file.Path;
import java.util.Objects;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Which weights {@code rubric.judge.model} names, known without downloading or reading them: a folder, or one commit
 * of a Hub model. {@link ModelLocator#identify(String)} finds it; {@link ModelLocator#locate(ModelSource)} then
 * brings exactly those weights (from the cache, or downloaded), so that what a judge's fingerprint names is what it
 * loads.
 */
@API(status = INTERNAL, since = "0.1")
public sealed interface ModelSource {

    /** A checkpoint folder on this machine, as an absolute, normalised path. */
    record Folder(Path directory) implements ModelSource {

        public Folder {
            Objects.requireNonNull(directory, "directory");
            if (!directory.isAbsolute()) {
                throw new IllegalArgumentException("a model folder is identified by its absolute path, got " + directory);
            }
        }
    }

    /**
     * One commit of a Hub model. The commit names the bytes: the Hub's tree at a commit holds each weight file's
     * sha256 (its LFS pointer), which the download checks and the cache names its blob by.
     */
    record HubCommit(String repoId, String commit) implements ModelSource {

        public HubCommit {
            Objects.requireNonNull(repoId, "repoId");
            if (commit == null || !HubModelId.isCommitHash(commit)) {
                throw new IllegalArgumentException("a Hub model is pinned by a 40-hex commit, got " + commit);
            }
        }

        /** {@code org/name@commit}: the spelling of {@code rubric.judge.model} that names exactly this. */
        public String pinnedSpec() {
            return repoId + "@" + commit;
        }
    }
}
