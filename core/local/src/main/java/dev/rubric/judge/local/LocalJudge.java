package dev.rubric.judge.local;

import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.ConfigKeys;
import dev.rubric.core.DecodingSettings;
import dev.rubric.core.Grading;
import dev.rubric.core.GradingMode;
import dev.rubric.core.Judge;
import dev.rubric.core.JudgeException;
import dev.rubric.core.JudgeFingerprint;
import dev.rubric.core.PairwiseVerdict;
import dev.rubric.core.Verdict;
import dev.rubric.core.Winner;
import dev.rubric.hub.HubException;
import dev.rubric.hub.ModelLocator;
import dev.rubric.hub.ResolvedModel;
import dev.rubric.judge.JudgeConfig;
import dev.rubric.judge.LocalModelSettings;
import dev.rubric.judge.SampledVerdicts;
import dev.rubric.lm.CausalLm;
import dev.rubric.lm.CheckpointException;
import dev.rubric.lm.DeviceChoice;
import dev.rubric.lm.LanguageModel;
import dev.rubric.lm.LoadOptions;
import dev.rubric.lm.MemoryPlan;
import dev.rubric.prometheus.PrometheusFormat;
import org.apiguardian.api.API;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The in-JVM judge: Prometheus running on a {@link LanguageModel} in this process.
 *
 * <p>Gradings from any thread are rendered in the exact Prometheus format, written in the model's own chat template
 * ({@link ChatPrompt}), tokenized (on the caller's thread) and queued; one worker thread owns the model and takes them in batches ({@code rubric.judge.batch-size}, by default 8
 * on a CPU and 32 on a GPU), similar prompt lengths together. Every grading ends in a verdict from the
 * {@link VerdictDecoder}, with the model's probabilities of each score or winner. With {@code rubric.judge.samples}
 * = k &gt; 1 and sampling on, each grading is decoded k times with seeds {@code seed .. seed+k-1} and combined by
 * {@link SampledVerdicts}; greedy decoding is deterministic, so there it is decoded once and counted k times.
 *
 * <p>A failing model call fails the gradings of its batch with {@link JudgeException} (never a made-up verdict); later
 * batches run as usual. The judge owns the model: {@link #close()} closes it, and so does a failing constructor.
 */
@API(status = INTERNAL, since = "0.1")
public final class LocalJudge implements Judge {

    /** How long the oldest waiting grading waits for a batch to fill up, unless a {@link Scheduling} says otherwise. */
    public static final Duration DEFAULT_FILL_WAIT = Duration.ofMillis(20);
    public static final int DEFAULT_CPU_BATCH_SIZE = 8;
    public static final int DEFAULT_GPU_BATCH_SIZE = 32;
    private static final Pattern ON_GPU = Pattern.compile("\\bon (?:gpu|cuda)\\b", Pattern.CASE_INSENSITIVE);

    /**
     * How gradings are batched.
     *
     * @param batchSize the most sequences per batch (samples count one each)
     * @param fillWait  how long the oldest waiting grading waits for more to fill its batch
     */
    public record Scheduling(int batchSize, Duration fillWait) {

        public Scheduling {
            if (batchSize < 1) {
                throw new IllegalArgumentException(ConfigKeys.BATCH_SIZE + " must be at least 1, got " + batchSize);
            }
            Objects.requireNonNull(fillWait, "fillWait");
            if (fillWait.isNegative()) {
                throw new IllegalArgumentException("the batch fill wait must not be negative, got " + fillWait);
            }
        }

        /**
         * {@code rubric.judge.batch-size} when set; otherwise 8 on a CPU and 32 on a GPU, where the device is
         * {@code rubric.judge.device}, or with {@code auto} what the model's description says ("on gpu(0)",
         * "on cuda").
         */
        public static Scheduling of(JudgeConfig config, LanguageModel model) {
            int batchSize = config.local().batchSize() != null ? config.local().batchSize()
                    : onGpu(config.local().device(), model.description()) ? DEFAULT_GPU_BATCH_SIZE : DEFAULT_CPU_BATCH_SIZE;
            return new Scheduling(batchSize, DEFAULT_FILL_WAIT);
        }

        static boolean onGpu(LocalModelSettings.Device device, String description) {
            return switch (device) {
                case GPU -> true;
                case CPU -> false;
                case AUTO -> description != null && ON_GPU.matcher(description).find();
            };
        }
    }

    /** One queued sequence: a grading's prompt and the seed of one of its samples. */
    private record Ticket(DecodeRequest request, long submittedNanos) {
    }

    private static final System.Logger LOG = System.getLogger(LocalJudge.class.getName());

    private final LanguageModel model;
    private final DecodingSettings decoding;
    private final JudgeFingerprint fingerprint;
    private final VerdictDecoder decoder;
    private final FittingDecoder fitting;
    private final JudgeQueue<Ticket, DecodedVerdict> queue;
    /** Set first thing in {@link #close()}: the batch in flight stops at its next step. */
    private volatile boolean closing;

    /**
     * A judge on {@code model} with the batching that {@code config} and the model's device imply.
     *
     * @param revision the model's revision for the fingerprint: the Hub commit, or a digest of the weights
     * @throws JudgeException (MODEL_FAILED_TO_LOAD) when the model's tokenizer cannot express a constrained verdict,
     *                        (MISCONFIGURED) when max-tokens leaves no room for a prompt; the model is closed then
     */
    public LocalJudge(LanguageModel model, JudgeConfig config, String revision) {
        this(model, config, revision, Scheduling.of(config, model));
    }

    /** As {@link #LocalJudge(LanguageModel, JudgeConfig, String)}, with explicit batching. */
    public LocalJudge(LanguageModel model, JudgeConfig config, String revision, Scheduling scheduling) {
        this(model, config, config == null ? null : fingerprint(config, revision), scheduling);
    }

    /** A judge on {@code model}, loaded from the weights {@code identity} names: its fingerprint is the identity's. */
    public LocalJudge(LanguageModel model, JudgeConfig config, ModelIdentity identity) {
        this(model, config, config == null || identity == null ? null : identity.fingerprint(config.decoding()),
                config == null ? null : Scheduling.of(config, model));
    }

    private LocalJudge(LanguageModel model, JudgeConfig config, JudgeFingerprint fingerprint, Scheduling scheduling) {
        this.model = Objects.requireNonNull(model, "model");
        try {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(scheduling, "scheduling");
            this.decoding = config.decoding();
            this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
            this.decoder = newDecoder(model, decoding);
            this.fitting = new FittingDecoder(decoder, memoryPlan(model, scheduling.batchSize(),
                    decoding.maxTokens() + decoder.verdictTokens().maxAppended()));
            this.queue = new JudgeQueue<>("rubric-local-judge", scheduling.batchSize(), scheduling.fillWait(),
                    t -> t.request().prompt().length, this::judgeBatch);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The fingerprint of a judge built by hand: {@code rubric.judge.model} as written, and {@code revision}. */
    static JudgeFingerprint fingerprint(JudgeConfig config, String revision) {
        return new JudgeFingerprint("local", config.model(), revision, PrometheusFormat.VERSION, config.decoding());
    }

    /**
     * The local judge that {@code config} describes, on the weights {@code identity} names: brings them (from the
     * folder, the Hugging Face cache, or downloaded into it), loads them on the configured device with a progress
     * line, and serves gradings in batches. Its fingerprint is {@code identity}'s.
     *
     * @throws JudgeException (MODEL_FAILED_TO_LOAD) with the way out when the weights cannot be found or loaded
     */
    public static LocalJudge open(JudgeConfig config, ModelIdentity identity) {
        return open(config, identity, ModelLocator.fromEnvironment());
    }

    /** As {@link #open(JudgeConfig, ModelIdentity)}, bringing the weights with {@code locator}. */
    static LocalJudge open(JudgeConfig config, ModelIdentity identity, ModelLocator locator) {
        try {
            DeviceChoice device = deviceChoice(config.local().device());
            CausalLm.requireDevice(device); // libtorch and the GPU: found wanting before a 14 GB download, not after
            ResolvedModel weights;
            try {
                weights = locator.locate(identity.source());
            } catch (HubException e) {
                throw LoadFailures.of(e, config.model());
            }
            LoadOptions options = new LoadOptions(device, new ModelLoadProgress(System.err));
            CausalLm model = CausalLm.load(weights.directory(), options);
            return new LocalJudge(model, config, identity);
        } catch (CheckpointException e) {
            throw LoadFailures.of(e);
        }
    }

    /**
     * The one place where the configured device ({@code rubric.judge.device}, a judge setting) becomes the model
     * loader's choice: an exhaustive switch, so that a device added to one enum and not the other does not compile.
     */
    static DeviceChoice deviceChoice(LocalModelSettings.Device device) {
        return switch (device) {
            case AUTO -> DeviceChoice.AUTO;
            case CPU -> DeviceChoice.CPU;
            case GPU -> DeviceChoice.GPU;
        };
    }

    /**
     * The model's memory plan for these batches, said once: how many gradings fit at which prompt length, or that
     * the device reports no memory to plan by. A plan in which not even one grading fits is a warning with the way
     * out; the judge then tries one grading at a time.
     */
    private static MemoryPlan memoryPlan(LanguageModel model, int batchSize, int generatedTokens) {
        MemoryPlan plan = model.memoryPlan(batchSize, generatedTokens);
        boolean tight = plan.planned() && plan.batchFor(512) == 0;
        String bound = plan.planned() ? " (" + ConfigKeys.BATCH_SIZE + ")" : "";
        String wayOut = tight ? ". Not even one grading of 512 prompt tokens fits by this plan: gradings run one at a "
                + "time and may run out of memory; lower " + ConfigKeys.MAX_TOKENS + ", use a GPU with more memory, or "
                + "judge through a server (rubric.judge=openai)" : "";
        LOG.log(tight ? System.Logger.Level.WARNING : System.Logger.Level.INFO,
                "Rubric local judge memory plan: " + plan.summary() + bound + wayOut);
        return plan;
    }

    private static VerdictDecoder newDecoder(LanguageModel model, DecodingSettings decoding) {
        try {
            return new VerdictDecoder(model, decoding);
        } catch (IllegalArgumentException e) {
            boolean budget = e.getMessage() != null && e.getMessage().startsWith(ConfigKeys.MAX_TOKENS);
            throw new JudgeException(budget ? JudgeException.Reason.MISCONFIGURED
                    : JudgeException.Reason.MODEL_FAILED_TO_LOAD, e.getMessage() + " (model: "
                    + model.description() + ")", e);
        }
    }

    @Override
    public JudgeFingerprint fingerprint() {
        return fingerprint;
    }

    /** The longest prompt, in tokens, this judge accepts. */
    public int maxPromptTokens() {
        return decoder.maxPromptTokens();
    }

    public int batchSize() {
        return queue.batchSize();
    }

    /**
     * What a judge has decoded so far (failed batches counted too).
     *
     * @param gradings the gradings
     * @param batches  in how many batches: fewer than gradings when gradings shared one
     */
    public record Served(long gradings, long batches) {
    }

    /** The gradings this judge has decoded so far, and in how many batches. */
    public Served served() {
        long batches = queue.batchesRun(); // first: a batch counts its items before itself is counted
        return new Served(queue.itemsRun(), batches);
    }

    @Override
    public CompletableFuture<Verdict> grade(Grading grading) {
        Objects.requireNonNull(grading, "grading");
        return grade(PrometheusFormat.get().conversation(grading), grading.mode()); // no text to split back
    }

    /**
     * Grades an exact model input (the Prometheus prompt a grading renders to, {@link PrometheusFormat#modelInput}):
     * how gradings reach the judge from another process, which sends the text its own grading rendered.
     */
    public CompletableFuture<Verdict> grade(String modelInput, GradingMode mode) {
        Objects.requireNonNull(modelInput, "modelInput");
        Objects.requireNonNull(mode, "mode");
        PrometheusFormat.Conversation conversation;
        try {
            conversation = PrometheusFormat.get().conversation(modelInput, mode);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new JudgeException(JudgeException.Reason.REJECTED,
                    e.getMessage(), e));
        }
        return grade(conversation, mode);
    }

    private CompletableFuture<Verdict> grade(PrometheusFormat.Conversation conversation, GradingMode mode) {
        long submitted = System.nanoTime();
        if (queue.isClosed()) {
            return CompletableFuture.failedFuture(new JudgeException(JudgeException.Reason.CLOSED,
                    "the local judge is closed: grade before closing it"));
        }
        int[] prompt;
        try {
            prompt = ChatPrompt.tokens(model, conversation);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(queue.isClosed()
                    ? new JudgeException(JudgeException.Reason.CLOSED, "the local judge was closed while this"
                    + " grading was being tokenized: grade before closing it", e)
                    : new JudgeException(JudgeException.Reason.REJECTED, "the model's chat template or tokenizer"
                    + " failed on this grading's prompt: " + e, e));
        }
        if (prompt.length > decoder.maxPromptTokens()) {
            return CompletableFuture.failedFuture(new JudgeException(JudgeException.Reason.REJECTED,
                    "this grading's prompt is " + prompt.length + " tokens, but the local judge takes at most "
                            + decoder.maxPromptTokens() + " (the model's " + model.maxSequenceLength()
                            + " positions less " + ConfigKeys.MAX_TOKENS + " = " + decoding.maxTokens()
                            + " for the feedback and the verdict tail): shorten the instruction, response or"
                            + " reference, or lower " + ConfigKeys.MAX_TOKENS));
        }
        int runs = decoding.greedy() ? 1 : decoding.samples();
        List<CompletableFuture<DecodedVerdict>> parts = new ArrayList<>(runs);
        for (int j = 0; j < runs; j++) {
            parts.add(queue.submit(new Ticket(new DecodeRequest(prompt, mode, decoding.seed() + j), submitted)));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(done -> combine(mode, parts.stream().map(CompletableFuture::join).toList(),
                        Duration.ofNanos(System.nanoTime() - submitted)));
    }

    private Verdict combine(GradingMode mode, List<DecodedVerdict> decoded, Duration latency) {
        List<DecodedVerdict> samples = decoded.size() == decoding.samples() ? decoded
                : Collections.nCopies(decoding.samples(), decoded.get(0));
        if (mode == GradingMode.ABSOLUTE) {
            return SampledVerdicts.combineAbsolute(samples.stream().map(d -> AbsoluteVerdict.of(d.choice() + 1,
                    d.feedback(), d.probabilities(), d.forced(), fingerprint, latency)).toList());
        }
        return SampledVerdicts.combinePairwise(samples.stream().map(d -> new PairwiseVerdict(
                d.choice() == 0 ? Winner.A : Winner.B, d.feedback(), d.probabilities().get(0), d.forced(),
                fingerprint, latency, false)).toList());
    }

    /** Runs on the queue's worker thread: the only thread that calls the model. */
    private List<DecodedVerdict> judgeBatch(List<Ticket> batch) {
        try {
            return fitting.decode(batch.stream().map(Ticket::request).toList(), () -> closing);
        } catch (JudgeException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            throw new JudgeException(JudgeException.Reason.SERVER_ERROR, "the local model (" + model.description()
                    + ") failed while judging a batch of " + batch.size() + " gradings: " + e
                    + "; the gradings of later batches are judged as usual", e);
        }
    }

    /**
     * Stops the worker: waiting gradings fail with {@link JudgeException.Reason#CLOSED} at once, the batch in flight
     * stops at its next step, then the model is closed (its native memory freed). Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        try {
            queue.close();
        } finally {
            model.close();
        }
    }

    @Override
    public String toString() {
        return "LocalJudge[" + fingerprint + ", " + queue + ", " + model.description() + "]";
    }
}
