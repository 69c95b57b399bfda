package dev.rubric.judge.process;

import dev.rubric.core.ConfigKeys;
import dev.rubric.core.JudgeException;
import dev.rubric.core.JudgeFingerprint;
import dev.rubric.hub.ModelSource;
import dev.rubric.judge.JudgeConfig;
import dev.rubric.judge.local.ModelIdentity;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Starts a judge process with the classes this JVM has ({@link RealClassPath}, the same {@code java}), and waits until
 * it listens. The process gets its judge's settings as {@code rubric.judge.*} system properties (so it reads them as
 * any JVM does; the environment's {@code RUBRIC_*} variables are removed so that they cannot change them), this JVM's
 * DJL settings ({@code ai.djl.*}), the weights by their identity (a folder's absolute path, or the Hub commit), and
 * the fingerprint it must end up with. Its working folder is its registry slot, its output the slot's log, and it has
 * no input: it belongs to no terminal and outlives this JVM.
 */
final class ProcessLauncher {

    /** From start to listening: a JVM's start and the weights' identity (remembered); the model loads afterwards. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(50);

    private ProcessLauncher() {
    }

    /**
     * Starts the judge process of {@code slot} and returns its entry once it listens.
     *
     * @throws JudgeException MODEL_FAILED_TO_LOAD when it exits first or does not listen in time, with the end of its
     *                        log and the log's path
     */
    static RegistryEntry start(ProcessRegistry.Slot slot, JudgeConfig config, ModelIdentity identity,
                               JudgeFingerprint fingerprint) {
        slot.rotateLog();
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command(slot, config, identity, fingerprint))
                    .directory(slot.dir().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File(isWindows() ? "NUL" : "/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(slot.log().toFile()));
            builder.environment().keySet().removeIf(name -> name.startsWith("RUBRIC_"));
            process = builder.start();
        } catch (IOException e) {
            throw new JudgeException(JudgeException.Reason.MODEL_FAILED_TO_LOAD, "cannot start the judge process ("
                    + e.getMessage() + "); set " + ConfigKeys.SHARE + "=jvm to load the model in the test JVM", e);
        }
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            Optional<RegistryEntry> entry = slot.entry().filter(e -> e.pid() == process.pid());
            if (entry.isPresent()) {
                return entry.get();
            }
            if (!process.isAlive()) {
                throw new JudgeException(JudgeException.Reason.MODEL_FAILED_TO_LOAD, "the judge process (pid "
                        + process.pid() + ") exited with status " + process.exitValue() + " before it listened: "
                        + tail(slot.log()) + " (its log: " + slot.log() + ")");
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new JudgeException(JudgeException.Reason.MODEL_FAILED_TO_LOAD, "the judge process (pid "
                        + process.pid() + ") did not listen within " + READY_TIMEOUT.toSeconds() + " s and was"
                        + " stopped: " + tail(slot.log()) + " (its log: " + slot.log() + ")");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new JudgeException(JudgeException.Reason.CLOSED, "interrupted while the judge process started");
            }
        }
    }

    static List<String> command(ProcessRegistry.Slot slot, JudgeConfig config, ModelIdentity identity,
                                JudgeFingerprint fingerprint) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.add("-XX:+ExitOnOutOfMemoryError"); // a broken process ends; its clients start another
        // the class path in an argument file: no limit on its length, and a readable ps
        Path argFile = slot.dir().resolve("java.args");
        String classPath = RealClassPath.of(System.getProperty("java.class.path")).stream().map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator));
        Files.writeString(argFile, "-cp \"" + classPath.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n",
                StandardCharsets.UTF_8);
        command.add("@" + argFile);
        for (Map.Entry<String, String> p : properties(config).entrySet()) {
            command.add("-D" + p.getKey() + "=" + p.getValue());
        }
        command.addAll(djlProperties());
        command.add(JudgeProcess.class.getName());
        command.add("serve");
        command.addAll(List.of("--slot", slot.dir().toString(), "--state", config.local().stateDir().toString()));
        if (identity.source() instanceof ModelSource.HubCommit hub) {
            command.addAll(List.of("--hub", hub.repoId(), "--commit", hub.commit()));
        } else {
            command.addAll(List.of("--folder", ((ModelSource.Folder) identity.source()).directory().toString()));
        }
        command.addAll(List.of("--fingerprint", fingerprint.id()));
        return command;
    }

    /** This JVM's {@code java}. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java").toString();
    }

    /** This JVM's DJL settings ({@code ai.djl.*}: libtorch's threads and the like), as {@code -D} options. */
    static List<String> djlProperties() {
        return System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("ai.djl."))
                .sorted().map(name -> "-D" + name + "=" + System.getProperty(name)).toList();
    }

    /** The judge's settings, as the process reads them: everything that shapes its verdicts and its life. */
    static Map<String, String> properties(JudgeConfig config) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(ConfigKeys.JUDGE, "local");
        p.put(ConfigKeys.MODEL, config.model());
        p.put(ConfigKeys.DEVICE, config.local().device().name().toLowerCase(Locale.ROOT));
        if (config.local().batchSize() != null) {
            p.put(ConfigKeys.BATCH_SIZE, String.valueOf(config.local().batchSize()));
        }
        p.put(ConfigKeys.MAX_TOKENS, String.valueOf(config.decoding().maxTokens()));
        p.put(ConfigKeys.TEMPERATURE, String.valueOf(config.decoding().temperature()));
        p.put(ConfigKeys.TOP_P, String.valueOf(config.decoding().topP()));
        p.put(ConfigKeys.REPETITION_PENALTY, String.valueOf(config.decoding().repetitionPenalty()));
        p.put(ConfigKeys.SEED, String.valueOf(config.decoding().seed()));
        p.put(ConfigKeys.SAMPLES, String.valueOf(config.decoding().samples()));
        p.put(ConfigKeys.SHARE, "jvm"); // the model lives in the process itself
        p.put(ConfigKeys.IDLE_TIMEOUT, config.local().idleTimeout().toString());
        p.put(ConfigKeys.CACHE, "off"); // the clients ask the verdict cache before the process is asked
        return p;
    }

    /** The last lines of a log, for a message. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return lines.isEmpty() ? "(its log is empty)"
                    : String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(its log cannot be read: " + e.getMessage() + ")";
        }
    }

    static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}
