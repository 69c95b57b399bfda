package dev.rubric.junit.engine;

import dev.rubric.junit.JudgeAbortedException;
import dev.rubric.secret.Redaction;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import org.opentest4j.ValueWrapper;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * What a test threw, as JUnit reports it to Surefire's XML, the IDE and the console: unchanged, unless a message in
 * it (its own, a cause's, a suppressed one's, an assertion's expected or actual value) holds a credential this process
 * knows ({@link Redaction}: the judge's API key, the Hub token). Then a copy with every such message redacted, of the
 * same kind for JUnit (an assertion error stays a failure, an aborted test stays aborted, anything else an error) and
 * with the same stack traces. The user's own HTTP client quoting a request's {@code Authorization} header in its
 * exception is the case this is for: the results file and the report were redacted already ({@link TestEnding}); the
 * XML that CI keeps as an artifact was not.
 */
final class RedactedThrowables {

    /** Causes and suppressed throwables looked at, at most: a chain longer than this is not a real one. */
    private static final int MAX_THROWABLES = 64;

    private RedactedThrowables() {
    }

    /**
     * {@code t} itself when no message in it holds a known credential, or when it is Rubric's own (an abort for the
     * judge, a sampled test's failure: their texts are redacted where they are made, and their types carry the
     * outcome); else its redacted copy.
     */
    static Throwable of(Throwable t) {
        if (t == null || t instanceof JudgeAbortedException || t instanceof SampleFailedException
                || !holdsSecret(t, Collections.newSetFromMap(new IdentityHashMap<>()))) {
            return t;
        }
        return copy(t, new IdentityHashMap<>());
    }

    private static boolean holdsSecret(Throwable t, Set<Throwable> seen) {
        if (t == null || seen.size() >= MAX_THROWABLES || !seen.add(t)) {
            return false;
        }
        if (changed(t.getMessage())) {
            return true;
        }
        if (t instanceof AssertionFailedError a && (changed(text(a.getExpected())) || changed(text(a.getActual())))) {
            return true;
        }
        for (Throwable s : t.getSuppressed()) {
            if (holdsSecret(s, seen)) {
                return true;
            }
        }
        return holdsSecret(t.getCause(), seen);
    }

    private static boolean changed(String text) {
        return text != null && !text.equals(Redaction.redact(text));
    }

    private static String text(ValueWrapper value) {
        return value == null ? null : value.getStringRepresentation();
    }

    /** Copies {@code t}, its cause first (constructors take it), then its suppressed throwables. */
    private static Throwable copy(Throwable t, IdentityHashMap<Throwable, Throwable> copies) {
        Throwable done = copies.get(t);
        if (done != null) {
            return done;
        }
        copies.put(t, null); // in progress: a cause that leads back here is left out, not followed round
        Throwable cause = t.getCause();
        Throwable causeCopy = cause == null || cause == t || copies.containsKey(cause) || copies.size() >= MAX_THROWABLES
                ? null : copy(cause, copies);
        String message = Redaction.redact(t.getMessage());
        Throwable copy;
        if (t instanceof AssertionFailedError a) {
            copy = a.isExpectedDefined() || a.isActualDefined()
                    ? new RedactedAssertionFailure(message, Redaction.redact(text(a.getExpected())),
                            Redaction.redact(text(a.getActual())), causeCopy)
                    : new RedactedAssertionFailure(message, causeCopy);
        } else if (t instanceof AssertionError) {
            copy = new RedactedAssertionError(named(t, message), causeCopy);
        } else if (t instanceof TestAbortedException) {
            copy = new RedactedAbort(message, causeCopy);
        } else {
            copy = new RedactedException(named(t, message), causeCopy);
        }
        copies.put(t, copy);
        copy.setStackTrace(t.getStackTrace());
        for (Throwable s : t.getSuppressed()) {
            if (copies.size() < MAX_THROWABLES && !copies.containsKey(s)) {
                copy.addSuppressed(copy(s, copies));
            }
        }
        return copy;
    }

    /** "java.lang.IllegalStateException: message": the original type, which the copy's own type does not say. */
    private static String named(Throwable t, String message) {
        return t.getClass().getName() + (message == null ? "" : ": " + message);
    }

    /** An assertion failure whose messages held a credential; its expected and actual values as redacted text. */
    static final class RedactedAssertionFailure extends AssertionFailedError {
        RedactedAssertionFailure(String message, Throwable cause) {
            super(message, cause);
        }

        RedactedAssertionFailure(String message, String expected, String actual, Throwable cause) {
            super(message, expected, actual, cause);
        }
    }

    /** Another assertion error whose message held a credential (a failure, not an error, for JUnit and Surefire). */
    static final class RedactedAssertionError extends AssertionError {
        RedactedAssertionError(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An aborted test's reason that held a credential. */
    static final class RedactedAbort extends TestAbortedException {
        RedactedAbort(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Any other throwable whose message held a credential: its type's name leads the message. */
    static final class RedactedException extends RuntimeException {
        RedactedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
