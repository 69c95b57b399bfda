package dev.rubric.judge.process;

import dev.rubric.core.GradingMode;
import dev.rubric.core.JudgeException;
import dev.rubric.core.JudgeFingerprint;
import dev.rubric.core.Verdict;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client JVM's attachment to a judge process: its lease, renewed every {@link #RENEW_EVERY}, and its gradings in
 * flight. A grading has no time limit of its own (on a CPU a batch of a 7B judge takes minutes); instead the renewals
 * watch the process: when its pid is gone, or it has not answered {@link #MAX_MISSED_RENEWALS} renewals in a row, the
 * connection is dead and every grading in flight fails at once with the reason and the process's log, so a test never
 * hangs on a judge that is gone.
 */
final class ProcessConnection {

    static final Duration RENEW_EVERY = Duration.ofSeconds(2);
    static final int MAX_MISSED_RENEWALS = 3;
    /** How long a broken connection waits for the process's pid to go before calling it a broken connection only. */
    static final Duration DYING = Duration.ofSeconds(2);
    private static final ScheduledExecutorService RENEWALS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rubric-judge-process-lease");
        t.setDaemon(true);
        return t;
    });

    private final RegistryEntry entry;
    private final ProcessRegistry.Slot slot;
    private final ProcessHttp http;
    private final JudgeFingerprint fingerprint;
    private final Set<CompletableFuture<Verdict>> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicInteger missed = new AtomicInteger();
    private volatile String lease;
    private volatile JudgeException dead;
    private ScheduledFuture<?> renewals;

    ProcessConnection(RegistryEntry entry, ProcessRegistry.Slot slot, ProcessHttp http, JudgeFingerprint fingerprint) {
        this.entry = entry;
        this.slot = slot;
        this.http = http;
        this.fingerprint = fingerprint;
    }

    /** Takes a lease and starts renewing it. @throws IOException when the process does not give one */
    ProcessConnection attach() throws IOException {
        lease = takeLease();
        renewals = RENEWALS.scheduleWithFixedDelay(this::renew, RENEW_EVERY.toMillis(), RENEW_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    RegistryEntry entry() {
        return entry;
    }

    boolean alive() {
        return dead == null;
    }

    /** Sends an exact model input; the verdict, or the process's failure, or the reason the process is gone. */
    CompletableFuture<Verdict> grade(String modelInput, GradingMode mode) {
        JudgeException gone = dead;
        if (gone != null) {
            return CompletableFuture.failedFuture(gone);
        }
        long start = System.nanoTime();
        CompletableFuture<Verdict> result = new CompletableFuture<>();
        inFlight.add(result);
        http.postAsync("grade", new Wire.GradeRequest(lease, modelInput, mode), null)
                .whenComplete((response, error) -> {
                    try {
                        result.complete(verdictOf(response, error, start));
                    } catch (JudgeException e) {
                        result.completeExceptionally(e);
                    } catch (RuntimeException e) {
                        result.completeExceptionally(new JudgeException(JudgeException.Reason.SERVER_ERROR,
                                "the judge process's answer cannot be read: " + e + " (its log: " + slot.log() + ")",
                                e));
                    } finally {
                        inFlight.remove(result);
                    }
                });
        return result;
    }

    private Verdict verdictOf(HttpResponse<byte[]> response, Throwable error, long start) {
        if (error != null) {
            JudgeException gone = checkAlive();
            throw gone != null ? gone : new JudgeException(JudgeException.Reason.SERVER_ERROR, "lost the connection"
                    + " to the judge process (pid " + entry.pid() + ") while it judged this grading: " + error
                    + " (its log: " + slot.log() + ")", error);
        }
        if (response.statusCode() != 200) {
            throw new JudgeException(JudgeException.Reason.SERVER_ERROR, "the judge process (pid " + entry.pid()
                    + ") answered a grading with HTTP " + response.statusCode() + " (its log: " + slot.log() + ")");
        }
        Verdict verdict;
        try {
            verdict = Wire.JSON.readValue(response.body(), Wire.GradeResponse.class).toVerdict();
        } catch (IOException e) {
            throw new JudgeException(JudgeException.Reason.SERVER_ERROR, "the judge process's answer cannot be read: "
                    + e.getMessage() + " (its log: " + slot.log() + ")", e);
        }
        if (!verdict.fingerprint().equals(fingerprint)) {
            throw new JudgeException(JudgeException.Reason.SERVER_ERROR, "the judge process answered with a verdict"
                    + " of " + verdict.fingerprint() + ", not of " + fingerprint + " (its log: " + slot.log() + ")");
        }
        return Wire.withLatency(verdict, Duration.ofNanos(System.nanoTime() - start));
    }

    private String takeLease() throws IOException {
        String client = ProcessHandle.current().pid() + "@" + ProcessRegistry.Host.NAME;
        ProcessHttp.Answer<Wire.Lease> answer = http.post("attach", new Wire.Attach(client), Wire.Lease.class,
                ProcessHttp.SHORT);
        if (answer.status() != 200 || answer.body() == null || answer.body().lease() == null) {
            throw new IOException("the judge process refused to attach this JVM (HTTP " + answer.status() + ")");
        }
        return answer.body().lease();
    }

    /**
     * On the renewal thread: renews the lease, and watches the process while it does. Synchronized with
     * {@link #detach()}: a renewal that finds its lease gone must not take a new one for a JVM that just detached.
     */
    private synchronized void renew() {
        if (dead != null) {
            return;
        }
        try {
            ProcessHttp.Answer<Void> answer = http.post("renew", new Wire.Lease(lease), Void.class, ProcessHttp.SHORT);
            if (answer.status() == 404) {
                lease = takeLease(); // the process dropped it (this JVM was paused): take a new one
            }
            missed.set(0);
        } catch (IOException | RuntimeException e) {
            JudgeException gone = checkAlive();
            if (gone == null && missed.incrementAndGet() >= MAX_MISSED_RENEWALS) {
                die(new JudgeException(JudgeException.Reason.SERVER_ERROR, "the judge process (pid " + entry.pid()
                        + ") has not answered for " + MAX_MISSED_RENEWALS * (RENEW_EVERY.toSeconds()
                        + ProcessHttp.SHORT.toSeconds() + DYING.toSeconds()) + " s (" + e.getMessage()
                        + "); it is given up: "
                        + ProcessLauncher.tail(slot.log()) + " (its log: " + slot.log() + "). Later gradings start a"
                        + " new judge process"));
            }
        }
    }

    /**
     * The reason the process is gone when its pid is; null while it lives. Marks the connection dead. A connection
     * that just broke gets a moment for the pid to go: a dying process closes its sockets before it is gone.
     */
    private JudgeException checkAlive() {
        if (dead != null) {
            return dead;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(entry.pid());
        if (process.isPresent() && !process.get().equals(ProcessHandle.current())) {
            try {
                process.get().onExit().get(DYING.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillAlive) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (ExecutionException e) {
                // gone or unknowable: decided below
            }
        }
        if (JudgeProcessCommands.alive(entry.pid())) {
            return null;
        }
        die(new JudgeException(JudgeException.Reason.SERVER_ERROR, "the judge process (pid " + entry.pid()
                + ") died while this test JVM used it: " + ProcessLauncher.tail(slot.log()) + " (its log: "
                + slot.log() + "). Later gradings start a new judge process"));
        return dead;
    }

    private synchronized void die(JudgeException reason) {
        if (dead != null) {
            return;
        }
        dead = reason;
        if (renewals != null) {
            renewals.cancel(false);
        }
        for (CompletableFuture<Verdict> f : inFlight) {
            f.completeExceptionally(reason);
        }
    }

    /** Gives the lease back (the process may then go idle) and fails what is still in flight with CLOSED. */
    synchronized void detach() {
        if (renewals != null) {
            renewals.cancel(false);
        }
        JudgeException closed = new JudgeException(JudgeException.Reason.CLOSED, "the judge was closed before this"
                + " grading was judged: grade before closing the judge");
        for (CompletableFuture<Verdict> f : inFlight) {
            f.completeExceptionally(closed);
        }
        if (dead == null) {
            try {
                http.post("detach", new Wire.Lease(lease), Void.class, Duration.ofSeconds(2));
            } catch (IOException | RuntimeException e) {
                // the lease expires by itself
            }
        }
        dead = closed;
    }

    @Override
    public String toString() {
        return "judge process " + entry.pid() + " at " + http + " (" + Map.of("alive", alive()) + ")";
    }
}
