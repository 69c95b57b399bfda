package dev.rubric.judge.process;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rubric.lm.fixtures.TinyCheckpoints;
import dev.rubric.lm.fixtures.TinyCheckpoints.Spec;
import dev.rubric.lm.fixtures.TinyCheckpoints.Storage;

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

/**
 * What the warm judge and the lazy model save, measured with separate JVMs as test runs are (a Surefire fork, an IDE
 * run, the next {@code mvn test}): each round starts a fresh JVM ({@link WarmJudgeBenchmarkRun}) and times it from
 * the outside (process start to exit) and from the inside (judge built, first grading, last verdict).
 *
 * <ol>
 *   <li><b>A second JVM's first grading</b>, on random checkpoints: the model loaded afresh in the test JVM
 *   ({@code rubric.judge.share=jvm}: what every JVM did before the warm judge), against a JVM that finds the warm
 *   judge process already loaded ({@code share=machine}). Cache off: the grading is judged.</li>
 *   <li><b>A fully cached rerun</b> of {@code gradings} gradings, all in the verdict cache: with the judge disabled
 *   (a judge that answers at once: what the run costs without any judge work), with the lazy model (now), and with
 *   the model loaded when the judge is built (as before this change: the model loaded and then never asked).</li>
 * </ol>
 *
 * <p>Arguments (space-separated {@code key=value}): {@code reps=N} (rounds per row, medians reported; default 5),
 * {@code models=tiny,heavy} (the checkpoints of part 1: {@code tiny}, the {@link #loadHeavy()} one, {@code mid}; the
 * last one also serves part 2), {@code gradings=N} (default 32), {@code max-tokens=N} (default 8). Run: see
 * docs/PERFORMANCE.md.
 */
public final class WarmJudgeBenchmark {

    /**
     * A random Mistral whose 0.54 GB of bfloat16 weights sit almost all in its embedding and output matrices (hidden
     * 256, vocabulary 524,288, 2 layers): loading it is real work (read, converted to float32: 1.07 GB), judging with it
     * is little (a Prometheus prompt through 2 narrow layers), as loading Prometheus 7B dwarfs a grading on a GPU.
     */
    static Spec loadHeavy() {
        return new Spec("load-heavy-mistral", "MistralForCausalLM", 256, 2, 4, 2, 512, 1 << 19, 4096, 1_000_000.0,
                0, 0, 11L, false);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("reps", "5", "models", "tiny,heavy", "gradings", "32",
                "max-tokens", "8"));
        for (String a : String.join(" ", args).trim().split("\\s+")) {
            if (a.contains("=")) {
                options.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            }
        }
        int reps = Integer.parseInt(options.get("reps"));
        String tokens = options.get("max-tokens");
        String gradings = options.get("gradings");
        Path home = Files.createDirectories(JudgeProcessFixture.ROOT.resolve("benchmark-"
                + UUID.randomUUID().toString().substring(0, 8)));
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "%d rounds per row, %s gradings in a rerun, max-tokens %s; %d cores, load average %.1f%n",
                reps, gradings, tokens, Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        JudgeProcessFixture processes = new JudgeProcessFixture();
        List<Row> rows = new ArrayList<>();
        Path heaviest = null;
        try {
            // 1. a second JVM's first grading: a fresh load against the warm process, rounds side by side
            for (String name : options.get("models").split(",")) {
                Spec spec = name.equals("heavy") ? loadHeavy() : name.equals("mid") ? Spec.midMistral()
                        : Spec.tinyMistral();
                Storage storage = name.equals("heavy") ? Storage.BF16_SINGLE : Storage.F32_SINGLE;
                Path model = TinyCheckpoints.shared(spec, storage);
                heaviest = model;
                String label = spec.name() + " (" + String.format(Locale.ROOT, "%.2f GB",
                        Files.size(model.resolve("model.safetensors")) / 1e9) + " " + storage.name().substring(0, 4)
                        .replace("_", "").toLowerCase(Locale.ROOT) + ")";
                Row fresh = new Row(label + ": second JVM, model loaded afresh in it (share=jvm; before)");
                Row warm = new Row(label + ": second JVM, warm judge process (share=machine; after)");
                Row cold = new Row(label + ": (the first JVM: starts the judge process, which loads the model)");
                Path warmHome = Files.createDirectories(home.resolve("warm-" + name));
                Path freshHome = Files.createDirectories(home.resolve("fresh-" + name)); // its weights' digest remembered
                run(freshHome, model, "graded", "share=jvm", "1", tokens); // not counted: the weights' digest, once
                cold.add(run(warmHome, model, "graded", "share=machine", "1", tokens));
                for (int i = 0; i < reps; i++) {
                    fresh.add(run(freshHome, model, "graded", "share=jvm", "1", tokens));
                    warm.add(run(warmHome, model, "graded", "share=machine", "1", tokens));
                }
                processes.stopAllIn(warmHome.resolve("rubric"));
                rows.add(fresh);
                rows.add(warm);
                rows.add(cold);
            }
            // 2. a fully cached rerun, on the last (heaviest) model
            Path cachedHome = Files.createDirectories(home.resolve("cached"));
            run(cachedHome, heaviest, "graded", "share=jvm", gradings, tokens); // fills the verdict cache
            Row disabled = new Row("fully cached rerun of " + gradings + " gradings, judge disabled (answers at once)");
            Row lazy = new Row("fully cached rerun, model loaded on the first miss (after)");
            Row eager = new Row("fully cached rerun, model loaded when the judge is built (before)");
            for (int i = 0; i < reps; i++) {
                disabled.add(run(cachedHome, heaviest, "disabled", "share=jvm", gradings, tokens));
                lazy.add(run(cachedHome, heaviest, "cached", "share=jvm", gradings, tokens));
                eager.add(run(cachedHome, heaviest, "eager", "share=jvm", gradings, tokens));
            }
            rows.add(disabled);
            rows.add(lazy);
            rows.add(eager);
        } finally {
            processes.stopAll();
        }
        out.println();
        out.println("| run | JVM start to exit, s | main() to judge built, s | first grading to its verdict, s |"
                + " gradings to the last verdict, s |");
        out.println("|---|---|---|---|---|");
        for (Row row : rows) {
            out.println(row);
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
        Path result = home.resolve("round-" + UUID.randomUUID() + ".json");
        List<String> command = JudgeProcessFixture.javaCommand(WarmJudgeBenchmarkRun.class, mode, home.toString(),
                model.toString(), share, gradings, tokens, result.toString());
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
