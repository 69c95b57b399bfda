package dev.rubric.junit.engine;

import dev.rubric.core.Judge;
import dev.rubric.core.JudgeException;
import dev.rubric.judge.JudgeConfig;
import dev.rubric.judge.Judges;
import dev.rubric.results.JudgeRecord;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one judge of a run: built on the first grading, closed at the end. When it cannot be built, the reason is
 * logged once and every later request fails fast with that same reason (no retry, no stack trace per test).
 */
public final class SharedJudge implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SharedJudge.class.getName());

    private final Supplier<JudgeConfig> config;
    private Judge judge;
    private JudgeConfig builtFrom;
    private JudgeException failure;
    private boolean closed;

    /** @param config reads the configuration; it may throw IllegalArgumentException for a bad value */
    public SharedJudge(Supplier<JudgeConfig> config) {
        this.config = config;
    }

    /** The judge, built on first use. @throws JudgeException the reason it cannot be built (the same every time) */
    public synchronized Judge get() {
        if (judge != null) {
            return judge;
        }
        if (closed) {
            throw new JudgeException(JudgeException.Reason.CLOSED, "the rubric judge was already closed: the test run ended");
        }
        if (failure == null) {
            try {
                builtFrom = config.get();
                judge = Judges.create(builtFrom);
                LOG.fine(() -> "rubric judge: " + judge.fingerprint());
                return judge;
            } catch (JudgeException e) {
                failure = e;
            } catch (IllegalArgumentException e) {
                failure = new JudgeException(JudgeException.Reason.MISCONFIGURED, e.getMessage(), e);
            } catch (RuntimeException e) {
                failure = new JudgeException(JudgeException.Reason.MODEL_FAILED_TO_LOAD,
                        "the rubric judge could not be built: " + e, e);
            }
            LOG.log(Level.SEVERE, "the rubric judge could not be built (" + failure.reason() + "): "
                    + withoutFinalStop(failure.getMessage()) + "; every test that needs it is aborted"
                    + causeNotSaid(failure));
        }
        throw new JudgeException(failure.reason(), "no judge: " + failure.getMessage());
    }

    private static String withoutFinalStop(String message) {
        String m = message == null ? "" : message.strip();
        return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
    }

    /** " [cause: ...]" when the cause adds something the message does not already say; else "". */
    static String causeNotSaid(JudgeException failure) {
        Throwable cause = failure.getCause();
        String said = cause == null ? null : cause.getMessage() != null ? cause.getMessage()
                : cause.getClass().getSimpleName();
        if (cause == null || (failure.getMessage() != null && failure.getMessage().contains(said))) {
            return "";
        }
        return " [cause: " + cause + "]";
    }

    /** The judge's fingerprint and settings, when it was built. */
    public synchronized Optional<JudgeRecord> record() {
        if (judge == null) {
            return Optional.empty();
        }
        Map<String, String> settings = builtFrom.describe();
        return Optional.of(JudgeRecord.of(judge.fingerprint(), settings));
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (judge != null) {
            try {
                judge.close();
            } finally {
                judge = null;
            }
        }
    }
}
