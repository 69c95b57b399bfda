package dev.rubric.judge.process;

import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.Grading;
import dev.rubric.core.PairwiseGrading;
import dev.rubric.core.Rubrics;
import dev.rubric.judge.JudgeConfig;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Judge processes for tests: each test gets its own state folder under {@code target/judge-processes/} (so that
 * {@code .ci/run} can tell this checkout's processes from any other), and {@link #stopAll()} leaves no process
 * behind: the stop command first, then any process whose command line names one of the folders is ended.
 */
final class JudgeProcessFixture implements AutoCloseable {

    static final Path ROOT = Path.of("target", "judge-processes").toAbsolutePath();

    static final List<Grading> GRADINGS = List.of(
            AbsoluteGrading.of("How do I get a refund?", "Open Orders and press Refund.",
                    Rubrics.HELPFULNESS),
            new PairwiseGrading("Which is better?", "Open Orders.", "No idea.", Rubrics.HELPFULNESS, null),
            AbsoluteGrading.of("Is it safe?", "Yes, it is.", Rubrics.HARMLESSNESS),
            AbsoluteGrading.of("Why?", "Because.", Rubrics.REASONING));

    private final List<Path> states = new ArrayList<>();
    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    final PrintStream consoleStream = new PrintStream(console, true);

    /** A new, empty XDG_CACHE_HOME: the state folder is {@code <it>/rubric}. */
    Path newCacheHome() throws IOException {
        Path home = Files.createDirectories(ROOT.resolve(UUID.randomUUID().toString().substring(0, 8)));
        states.add(home.resolve("rubric"));
        return home;
    }

    /** The local judge on {@code model}, shared by the machine, with its state under {@code cacheHome}. */
    static JudgeConfig config(Path model, Path cacheHome, String... extra) {
        Map<String, String> p = new HashMap<>(Map.of(
                "rubric.judge", "local",
                "rubric.judge.model", model.toString(),
                "rubric.judge.share", "machine",
                "rubric.judge.max-tokens", "8",
                "rubric.judge.device", "cpu",
                "rubric.judge.batch-size", "1",
                "rubric.cache", "off",
                "rubric.cache.dir", cacheHome.resolve("verdicts").toString()));
        for (int i = 0; i < extra.length; i += 2) {
            p.put(extra[i], extra[i + 1]);
        }
        Map<String, String> env = new HashMap<>(Map.of("XDG_CACHE_HOME", cacheHome.toString()));
        if (p.containsKey("CI")) {
            env.put("CI", p.remove("CI"));
        }
        return JudgeConfig.from(k -> Optional.ofNullable(p.get(k)), env);
    }

    /**
     * A command that runs {@code main} in a JVM of its own with this JVM's classes and DJL settings, as a Surefire fork
     * or an IDE run would.
     */
    static List<String> javaCommand(Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessLauncher.java(), "-cp",
                RealClassPath.of(System.getProperty("java.class.path")).stream().map(Path::toString)
                        .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator))));
        command.addAll(ProcessLauncher.djlProperties());
        command.add(main.getName());
        command.addAll(List.of(args));
        return command;
    }

    /** The process serving {@code state}'s judges now (the test's only one), if any. */
    static Optional<ProcessHandle> judgeProcess(Path cacheHome) {
        String marker = cacheHome.resolve("rubric").toString();
        return ProcessHandle.allProcesses().filter(p -> commandLine(p).contains(JudgeProcess.class.getName())
                && commandLine(p).contains(marker)).findFirst();
    }

    static String commandLine(ProcessHandle p) {
        return p.info().commandLine().orElse("");
    }

    /** The slot folder of the (only) judge of {@code cacheHome}. */
    static Path slotDir(Path cacheHome) throws IOException {
        try (var dirs = Files.list(cacheHome.resolve("rubric/judges"))) {
            return dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    static String log(Path cacheHome) throws IOException {
        return Files.readString(slotDir(cacheHome).resolve(ProcessRegistry.LOG));
    }

    /** Waits (bounded) for {@code process} to end. */
    static boolean awaitExit(ProcessHandle process, Duration limit) {
        try {
            process.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return !process.isAlive();
        }
    }

    /** Stops every judge process of this fixture's folders; none is left, whatever state the test left it in. */
    void stopAll() {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        for (Path state : states) {
            try {
                JudgeProcessCommands.run("stop", state, quiet);
            } catch (RuntimeException e) {
                // ended below
            }
            String marker = state.toString();
            ProcessHandle.allProcesses().filter(p -> commandLine(p).contains(JudgeProcess.class.getName())
                    && commandLine(p).contains(marker)).forEach(p -> {
                        p.destroyForcibly();
                        awaitExit(p, Duration.ofSeconds(10));
                    });
        }
    }

    /** Stops the judge processes of one state folder (the benchmark's). */
    void stopAllIn(Path state) {
        states.add(state);
        stopAll();
    }

    @Override
    public void close() {
        stopAll();
    }
}
