package dev.rubric.results;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Why an aborted test had no verdict, as its message says it. A sampled test whose samples aborted has a message of
 * its own ("not enough samples passed and some had no verdict: ...") that ends with {@link #FIRST_ABORT} and the
 * first sample's reason; reading that reason back lets a judge that is down, or missing, be reported once for every
 * test it aborted, sampled or not.
 */
@API(status = INTERNAL, since = "0.1")
public final class AbortReasons {

    /** What separates a sampled test's own message from the reason its first sample aborted. */
    public static final String FIRST_ABORT = "; first abort: ";

    private AbortReasons() {
    }

    /** The reason in an aborted test's message (a sampled test's: its first sample's); "no reason recorded" if none. */
    public static String of(String message) {
        if (message == null || message.isBlank()) {
            return "no reason recorded";
        }
        int at = message.lastIndexOf(FIRST_ABORT);
        return at >= 0 ? message.substring(at + FIRST_ABORT.length()) : message;
    }
}
