package dev.rubric.core;

import dev.rubric.secret.Redaction;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The judge could not produce a verdict. Tests that meet this are aborted with the reason, never passed or failed.
 * Messages name the thing, the value and the way out; they never contain API keys or tokens.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class JudgeException extends RuntimeException {

    /** Why no verdict could be had. */
    public enum Reason {
        /** The configuration is wrong (unknown key, bad value, missing URL). */
        MISCONFIGURED,
        /** The judge server could not be reached (connection refused, DNS, TLS). */
        UNREACHABLE,
        /** The judge did not answer in time. */
        TIMED_OUT,
        /** The server refused the request (4xx other than 429), e.g. a wrong API key or model name. */
        REJECTED,
        /** The server kept failing (5xx or 429) after every retry. */
        SERVER_ERROR,
        /** The judge answered, but no score could be read from its output after every attempt. */
        UNPARSEABLE_OUTPUT,
        /** The local model could not be found, downloaded or loaded. */
        MODEL_FAILED_TO_LOAD,
        /** The judge was closed while the grading waited. */
        CLOSED
    }

    private final Reason reason;

    /** {@code message} is redacted ({@link Redaction}): it may quote a server, a judge or another exception. */
    public JudgeException(Reason reason, String message) {
        super(Redaction.redact(message));
        this.reason = reason;
    }

    public JudgeException(Reason reason, String message, Throwable cause) {
        super(Redaction.redact(message), cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** The JudgeException behind a CompletableFuture's wrapper exceptions, if there is one. */
    public static java.util.Optional<JudgeException> find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof JudgeException je) {
                return java.util.Optional.of(je);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return java.util.Optional.empty();
    }
}
