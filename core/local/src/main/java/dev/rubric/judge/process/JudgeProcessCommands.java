package dev.rubric.judge.process;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code list} and {@code stop} commands, and the one way a judge process is stopped (by these commands, and by a
 * test JVM replacing a stale one): ask it, over its protocol and with its secret; when it does not go, end it, but only
 * if the process behind the pid is really that slot's judge process (a pid can be reused by another program).
 */
final class JudgeProcessCommands {

    private JudgeProcessCommands() {
    }

    /** @return the exit status: 0, or 1 when a process could not be stopped */
    static int run(String command, Path stateDir, PrintStream out) {
        if (!Files.isDirectory(stateDir.resolve(ProcessRegistry.FOLDER))) {
            out.println("no judge processes (no registry at " + stateDir.resolve(ProcessRegistry.FOLDER) + ")");
            return 0;
        }
        ProcessRegistry registry = ProcessRegistry.open(stateDir);
        List<ProcessRegistry.Slot> slots = registry.slots();
        if (slots.isEmpty()) {
            out.println("no judge processes in " + registry.root());
            return 0;
        }
        int status = 0;
        for (ProcessRegistry.Slot slot : slots) {
            Optional<RegistryEntry> entry = slot.entry();
            if (entry.isEmpty()) {
                continue;
            }
            RegistryEntry e = entry.get();
            if (command.equals("list")) {
                out.println(describe(slot, e));
            } else if (stop(slot, e, Duration.ofSeconds(15))) {
                out.println("stopped judge process " + e.pid() + " (" + e.fingerprint() + ")");
            } else {
                out.println("could not stop judge process " + e.pid() + "; its log: " + slot.log());
                status = 1;
            }
        }
        return status;
    }

    private static String describe(ProcessRegistry.Slot slot, RegistryEntry e) {
        if (!alive(e.pid())) {
            return "judge process " + e.pid() + ": gone (a stale entry; the next test JVM replaces it) " + slot.dir();
        }
        try {
            Wire.Hello hello = new ProcessHttp(e.port(), slot.secret()).hello();
            return "judge process " + e.pid() + ": " + hello.state() + ", " + hello.clients() + " client JVM(s), up since "
                    + e.started() + ", " + hello.gradings() + " gradings decoded in " + hello.batches() + " batches, "
                    + hello.fingerprint() + " on " + e.device() + "; log: " + slot.log();
        } catch (Exception ex) {
            return "judge process " + e.pid() + ": not answering (" + ex.getMessage() + "); log: " + slot.log();
        }
    }

    /**
     * Stops the process {@code entry} names and clears the slot: asks it to stop, waits up to {@code wait}, then ends
     * it (TERM, then KILL) if it is this slot's judge process.
     *
     * @return whether no process of this slot's entry runs any more
     */
    static boolean stop(ProcessRegistry.Slot slot, RegistryEntry entry, Duration wait) {
        Optional<ProcessHandle> process = ProcessHandle.of(entry.pid()).filter(ProcessHandle::isAlive);
        if (process.isPresent()) {
            try {
                new ProcessHttp(entry.port(), slot.secret()).post("stop", java.util.Map.of(), Void.class,
                        ProcessHttp.SHORT);
            } catch (Exception notAnswering) {
                // ended below, if it is ours
            }
            if (!exited(process.get(), wait) && isJudgeProcess(process.get(), slot)) {
                process.get().destroy();
                if (!exited(process.get(), Duration.ofSeconds(5))) {
                    process.get().destroyForcibly();
                    exited(process.get(), Duration.ofSeconds(5));
                }
            }
        }
        boolean gone = !alive(entry.pid()) || !process.map(p -> isJudgeProcess(p, slot)).orElse(false);
        if (slot.entry().map(e -> e.pid() == entry.pid()).orElse(false)) {
            slot.clear();
        }
        return gone;
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Whether {@code process} is the judge process serving {@code slot} (by its command line). */
    static boolean isJudgeProcess(ProcessHandle process, ProcessRegistry.Slot slot) {
        ProcessHandle.Info info = process.info();
        String commandLine = info.commandLine().orElseGet(() -> info.arguments().map(a -> String.join(" ", a))
                .orElse(""));
        return commandLine.contains(JudgeProcess.class.getName()) && commandLine.contains(slot.dir().toString());
    }

    private static boolean exited(ProcessHandle process, Duration wait) {
        if (process.equals(ProcessHandle.current())) {
            return false; // an entry naming this very JVM: never a judge process, never waited for
        }
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        }
    }
}
