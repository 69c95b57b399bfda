package dev.rubric.junit;

import dev.rubric.core.JudgeException;
import org.apiguardian.api.API;
import org.opentest4j.TestAbortedException;

import java.util.Objects;

/**
 * The judge gave no verdict, so the test is aborted: neither passed nor failed. Unlike a failed assumption (a plain
 * {@link TestAbortedException}, which makes the test skipped), it carries why, as a type: the results file records it
 * as the test's abort reason, and the gate counts the test against {@code maxAborted}.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class JudgeAbortedException extends TestAbortedException {

    private static final long serialVersionUID = 1L;

    private final JudgeException.Reason reason;
    private final String reasonMessage;

    /** The judge failed with {@code cause}: "the judge gave no verdict (REASON): what it said". */
    public JudgeAbortedException(JudgeException cause) {
        this("the judge gave no verdict (" + cause.reason() + "): " + cause.getMessage(), cause.reason(), null, cause);
    }

    /**
     * A test aborted for a verdict some part of it lacked (a sampled test, for its samples'): {@code message} says
     * what happened to the test, {@code reasonMessage} why the judge gave no verdict (the part's own message).
     */
    public JudgeAbortedException(String message, JudgeException.Reason reason, String reasonMessage, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.reasonMessage = reasonMessage;
    }

    /** Why the judge gave no verdict. */
    public JudgeException.Reason reason() {
        return reason;
    }

    /** The words for {@link #reason()}: the same for every test one failing judge aborted, so they group by it. */
    public String reasonMessage() {
        return reasonMessage != null ? reasonMessage : getMessage();
    }
}
