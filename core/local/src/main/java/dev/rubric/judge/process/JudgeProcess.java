package dev.rubric.judge.process;

import dev.rubric.core.JudgeFingerprint;
import dev.rubric.hub.ModelSource;
import dev.rubric.judge.JudgeConfig;
import dev.rubric.judge.LocalModelSettings;
import dev.rubric.judge.local.LazyLocalJudge;
import dev.rubric.judge.local.LocalJudge;
import dev.rubric.judge.local.ModelIdentity;
import dev.rubric.secret.Secret;
import org.apiguardian.api.API;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The warm judge process: one per judge (model identity, decoding, device) and user on a machine, started by the first
 * test JVM that needs it, shared by every test JVM after it, gone after its idle time. Also the commands that list and
 * stop this user's judge processes.
 *
 * <pre>
 * java -cp &lt;rubric-local and its dependencies&gt; dev.rubric.judge.process.JudgeProcess list
 * java -cp ... dev.rubric.judge.process.JudgeProcess stop
 * </pre>
 *
 * ({@code serve} is how a test JVM starts one; see {@link ProcessLauncher}.) The process ignores the terminal's
 * interrupt and hang-up (a Ctrl-C on the build that started it must not take it away from the next build); it stops
 * on its idle timeout, on the stop command, on {@code kill <pid>} (SIGTERM), and when its registry entry is taken over
 * by another process or deleted.
 */
@API(status = INTERNAL, since = "0.1")
public final class JudgeProcess {

    /** With no client yet (the one that started it is attaching), the process waits at least this long. */
    static final Duration STARTUP_GRACE = Duration.ofSeconds(60);
    /** Even with {@code idle-timeout=0}, a moment for the next client of a build (the next fork) to come. */
    static final Duration MIN_IDLE = Duration.ofSeconds(2);
    /**
     * After its model failed to load, the process answers every grading with the reason for this long (clients that
     * attached may not have sent theirs yet), then exits.
     */
    static final Duration FAILED_GRACE = Duration.ofSeconds(10);
    private static final Duration TICK = Duration.ofMillis(250);

    private JudgeProcess() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: JudgeProcess list | stop [--state <folder>] (the folder holding judges/;"
                    + " default $XDG_CACHE_HOME/rubric, else ~/.cache/rubric)");
            System.exit(2);
        }
        Map<String, String> options = options(List.of(args).subList(1, args.length));
        switch (args[0]) {
            case "serve" -> System.exit(serve(options));
            case "list", "stop" -> {
                int status = JudgeProcessCommands.run(args[0], options.containsKey("state")
                        ? Path.of(options.get("state")) : LocalModelSettings.defaultStateDir(System.getenv()),
                        System.out);
                if (status != 0) {
                    System.exit(status); // else return: under mvn exec:java an exit would end Maven itself
                }
            }
            default -> {
                System.err.println("unknown command " + args[0] + ": use list or stop");
                System.exit(2);
            }
        }
    }

    /**
     * Serves the judge that the {@code rubric.judge.*} system properties (set by {@link ProcessLauncher}) describe, on
     * the weights {@code --folder} or {@code --hub}/{@code --commit} name, from the registry slot {@code --slot}.
     *
     * @return the exit status: 0 after a normal stop, 1 when the model failed to load, 3 when this process is not the
     *         judge it was started for
     */
    static int serve(Map<String, String> options) {
        ignoreTerminalSignals();
        long pid = ProcessHandle.current().pid();
        ProcessRegistry.Slot slot = new ProcessRegistry.Slot(Path.of(options.get("slot")));
        Path state = Path.of(options.get("state"));
        JudgeConfig config;
        ModelIdentity identity;
        try {
            config = JudgeConfig.fromSystem();
            ModelSource source = options.containsKey("folder") ? new ModelSource.Folder(Path.of(options.get("folder")))
                    : new ModelSource.HubCommit(options.get("hub"), options.get("commit"));
            identity = ModelIdentity.of(source, state);
        } catch (RuntimeException e) { // a setting or the weights' files: the client shows this line from the log
            log("cannot serve the judge it was started for: " + e.getMessage());
            return 3;
        }
        JudgeFingerprint fingerprint = identity.fingerprint(config.decoding());
        if (!fingerprint.id().equals(options.get("fingerprint"))) {
            log("the weights are no longer the ones this process was started for: " + fingerprint + " (id "
                    + fingerprint.id() + ", expected " + options.get("fingerprint") + "); exiting");
            return 3;
        }
        log("Rubric judge process " + pid + " (" + Wire.rubricBuild() + ") for " + fingerprint + ", device "
                + config.local().device().name().toLowerCase(Locale.ROOT) + ", idle timeout "
                + config.local().idleTimeout() + "; loading the model now");

        LazyLocalJudge judge = new LazyLocalJudge(fingerprint, () -> LocalJudge.open(config, identity));
        judge.model().whenComplete((loaded, failed) -> log(failed == null ? "model ready: " + loaded
                : "the model failed to load: " + failed.getMessage()));
        Secret secret = ProcessRegistry.newSecret();
        CountDownLatch stop = new CountDownLatch(1);
        JudgeServer server;
        try {
            server = JudgeServer.start(judge, secret, slot.log().toString(), JudgeProcess::log, stop::countDown);
        } catch (java.io.IOException e) {
            log("cannot listen on 127.0.0.1: " + e);
            judge.close();
            return 1;
        }
        AtomicBoolean shutDown = new AtomicBoolean();
        Runnable shutdown = () -> {
            if (shutDown.compareAndSet(false, true)) {
                slot.withdraw(pid);
                server.close();
                judge.close();
                log("stopped");
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "rubric-judge-process-shutdown")); // kill <pid>
        slot.publish(new RegistryEntry(Wire.PROTOCOL, Wire.rubricBuild(), pid, server.port(),
                ProcessRegistry.Host.NAME, fingerprint, config.local().device().name().toLowerCase(Locale.ROOT),
                Instant.now()), secret);
        log("listening on 127.0.0.1:" + server.port());

        int status = watch(slot, pid, server, config.local().idleTimeout(), stop);
        shutdown.run();
        return status;
    }

    /** Returns when the process should end, with its exit status. */
    private static int watch(ProcessRegistry.Slot slot, long pid, JudgeServer server, Duration idleTimeout,
                             CountDownLatch stop) {
        Duration idleLimit = idleTimeout.compareTo(MIN_IDLE) < 0 ? MIN_IDLE : idleTimeout;
        long failedAt = 0;
        while (true) {
            try {
                if (stop.await(TICK.toMillis(), TimeUnit.MILLISECONDS)) {
                    return 0;
                }
            } catch (InterruptedException e) {
                return 0;
            }
            if (server.failure().isPresent()) {
                slot.withdraw(pid); // new clients start a new process (the weights may be fixed by then)
                failedAt = failedAt == 0 ? System.nanoTime() : failedAt;
                if (System.nanoTime() - failedAt >= FAILED_GRACE.toNanos()
                        && server.sinceLastGrading().compareTo(FAILED_GRACE) >= 0) {
                    return 1; // the gradings of the clients that were attached have had the reason
                }
                continue;
            }
            var entry = slot.entry();
            if (entry.isEmpty() || entry.get().pid() != pid) {
                log(entry.isEmpty() ? "its registry entry was deleted; exiting"
                        : "its registry entry now names process " + entry.get().pid() + "; exiting");
                return 0;
            }
            Duration idle = server.idleFor();
            Duration limit = server.everAttached() ? idleLimit
                    : (idleLimit.compareTo(STARTUP_GRACE) < 0 ? STARTUP_GRACE : idleLimit);
            if (idle.compareTo(limit) >= 0) {
                log("idle for " + idle.toSeconds() + " s with no client (idle timeout " + idleTimeout + "); exiting");
                return 0;
            }
        }
    }

    /**
     * Ignores SIGINT and SIGHUP: they come from the terminal of the build that started this process (a Ctrl-C on
     * {@code mvn test}), not from anyone who meant this process. SIGTERM still stops it.
     */
    private static void ignoreTerminalSignals() {
        for (String name : List.of("INT", "HUP")) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sun.misc.SignalHandler.SIG_IGN);
            } catch (IllegalArgumentException | UnsupportedOperationException notOnThisSystem) {
                // Windows has no HUP
            }
        }
    }

    static void log(String message) {
        System.out.println(Instant.now() + " " + message);
        System.out.flush();
    }

    private static Map<String, String> options(List<String> args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("expected an option (--name value), got " + a);
            }
            options.put(a.substring(2), i + 1 < args.size() ? args.get(++i) : "");
        }
        return options;
    }
}
