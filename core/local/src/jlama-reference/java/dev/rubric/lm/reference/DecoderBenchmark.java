package dev.rubric.lm.reference;

import ai.djl.pytorch.jni.JniUtils;
import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.model.ModelSupport;
import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.tensor.AbstractTensor;
import com.github.tjake.jlama.tensor.KvBufferCache;
import com.github.tjake.jlama.util.PhysicalCoreExecutor;
import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.Grading;
import dev.rubric.core.Rubrics;
import dev.rubric.core.Verdict;
import dev.rubric.judge.JudgeConfig;
import dev.rubric.judge.local.LocalJudge;
import dev.rubric.lm.CausalLm;
import dev.rubric.lm.DeviceChoice;
import dev.rubric.lm.LoadOptions;
import dev.rubric.lm.fixtures.TinyCheckpoints;
import dev.rubric.lm.fixtures.TinyCheckpoints.Spec;
import dev.rubric.lm.fixtures.TinyCheckpoints.Storage;
import dev.rubric.prometheus.PrometheusFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Speed of the local judge on this CPU, beside Jlama 0.8.4 on the same float32 random checkpoints, in one process.
 *
 * <p>The unit of work is a whole grading through {@link LocalJudge}: an absolute Prometheus prompt rendered by
 * {@link PrometheusFormat} and encoded by the fixture tokenizer (whose near single-character pieces make it 1,744
 * tokens, so it is cut to a real prompt's length, 512 by default), greedy decoding with
 * {@code rubric.judge.max-tokens} = {@value #MAX_TOKENS} (a random model never writes {@code [RESULT]}, and the
 * end-of-sequence token is hidden from it, so every grading takes the same forced path: 64 free tokens, then the
 * appended marker and the constrained score), {@code batch} gradings submitted at once. The
 * model in front of the judge times every prefill and decode step, so one round gives prefill tokens/s (real prompt
 * tokens), decode tokens/s (sequences x steps) and judgments/s (gradings / wall time, tokenizing and the decoder's
 * Java work included), and the prompt positions the prefill computed per judgment (fewer than the prompt's tokens
 * when a shared prompt head was computed once or kept from the round before). Jlama, which decodes one sequence at
 * a time, runs the same prompt ids and as many greedy steps right after each batch-1 round, so its ratios are taken
 * from rounds side by side.
 *
 * <p>Arguments (one string, space-separated): the models ({@code tiny,mid}, and the Qwen2 of each shape:
 * {@code tiny-qwen2,mid-qwen2}), then optional {@code reps=N} (rounds per cell, median reported; default 5),
 * {@code threads=1,2} (libtorch intra-op thread counts to compare, the model loaded again for each; default:
 * libtorch's own setting), {@code prompt=N} (prompts cut to N tokens; default 512, 0 for whole prompts),
 * {@code cut=first} (their first N tokens, which all start alike: the system prompt and task description) or
 * {@code cut=spread} (N tokens spread evenly over the prompt, so the share gradings have in common stays what it is in
 * the rendered prompt), {@code heads=on,off} (shared prompt heads; with both, the rounds alternate and the on/off
 * ratios are taken side by side), {@code batches=1,8,32} and {@code jlama=off} (Rubric alone).
 *
 * <p>Run: see docs/PERFORMANCE.md.
 */
public final class DecoderBenchmark {

    static final int MAX_TOKENS = 64;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args.length == 0 ? "tiny" : String.join(" ", args));
        int reps = Integer.parseInt(options.getOrDefault("reps", "5"));
        int promptCap = Integer.parseInt(options.getOrDefault("prompt", "512"));
        TimedModel.Cut cut = TimedModel.Cut.valueOf(options.getOrDefault("cut", "first").toUpperCase(Locale.ROOT));
        int[] batches = Arrays.stream(options.getOrDefault("batches", "1,8,32").split(","))
                .mapToInt(Integer::parseInt).toArray();
        boolean withJlama = !options.getOrDefault("jlama", "on").equals("off");
        List<Boolean> heads = Arrays.stream(options.getOrDefault("heads", "on").split(","))
                .map(h -> h.equals("on")).toList();
        ai.djl.engine.Engine.getEngine("PyTorch"); // loads libtorch, whose thread settings machine() reports
        System.out.println(machine());
        MemoryBandwidth bandwidth = MemoryBandwidth.measure();
        System.out.printf(Locale.ROOT, "memory bandwidth: copy %.1f GB/s (read + write, 1 thread), read %.1f GB/s"
                + " (%d threads)%n", bandwidth.copyBytesPerSecond() / 1e9, bandwidth.readBytesPerSecond() / 1e9,
                bandwidth.readThreads());
        List<String> rows = new ArrayList<>();
        List<String> ratios = new ArrayList<>();
        List<String> headRatios = new ArrayList<>();
        for (String name : options.get("models").split(",")) {
            Spec spec = switch (name) {
                case "mid" -> Spec.midMistral();
                case "mid-qwen2" -> Spec.midQwen2();
                case "tiny-qwen2" -> Spec.tinyQwen2();
                default -> Spec.tinyMistral();
            };
            Path checkpoint = TinyCheckpoints.shared(spec, Storage.F32_SINGLE);
            long weightBytes = Files.size(checkpoint.resolve("model.safetensors"));
            // a decode step reads every weight but the embedding table, of which it gathers one row per token
            long bytesPerStep = weightBytes - 4L * spec.vocabulary() * spec.hidden();
            AbstractModel jlama = withJlama ? ModelSupport.loadModel(checkpoint.toFile(), DType.F32, DType.F32) : null;
            List<Grading> gradings = gradings(32);
            for (String threads : options.getOrDefault("threads", "default").split(",")) {
                // set before the model loads: the model starts its step-thread choice from libtorch's count then
                if (!threads.equals("default")) {
                    JniUtils.setNumThreads(Integer.parseInt(threads));
                }
                String threadLabel = String.valueOf(JniUtils.getNumThreads());
                List<Variant> variants = new ArrayList<>();
                for (boolean shared : heads) {
                    CausalLm lm = CausalLm.load(checkpoint, new LoadOptions(DeviceChoice.CPU)
                            .withSharedPromptHeads(shared));
                    variants.add(new Variant(shared ? "on" : "off", lm, new TimedModel(lm, promptCap, cut)));
                }
                TimedModel first = variants.get(0).timed();
                int[] p0 = first.tokenizer().encode(PrometheusFormat.get().modelInput(gradings.get(0)), true);
                int common = p0.length;
                for (Grading g : gradings) {
                    int[] p = first.tokenizer().encode(PrometheusFormat.get().modelInput(g), true);
                    int same = 0;
                    while (same < Math.min(common, p.length) && p[same] == p0[same]) {
                        same++;
                    }
                    common = same;
                }
                System.out.printf(Locale.ROOT, "%s: %.2f GB of float32 weights, %.2f GB read per decode step,"
                        + " prompts of %d tokens (%s), of which the first %d are the same in every grading%n",
                        spec.name(), weightBytes / 1e9, bytesPerStep / 1e9, p0.length, promptCap == 0
                                ? "the rendered Prometheus prompt, fixture tokenizer" : cut == TimedModel.Cut.FIRST
                                ? "the rendered prompt's first " + promptCap
                                : String.format(Locale.ROOT, "tokens spread evenly over the %d of the rendered prompt",
                                variants.get(0).lm().tokenizer().encode(
                                        PrometheusFormat.get().modelInput(gradings.get(0)), true).length), common);
                for (int batch : batches) {
                    Cell cell = measure(variants, batch == 1 ? jlama : null, gradings, batch, reps);
                    List<String> cellRows = new ArrayList<>();
                    for (int v = 0; v < variants.size(); v++) {
                        cellRows.add(row(spec.name(), "Rubric (DJL PyTorch)", threadLabel, variants.get(v).heads(),
                                batch, cell.ours().get(v), bytesPerStep, bandwidth));
                        if (!cell.theirs().isEmpty()) {
                            ratios.add(ratios(spec.name(), threadLabel + ", heads " + variants.get(v).heads(),
                                    cell.ours().get(v), cell.theirs()));
                        }
                    }
                    if (variants.size() == 2) {
                        headRatios.add(ratios(spec.name() + ", batch " + batch, threadLabel, cell.ours().get(0),
                                cell.ours().get(1)));
                    }
                    if (!cell.theirs().isEmpty()) {
                        cellRows.add(row(spec.name(), "Jlama 0.8.4", "jlama " + PhysicalCoreExecutor.instance
                                .get().getCoreCount(), "-", 1, cell.theirs(), bytesPerStep, bandwidth));
                    }
                    cellRows.forEach(System.out::println);
                    rows.addAll(cellRows);
                }
                variants.forEach(v -> v.lm().close());
            }
        }
        System.out.println();
        System.out.println("| model | engine | threads | shared heads | batch | decode steps | prefill tok/s"
                + " | prefill tokens computed per judgment | decode tok/s | judgments/s"
                + " | bandwidth bound, decode tok/s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        if (!ratios.isEmpty()) {
            System.out.println();
            System.out.println("Rubric / Jlama at batch 1, median of the per-round ratios (rounds side by side):");
            System.out.println();
            System.out.println("| model | libtorch threads | prefill | decode | judgments |");
            System.out.println("|---|---|---|---|---|");
            ratios.forEach(System.out::println);
        }
        if (!headRatios.isEmpty()) {
            System.out.println();
            System.out.println("Shared prompt heads on / off, median of the per-round ratios (rounds side by side):");
            System.out.println();
            System.out.println("| model, batch | libtorch threads | prefill | decode | judgments |");
            System.out.println("|---|---|---|---|---|");
            headRatios.forEach(System.out::println);
        }
        System.out.println();
        System.out.println("load average at the end: " + loadAverage());
        System.exit(0);
    }

    /** One loaded model the rounds alternate over: shared prompt heads on or off. */
    record Variant(String heads, CausalLm lm, TimedModel timed) {
    }

    /** Rubric's rounds of one cell, per variant, and Jlama's rounds beside them (none unless asked for). */
    record Cell(List<List<Round>> ours, List<Round> theirs) {
    }

    /**
     * A warm-up round per variant, then {@code reps} rounds of {@code batch} gradings (other ones each round) through a
     * judge with that batch size on each variant in turn (each going first in turn); with {@code jlama}, a Jlama round of the batch-1 round's
     * prompt and as many steps right after the variants' rounds.
     */
    static Cell measure(List<Variant> variants, AbstractModel jlama, List<Grading> gradings, int batch, int reps) {
        List<List<Round>> ours = new ArrayList<>();
        List<Round> theirs = new ArrayList<>();
        List<LocalJudge> judges = new ArrayList<>();
        try {
            for (Variant v : variants) {
                judges.add(new LocalJudge(v.timed(), config(), "benchmark",
                        new LocalJudge.Scheduling(batch, Duration.ofSeconds(10))));
                ours.add(new ArrayList<>());
            }
            for (int v = 0; v < variants.size(); v++) {
                judgeRound(judges.get(v), variants.get(v).timed(), gradings, batch, 0);
            }
            if (jlama != null) {
                jlamaRound(jlama, variants.get(0).timed(), gradings.get(0), MAX_TOKENS);
            }
            for (int r = 1; r <= reps; r++) {
                Round[] rounds = new Round[variants.size()];
                for (int i = 0; i < variants.size(); i++) {
                    int v = (r + i) % variants.size(); // each variant goes first in turn
                    rounds[v] = judgeRound(judges.get(v), variants.get(v).timed(), gradings, batch, r);
                }
                for (int v = 0; v < variants.size(); v++) {
                    ours.get(v).add(rounds[v]);
                }
                if (jlama != null) {
                    theirs.add(jlamaRound(jlama, variants.get(0).timed(), gradings.get(r % gradings.size()),
                            ours.get(0).get(r - 1).steps()));
                }
            }
        } finally {
            judges.forEach(LocalJudge::close);
        }
        return new Cell(ours, theirs);
    }

    /**
     * One round's measurements: seconds of prefill and decoding, tokens of each (prompt tokens, and the positions the
     * prefill computed), and wall seconds for the batch.
     */
    record Round(double prefillSeconds, long prefillTokens, long prefillComputed, double decodeSeconds,
            long decodeTokens, int steps, double wallSeconds, int judgments) {

        double computedPerJudgment() {
            return (double) prefillComputed / judgments;
        }

        double prefillRate() {
            return prefillTokens / prefillSeconds;
        }

        double decodeRate() {
            return decodeTokens / decodeSeconds;
        }

        double judgmentRate() {
            return judgments / wallSeconds;
        }
    }

    /** Round {@code round} judges the next {@code batch} gradings (round 0 the first ones), so rounds differ. */
    static Round judgeRound(LocalJudge judge, TimedModel timed, List<Grading> gradings, int batch, int round) {
        timed.reset();
        long start = System.nanoTime();
        List<CompletableFuture<Verdict>> verdicts = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            verdicts.add(judge.grade(gradings.get((round * batch + i) % gradings.size())));
        }
        for (CompletableFuture<Verdict> v : verdicts) {
            if (!v.join().forced()) {
                throw new IllegalStateException("a random model wrote [RESULT] itself: the rounds would differ");
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        TimedModel.Counters c = timed.reset();
        return new Round(c.prefillNanos() / 1e9, c.prefillTokens(), c.prefillComputed(), c.decodeNanos() / 1e9,
                c.decodeTokens(), c.steps(), wall, batch);
    }

    /** Jlama on the same prompt ids: prefill, then {@code steps} greedy steps. */
    static Round jlamaRound(AbstractModel model, TimedModel timed, Grading grading, int steps) {
        int[] prompt = timed.tokenizer().encode(PrometheusFormat.get().modelInput(grading), true);
        try (KvBufferCache caches = new KvBufferCache(model)) {
            KvBufferCache.KvBuffer kv = caches.getKvBuffer(UUID.randomUUID());
            long start = System.nanoTime();
            AbstractTensor hidden = model.batchForward(prompt, 0, kv);
            // batchForward returns the hidden states of its last chunk of tokens
            float[] logits = model.getLogits(hidden.slice(hidden.shape().first() - 1));
            long prefilled = System.nanoTime();
            for (int s = 0; s < steps; s++) {
                logits = model.getLogits(model.forward(JlamaReference.argmax(logits), prompt.length + s, kv, Optional.empty()));
            }
            long done = System.nanoTime();
            return new Round((prefilled - start) / 1e9, prompt.length, prompt.length, (done - prefilled) / 1e9, steps,
                    steps, (done - start) / 1e9, 1);
        }
    }

    static String row(String model, String engine, String threads, String heads, int batch, List<Round> rounds,
            long bytesPerStep, MemoryBandwidth bandwidth) {
        double bound = batch * bandwidth.readBytesPerSecond() / bytesPerStep;
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %.0f | %.0f | %.0f | %.1f | %.3f | %.0f |", model,
                engine, threads, heads, batch, median(rounds, Round::steps), median(rounds, Round::prefillRate),
                median(rounds, Round::computedPerJudgment), median(rounds, Round::decodeRate),
                median(rounds, Round::judgmentRate), bound);
    }

    /** Medians of the per-round ratios of {@code ours} to {@code theirs} (rounds taken side by side). */
    static String ratios(String model, String threads, List<Round> ours, List<Round> theirs) {
        double[] prefill = new double[ours.size()];
        double[] decode = new double[ours.size()];
        double[] judgments = new double[ours.size()];
        for (int i = 0; i < ours.size(); i++) {
            prefill[i] = ours.get(i).prefillRate() / theirs.get(i).prefillRate();
            decode[i] = ours.get(i).decodeRate() / theirs.get(i).decodeRate();
            judgments[i] = ours.get(i).judgmentRate() / theirs.get(i).judgmentRate();
        }
        return String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f |", model, threads, median(prefill),
                median(decode), median(judgments));
    }

    static double median(List<Round> rounds, java.util.function.ToDoubleFunction<Round> f) {
        return median(rounds.stream().mapToDouble(f).toArray());
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** What the benchmark's customers bought: a different thing in each grading. */
    static final List<String> ITEMS = List.of("kettle", "toaster", "desk lamp", "blender", "rice cooker", "hair dryer",
            "coffee grinder", "space heater", "waffle iron", "bread maker", "electric fan", "steam iron",
            "food processor", "juicer", "hand mixer", "slow cooker", "air purifier", "humidifier", "vacuum cleaner",
            "sandwich press", "milk frother", "table grill", "ice cream maker", "popcorn machine", "egg cooker",
            "soup maker", "water filter jug", "electric toothbrush", "bathroom scale", "alarm clock radio",
            "laptop stand", "bedside speaker");

    /**
     * Distinct absolute gradings with a reference answer, each a few sentences, as a support-bot test writes them:
     * every grading is about another item, so their prompts part ways in the instruction, after the system prompt and
     * the task description, as real gradings do.
     */
    static List<Grading> gradings(int count) {
        List<Grading> gradings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String item = ITEMS.get(i % ITEMS.size());
            gradings.add(new AbsoluteGrading(
                    "A customer writes: I ordered a " + item + " (order " + (4100 + i) + ") " + (2 + i % 5)
                            + " weeks ago and it arrived broken. How do I get a refund, and do I have to send the "
                            + item + " back?",
                    "Sorry about the " + item + "! You can ask for a refund from the Orders page: pick order "
                            + (4100 + i) + ", choose 'Return or refund' and upload a photo of the damaged " + item
                            + ". For damaged items you do not need to send it back; the refund reaches your card in "
                            + (3 + i % 5) + " to 7 working days.",
                    Rubrics.HELPFULNESS,
                    "Damaged items are refunded without a return: the customer opens the order, chooses 'Return or"
                            + " refund', attaches a photo, and gets the money back on the original payment method"
                            + " within 7 working days."));
        }
        return gradings;
    }

    static JudgeConfig config() {
        Map<String, String> keys = Map.of("rubric.judge.max-tokens", String.valueOf(MAX_TOKENS),
                "rubric.judge.device", "cpu");
        return JudgeConfig.from(k -> Optional.ofNullable(keys.get(k)), Map.of());
    }

    static String machine() {
        return String.format(Locale.ROOT, "machine: %d cores (availableProcessors), load average %s; %s %s on %s %s;"
                        + " libtorch intra-op threads %d, inter-op threads %d (OMP_NUM_THREADS=%s,"
                        + " ai.djl.pytorch.num_threads=%s); Jlama physical cores %d",
                Runtime.getRuntime().availableProcessors(), loadAverage(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"),
                JniUtils.getNumThreads(), JniUtils.getNumInteropThreads(), System.getenv("OMP_NUM_THREADS"),
                System.getProperty("ai.djl.pytorch.num_threads"), PhysicalCoreExecutor.instance.get().getCoreCount());
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    static Map<String, String> options(String line) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String part : line.trim().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                options.put("models", part);
            } else {
                options.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        options.putIfAbsent("models", "tiny");
        return options;
    }

    private DecoderBenchmark() {
    }
}
