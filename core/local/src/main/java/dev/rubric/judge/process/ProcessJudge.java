package dev.rubric.judge.process;

import dev.rubric.core.ConfigKeys;
import dev.rubric.core.Grading;
import dev.rubric.core.Judge;
import dev.rubric.core.JudgeException;
import dev.rubric.core.JudgeFingerprint;
import dev.rubric.core.Verdict;
import dev.rubric.judge.JudgeConfig;
import dev.rubric.judge.local.ModelIdentity;
import dev.rubric.prometheus.PrometheusFormat;
import dev.rubric.secret.Secret;
import org.apiguardian.api.API;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The local judge of a test JVM when {@code rubric.judge.share=machine}: the model lives in this machine's warm judge
 * process for that judge, which this JVM finds in the registry, or starts, on its first grading the verdict cache
 * cannot answer; a fully cached run never looks for it.
 *
 * <p>Finding it: under the slot's start-up lock, an entry is used only when its process is alive and answers, with its
 * secret, as this judge (same protocol, same Rubric build, same fingerprint); any other entry is stale: its process,
 * if it is still ours, is asked to stop (or ended), and a new one is started. A JVM that waits for another's start
 * finds the new one ready when it gets the lock.
 *
 * <p>When the process dies, the gradings in flight fail with the reason (the tests that asked are aborted) and the
 * next grading starts a new process, at most {@link #MAX_STARTS} times per judge. A model that fails to load is a
 * failure of every later grading too, as in the test JVM: the weights are not looked for again.
 */
@API(status = INTERNAL, since = "0.1")
public final class ProcessJudge implements Judge {

    /** Processes one judge of one JVM starts at most: a process that keeps dying is not started forever. */
    static final int MAX_STARTS = 3;
    /** How long a JVM waits for another that is starting the process (which waits at most READY_TIMEOUT). */
    static final Duration LOCK_WAIT = ProcessLauncher.READY_TIMEOUT.plusSeconds(30);

    private final JudgeConfig config;
    private final ModelIdentity identity;
    private final JudgeFingerprint fingerprint;
    private final PrintStream console;
    /** Guarded by this. */
    private ProcessConnection connection;
    private JudgeException permanentFailure;
    private int starts;
    private boolean closed;

    /**
     * @param console where this JVM says which judge process it uses, and where that process's log is
     */
    public ProcessJudge(JudgeConfig config, ModelIdentity identity, PrintStream console) {
        this.config = Objects.requireNonNull(config, "config");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.fingerprint = identity.fingerprint(config.decoding());
        this.console = Objects.requireNonNull(console, "console");
    }

    @Override
    public JudgeFingerprint fingerprint() {
        return fingerprint;
    }

    @Override
    public CompletableFuture<Verdict> grade(Grading grading) {
        Objects.requireNonNull(grading, "grading");
        String modelInput = PrometheusFormat.get().modelInput(grading);
        ProcessConnection c;
        try {
            c = connection();
        } catch (JudgeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return c.grade(modelInput, grading.mode()).whenComplete((v, e) -> {
            Optional<JudgeException> failure = e == null ? Optional.empty() : JudgeException.find(e);
            if (failure.isPresent() && failure.get().reason() == JudgeException.Reason.MODEL_FAILED_TO_LOAD) {
                synchronized (this) {
                    permanentFailure = failure.get();
                }
            }
        });
    }

    /** The pid of the judge process this JVM uses now, if any: for tests and diagnostics. */
    synchronized Optional<Long> processId() {
        return connection == null || !connection.alive() ? Optional.empty() : Optional.of(connection.entry().pid());
    }

    /** The connection to a live judge process: the one this JVM has, else one found or started now. */
    private synchronized ProcessConnection connection() {
        if (closed) {
            throw new JudgeException(JudgeException.Reason.CLOSED, "the local judge is closed: grade before closing it");
        }
        if (connection != null && connection.alive()) {
            return connection;
        }
        if (permanentFailure != null) {
            throw permanentFailure;
        }
        if (starts >= MAX_STARTS) {
            throw new JudgeException(JudgeException.Reason.SERVER_ERROR, "the judge process died " + starts
                    + " times in this test JVM; it is not started again. Its last log: " + slot().log() + ". Set "
                    + ConfigKeys.SHARE + "=jvm to load the model in the test JVM");
        }
        ProcessRegistry.Slot slot = slot();
        for (int attempt = 1; ; attempt++) {
            Found found;
            try {
                found = slot.underSpawnLock(LOCK_WAIT, () -> findOrStart(slot));
            } catch (RegistryException e) {
                throw new JudgeException(JudgeException.Reason.MISCONFIGURED, e.getMessage(), e);
            }
            ProcessConnection fresh = new ProcessConnection(found.entry(), slot, new ProcessHttp(found.entry().port(),
                    found.secret()), fingerprint);
            try {
                fresh.attach();
            } catch (IOException e) {
                if (!found.started() && attempt == 1) {
                    continue; // it went idle and exited after it answered: now a stale entry, replaced
                }
                throw new JudgeException(JudgeException.Reason.SERVER_ERROR, "the judge process (pid "
                        + found.entry().pid() + ") did not take this JVM as a client: " + e.getMessage()
                        + " (its log: " + slot.log() + ")", e);
            }
            connection = fresh;
            console.println(announcement(found, slot));
            console.flush();
            return fresh;
        }
    }

    private ProcessRegistry.Slot slot() {
        try {
            return ProcessRegistry.open(config.local().stateDir()).slot(fingerprint, config.local().device()).prepare();
        } catch (RegistryException e) {
            throw new JudgeException(JudgeException.Reason.MISCONFIGURED, e.getMessage(), e);
        }
    }

    /** A process found or started. */
    private record Found(RegistryEntry entry, Secret secret, boolean started) {
    }

    /** Under the slot's start-up lock. */
    private Found findOrStart(ProcessRegistry.Slot slot) {
        Optional<RegistryEntry> existing = slot.entry();
        if (existing.isPresent()) {
            Optional<Found> usable = usable(slot, existing.get());
            if (usable.isPresent()) {
                return usable.get();
            }
            JudgeProcessCommands.stop(slot, existing.get(), Duration.ofSeconds(10));
            slot.clear();
        }
        starts++;
        RegistryEntry started = ProcessLauncher.start(slot, config, identity, fingerprint);
        return new Found(started, slot.secret(), true);
    }

    /** The entry's process when it is alive and answers as this judge; empty when the entry is stale. */
    private Optional<Found> usable(ProcessRegistry.Slot slot, RegistryEntry entry) {
        if (!entry.host().equals(ProcessRegistry.Host.NAME) || entry.protocol() != Wire.PROTOCOL
                || !entry.build().equals(Wire.rubricBuild()) || !entry.fingerprint().equals(fingerprint)
                || !JudgeProcessCommands.alive(entry.pid())) {
            return Optional.empty();
        }
        Secret secret = slot.secret(); // a secret others can read is refused (RegistryException), not used
        try {
            Wire.Hello hello = new ProcessHttp(entry.port(), secret).hello();
            boolean same = hello.protocol() == Wire.PROTOCOL && hello.build().equals(Wire.rubricBuild())
                    && hello.pid() == entry.pid() && fingerprint.equals(hello.fingerprint())
                    && !hello.state().equals("failed");
            return same ? Optional.of(new Found(entry, secret, false)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not answering: replaced
        }
    }

    private String announcement(Found found, ProcessRegistry.Slot slot) {
        long pid = found.entry().pid();
        String stop = ProcessLauncher.isWindows() ? "taskkill /PID " + pid : "kill " + pid;
        String idle = config.local().idleTimeout().isZero() ? "it exits with the last test JVM that uses it"
                : "it stays warm " + human(config.local().idleTimeout()) + " after the last test JVM that uses it";
        return "Rubric: " + (found.started() ? "started the judge process " + pid + " for " : "judging with the warm"
                + " judge process " + pid + " (up since " + found.entry().started() + ") for ") + fingerprint.model()
                + " on " + config.local().device().name().toLowerCase(Locale.ROOT)
                + (found.started() ? "; it loads the model now (the first time, it downloads it), with its progress in"
                + " its log" : "") + ". The test JVMs of this machine share it; " + idle + ". Its log: " + slot.log()
                + " . Stop it with: " + stop + " (or judge in the test JVM: -D" + ConfigKeys.SHARE + "=jvm).";
    }

    private static String human(Duration d) {
        return d.toSeconds() % 3600 == 0 ? d.toHours() + " h" : d.toSeconds() % 60 == 0 ? d.toMinutes() + " min"
                : d.toSeconds() + " s";
    }

    /** Gives this JVM's lease back: the process stays warm for the next JVM (or exits, on its idle timeout). */
    @Override
    public void close() {
        ProcessConnection c;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            c = connection;
            connection = null;
        }
        if (c != null) {
            c.detach();
        }
    }

    @Override
    public String toString() {
        return "ProcessJudge[" + fingerprint + ", " + connection + "]";
    }
}
