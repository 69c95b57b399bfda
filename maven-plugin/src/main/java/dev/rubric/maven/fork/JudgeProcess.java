package dev.rubric.maven.fork;

import dev.rubric.results.batch.BatchFiles;
import dev.rubric.results.batch.GradedBatch;
import dev.rubric.results.batch.GradingBatch;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * A judge in a JVM of its own, started on a project's test classpath: the plugin hands it a batch of gradings and
 * reads back the outcomes, and never loads a judge (DJL, libtorch, an HTTP client, a project's Judge class) inside
 * Maven. The JVM runs {@value #MAIN_CLASS} with the system properties and environment the tests would get, in the
 * project's folder; its arguments go through an argument file ({@code java @file}), so that a long classpath fits on
 * every operating system. No Maven types: issue 12's {@code calibrate} and {@code bench} start it the same way.
 *
 * @param java             the {@code java} executable
 * @param classpath        the test classpath (test classes, classes, test dependencies: rubric-junit and the judge)
 * @param systemProperties {@code -D} properties (the judge configuration the tests would get)
 * @param environment      variables added to the process's environment
 * @param jvmArguments     further JVM arguments (memory, {@code --add-opens}...)
 * @param workingDirectory where it runs (the project's folder, as Surefire's default)
 * @param timeout          how long it may take; {@link Duration#ZERO} for no limit
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record JudgeProcess(Path java, List<String> classpath, Map<String, String> systemProperties,
                           Map<String, String> environment, List<String> jvmArguments, Path workingDirectory,
                           Duration timeout) {

    /**
     * The judge process's entry point, on the project's test classpath (rubric-core): named, not linked, since the
     * plugin runs no judge code itself.
     */
    public static final String MAIN_CLASS = "dev.rubric.judge.batch.JudgeBatchMain";

    public JudgeProcess {
        Objects.requireNonNull(java, "java");
        classpath = List.copyOf(classpath);
        systemProperties = Map.copyOf(systemProperties);
        environment = Map.copyOf(environment);
        jvmArguments = List.copyOf(jvmArguments);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        timeout = timeout == null ? Duration.ZERO : timeout;
    }

    /** A line the judge process printed: its own progress, or anything else it (or the judge) wrote. */
    public record Line(String text, boolean error) {
    }

    /**
     * Grades a batch in the judge process.
     *
     * @param workDir where the batch, the outcomes and the argument file go
     * @param output  every line the process prints, as it prints it
     * @throws JudgeProcessException when the process cannot start, fails, or runs out of time, with what it said
     */
    public GradedBatch grade(GradingBatch batch, Path workDir, Consumer<Line> output) {
        Path gradings = workDir.resolve("gradings.json");
        Path outcomes = workDir.resolve("outcomes.json");
        Path argFile = workDir.resolve("judge-process.args");
        List<String> tail = new ArrayList<>();
        try {
            Files.createDirectories(workDir);
            Files.deleteIfExists(outcomes);
            BatchFiles.write(gradings, batch);
            Files.writeString(argFile, argumentFile(gradings, outcomes), StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new JudgeProcessException("cannot prepare the judge process in " + workDir + ": " + e.getMessage()
                    + " (check that the folder is writable)", e);
        }
        Process process;
        try {
            ProcessBuilder pb = new ProcessBuilder(java.toString(), "@" + argFile).directory(workingDirectory.toFile());
            pb.environment().putAll(environment);
            process = pb.start();
        } catch (IOException e) {
            throw new JudgeProcessException("cannot start the judge process with " + java + ": " + e.getMessage()
                    + " (set <jvm> to a java executable)", e);
        }
        Thread out = pump(process.getInputStream(), false, output, tail);
        Thread err = pump(process.getErrorStream(), true, output, tail);
        try {
            boolean finished = timeout.isZero() ? process.waitFor(Long.MAX_VALUE, TimeUnit.DAYS)
                    : process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new JudgeProcessException("the judge process did not finish within " + timeout.toSeconds()
                        + " s and was stopped: raise the goal's timeout (-Drubric.rejudge.timeout,"
                        + " -Drubric.calibrate.timeout; 0 for none), or make the judge faster" + said(tail));
            }
            out.join(10_000);
            err.join(10_000);
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new JudgeProcessException("interrupted while the judge process ran; it was stopped", e);
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(outcomes)) {
            throw new JudgeProcessException("the judge process failed (exit status " + process.exitValue() + ")"
                    + said(tail) + "; is rubric-junit " + "a test dependency of the project, of the same version"
                    + " as this plugin?");
        }
        return BatchFiles.readOutcomes(outcomes);
    }

    /** JVM arguments given as one line ({@code <rejudgeArgLine>}), split as a shell would, honouring double quotes. */
    public static List<String> arguments(String line) {
        List<String> args = new ArrayList<>();
        if (line == null) {
            return args;
        }
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    args.add(current.toString());
                    current.setLength(0);
                    any = false;
                }
            } else {
                current.append(c);
                any = true;
            }
        }
        if (any) {
            args.add(current.toString());
        }
        return args;
    }

    /** The argument file: one argument per line, quoted as {@code java @file} reads it. */
    String argumentFile(Path gradings, Path outcomes) {
        List<String> args = new ArrayList<>(jvmArguments);
        systemProperties.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> args.add("-D" + e.getKey() + "=" + e.getValue()));
        args.add("-cp");
        args.add(String.join(File.pathSeparator, classpath));
        args.add(MAIN_CLASS);
        args.add(gradings.toString());
        args.add(outcomes.toString());
        StringBuilder b = new StringBuilder();
        for (String a : args) {
            b.append('"').append(a.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
        }
        return b.toString();
    }

    private static Thread pump(InputStream in, boolean error, Consumer<Line> output, List<String> tail) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (tail) {
                        tail.add(line);
                        if (tail.size() > 20) {
                            tail.remove(0);
                        }
                    }
                    output.accept(new Line(line, error));
                }
            } catch (IOException e) {
                // the process ended; what it said so far was passed on
            }
        }, "rubric-judge-process-" + (error ? "err" : "out"));
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String said(List<String> tail) {
        synchronized (tail) {
            return tail.isEmpty() ? "" : "; it said last:\n  " + String.join("\n  ", tail);
        }
    }
}
