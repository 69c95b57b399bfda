package dev.rubric.hub;

import dev.rubric.secret.Redaction;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A model's weights could not be found or downloaded. The message names the model, what went wrong and the way out;
 * it never contains the Hub token. The downloader knows nothing of judges: the local judge turns this into its own
 * reason (a model that failed to load) at its border.
 */
@API(status = INTERNAL, since = "0.1")
public final class HubException extends RuntimeException {

    /** What went wrong, for callers that react differently (the message is for people). */
    public enum Problem {
        /** The spec is neither a usable directory nor a Hub id. */
        BAD_SPEC,
        /** A model directory (given, or a cached snapshot) lacks files the judge needs. */
        INCOMPLETE_CHECKPOINT,
        /** The weights are not in the cache and downloads are forbidden or the Hub cannot be reached. */
        OFFLINE,
        /** The Hub refused the token or there is none (401/403): a gated or private model. */
        UNAUTHORIZED,
        /** The Hub does not know the model or the revision (404). */
        NOT_FOUND,
        /** The Hub answered something unexpected (a server error, a malformed listing, an unsafe file name). */
        HUB_ERROR,
        /** A downloaded file does not have the size or sha256 the Hub announced. */
        CORRUPT_DOWNLOAD,
        /** The disk holding the cache is (or would become) full. */
        DISK_FULL,
        /** Reading or writing the cache failed. */
        IO_ERROR
    }

    private final Problem problem;

    /** {@code message} is redacted ({@link Redaction}): it may quote the Hub or another exception. */
    HubException(Problem problem, String message) {
        super(Redaction.redact(message));
        this.problem = problem;
    }

    HubException(Problem problem, String message, Throwable cause) {
        super(Redaction.redact(message), cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
