package dev.rubric.results;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Why an aborted test had no verdict, in words: the one reader of it, for the engine's summary and the plugin's gate.
 * Results files written by this version carry it typed ({@link TestResult#abort()}); older ones only in the test's
 * message, where a sampled test's own message ("not enough samples passed and some had no verdict: ...") ends with
 * {@link #FIRST_ABORT} and the first sample's reason. Either way a judge that is down, or missing, is reported once
 * for every test it aborted, sampled or not.
 */
@API(status = INTERNAL, since = "0.1")
public final class AbortReasons {

    /** What separates a sampled test's own message from the reason its first sample aborted. */
    public static final String FIRST_ABORT = "; first abort: ";

    private AbortReasons() {
    }

    /** The reason an aborted test had no verdict: the typed one when the file has it, else read from the message. */
    public static String of(AbortRecord abort, String message) {
        return abort != null ? abort.message() : of(message);
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
