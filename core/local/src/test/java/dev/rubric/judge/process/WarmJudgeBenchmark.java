package dev.rubric.judge.process;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rubric.lm.fixtures.TinyCheckpoints;
import dev.rubric.lm.fixtures.TinyCheckpoints.Spec;
import dev.rubric.lm.fixtures.TinyCheckpoints.Storage;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What the warm judge and the lazy model save, measured with separate JVMs as test runs are (a Surefire fork, an IDE
 * run, the next {@code mvn test}): each round starts a fresh JVM ({@link WarmJudgeBenchmarkRun}) and times it from
 * the outside (process start to exit) and from the inside (judge built, first grading, last verdict).
 *
 * <ol>
 *   <li><b>A second JVM's first grading</b>, on the mid-size random checkpoint: the model loaded afresh in the test JVM
 *   ({@code rubric.judge.share=jvm}: what every JVM did before the warm judge), against a JVM that finds the warm
 *   judge process already loaded ({@code share=machine}). Cache off: the grading is judged.</li>
 *   <li><b>A fully cached rerun</b> of {@code gradings} gradings, all in the verdict cache: with the judge disabled
 *   (a judge that answers at once: what the run costs without any judge work), with the lazy model (now), and with
 *   the model loaded when the judge is built (as before this change: the model loaded and then never asked).</li>
 * </ol>
 *
 * <p>Arguments (space-separated {@code key=value}): {@code reps=N} (rounds per row, medians reported; default 5),
 * {@code model=mid|tiny} (default mid), {@code gradings=N} (default 32), {@code max-tokens=N} (default 8). Run: see
 * docs/PERFORMANCE.md.
 */
public final class WarmJudgeBenchmark {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("reps", "5", "model", "mid", "gradings", "32",
                "max-tokens", "8"));
        for (String a : String.join(" ", args).trim().split("\\s+")) {
            if (a.contains("=")) {
                options.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            }
        }
        int reps = Integer.parseInt(options.get("reps"));
        Spec spec = options.get("model").equals("tiny") ? Spec.tinyMistral() : Spec.midMistral();
        Path model = TinyCheckpoints.shared(spec, Storage.F32_SINGLE);
        Path home = Files.createDirectories(JudgeProcessFixture.ROOT.resolve("benchmark-"
                + UUID.randomUUID().toString().substring(0, 8)));
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "model %s (%.2f GB of float32 weights), %d rounds per row, %s gradings, max-tokens %s;"
                        + " %d cores, load average %.1f%n", spec.name(), Files.size(model.resolve("model.safetensors")) / 1e9,
                reps, options.get("gradings"), options.get("max-tokens"), Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        String tokens = options.get("max-tokens");
        String gradings = options.get("gradings");
        JudgeProcessFixture processes = new JudgeProcessFixture();
        try {
            List<Row> rows = new ArrayList<>();
            // 1. a second JVM's first grading: fresh load against the warm process
            Row fresh = new Row("second JVM, model loaded afresh in it (share=jvm; before)");
            Row warm = new Row("second JVM, warm judge process (share=machine; after)");
            Row cold = new Row("(first JVM, starting the judge process and loading it)");
            Path warmHome = Files.createDirectories(home.resolve("warm"));
            cold.add(run(warmHome, model, "graded", "share=machine", "1", tokens));
            for (int i = 0; i < reps; i++) { // side by side: each fresh round next to a warm one
                fresh.add(run(Files.createDirectories(home.resolve("fresh-" + i)), model, "graded", "share=jvm", "1",
                        tokens));
                warm.add(run(warmHome, model, "graded", "share=machine", "1", tokens));
            }
            processes.stopAllIn(warmHome.resolve("rubric"));
            rows.add(fresh);
            rows.add(warm);
            rows.add(cold);
            // 2. a fully cached rerun
            Path cachedHome = Files.createDirectories(home.resolve("cached"));
            run(cachedHome, model, "graded", "share=jvm", gradings, tokens); // fills the verdict cache
            Row disabled = new Row("fully cached rerun, judge disabled (answers at once)");
            Row lazy = new Row("fully cached rerun, model loaded on the first miss (after)");
            Row eager = new Row("fully cached rerun, model loaded when the judge is built (before)");
            for (int i = 0; i < reps; i++) {
                disabled.add(run(cachedHome, model, "disabled", "share=jvm", gradings, tokens));
                lazy.add(run(cachedHome, model, "cached", "share=jvm", gradings, tokens));
                eager.add(run(cachedHome, model, "eager", "share=jvm", gradings, tokens));
            }
            rows.add(disabled);
            rows.add(lazy);
            rows.add(eager);

            out.println();
            out.println("| run | JVM start to exit, s | main() to judge built, s | first grading to its verdict, s |"
                    + " gradings to the last verdict, s |");
            out.println("|---|---|---|---|---|");
            for (Row row : rows) {
                out.println(row);
            }
        } finally {
            processes.stopAll();
        }
    }

    /** One JVM's times, in seconds. */
    private record Round(double wall, double built, double first, double all) {
    }

    private static final class Row {
        final String name;
        final List<Round> rounds = new ArrayList<>();

        Row(String name) {
            this.name = name;
        }

        void add(Round r) {
            rounds.add(r);
        }

        @Override
        public String toString() {
            return "| " + name + " | " + median(Round::wall) + " | " + median(Round::built) + " | "
                    + median(Round::first) + " | " + median(Round::all) + " |";
        }

        private String median(java.util.function.ToDoubleFunction<Round> f) {
            double[] v = rounds.stream().mapToDouble(f).sorted().toArray();
            double m = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
            return String.format(Locale.ROOT, "%.2f", m);
        }
    }

    /** A fresh JVM running {@link WarmJudgeBenchmarkRun}, timed from outside and inside. */
    private static Round run(Path home, Path model, String mode, String share, String gradings, String tokens)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", RealClassPath.of(System.getProperty("java.class.path")).stream()
                .map(Path::toString).collect(Collectors.joining(File.pathSeparator))));
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("ai.djl.")) {
                command.add("-D" + name + "=" + System.getProperty(name));
            }
        }
        Path result = home.resolve("round-" + UUID.randomUUID() + ".json");
        command.addAll(List.of(WarmJudgeBenchmarkRun.class.getName(), mode, home.toString(), model.toString(),
                share, gradings, tokens, result.toString()));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("rounds.log").toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("a round (" + mode + ", " + share + ") failed; see " + home.resolve("rounds.log"));
        }
        double wall = (System.nanoTime() - start) / 1e9;
        JsonNode r = Wire.JSON.readTree(result.toFile());
        return new Round(wall, r.get("built").asDouble(), r.get("first").asDouble(), r.get("all").asDouble());
    }
}
