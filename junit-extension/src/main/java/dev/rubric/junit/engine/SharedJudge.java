package dev.rubric.junit.engine;

import dev.rubric.core.Judge;
import dev.rubric.core.JudgeException;
import dev.rubric.judge.JudgeConfig;
import dev.rubric.results.JudgeRecord;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The judge of one user (an engine run, or the plain Jupiter tests of the JVM): taken from the {@link JudgeRegistry}
 * on the first grading (so users configured alike share one judge), released by {@link #close()}. When it cannot be
 * had, the reason is logged once and every later request fails fast with that same reason (no retry, no stack trace
 * per test).
 */
public final class SharedJudge implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SharedJudge.class.getName());

    private final Supplier<JudgeConfig> config;
    private final JudgeRegistry registry;
    private JudgeRegistry.Hold hold;
    private JudgeRegistry.Lease lease;
    private JudgeConfig builtFrom;
    private JudgeException failure;
    private boolean closed;

    /**
     * @param config   reads the configuration; it may throw IllegalArgumentException for a bad value
     * @param registry where the judge comes from: {@link JudgeRegistry#JVM} outside tests of the registry itself
     */
    SharedJudge(Supplier<JudgeConfig> config, JudgeRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /**
     * The judge of the tests of one launcher run outside the rubric engine (Jupiter tests), from this JVM's registry.
     * From now until {@link #close()}, a judge configured alike that another user (the rubric engine's run) builds
     * stays open for these tests even when that user is done with it. A configuration that cannot be read is
     * reported on the first grading, as always.
     */
    public static SharedJudge forLauncherRun(Supplier<JudgeConfig> config) {
        SharedJudge judge = new SharedJudge(config, JudgeRegistry.JVM);
        try {
            judge.hold = JudgeRegistry.JVM.hold(config.get());
        } catch (RuntimeException e) {
            // nothing to hold: the first grading reports the configuration error
        }
        return judge;
    }

    /** The judge, had on first use. @throws JudgeException the reason it cannot be had (the same every time) */
    public synchronized Judge get() {
        if (lease != null) {
            return lease.judge();
        }
        if (closed) {
            throw new JudgeException(JudgeException.Reason.CLOSED, "the rubric judge was already closed: the test run ended");
        }
        if (failure == null) {
            try {
                JudgeConfig c = config.get();
                lease = registry.acquire(c);
                builtFrom = c;
                LOG.fine(() -> "rubric judge: " + lease.judge().fingerprint());
                return lease.judge();
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

    /** The judge's fingerprint and settings, when it was had. */
    public synchronized Optional<JudgeRecord> record() {
        if (lease == null) {
            return Optional.empty();
        }
        Map<String, String> settings = builtFrom.describe();
        return Optional.of(JudgeRecord.of(lease.judge().fingerprint(), settings));
    }

    /** The configuration the judge was had with, when it was had. */
    public synchronized Optional<JudgeConfig> config() {
        return lease == null ? Optional.empty() : Optional.of(builtFrom);
    }

    /** Releases the judge: it is closed unless another user (configured alike) still holds it. */
    @Override
    public synchronized void close() {
        closed = true;
        try {
            if (lease != null) {
                lease.close();
            }
        } finally {
            lease = null;
            if (hold != null) {
                hold.close();
                hold = null;
            }
        }
    }
}
