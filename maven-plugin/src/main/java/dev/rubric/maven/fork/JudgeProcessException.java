package dev.rubric.maven.fork;

/** The judge process could not run, failed, or ran out of time; the message says what it printed last. */
public class JudgeProcessException extends RuntimeException {

    public JudgeProcessException(String message) {
        super(message);
    }

    public JudgeProcessException(String message, Throwable cause) {
        super(message, cause);
    }
}
