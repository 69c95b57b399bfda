package dev.rubric.maven.fork;
import org.apiguardian.api.API;

/** The judge process could not run, failed, or ran out of time; the message says what it printed last. */
@API(status = API.Status.INTERNAL, since = "0.1")
public class JudgeProcessException extends RuntimeException {

    public JudgeProcessException(String message) {
        super(message);
    }

    public JudgeProcessException(String message, Throwable cause) {
        super(message, cause);
    }
}
