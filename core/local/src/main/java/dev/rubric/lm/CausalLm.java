package dev.rubric.lm;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.apiguardian.api.API;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Properties;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A Mistral, Mixtral, Llama or Qwen2 checkpoint in Hugging Face layout (config.json, tokenizer.json, safetensors)
 * loaded onto DJL's PyTorch engine: float16 on a GPU, float32 on the CPU (or as {@link LoadOptions#precision()} says).
 * Before a tensor is read, the weights' size is checked against the memory the device has free; {@link #memoryPlan}
 * then says how many sequences fit in a batch. Usable on its own:
 *
 * <pre>{@code
 * try (CausalLm lm = CausalLm.load(Path.of("prometheus-7b-v2.0"))) {
 *     float[] next = lm.logits(lm.tokenizer().encode("[INST] Hello", true));
 * }
 * }</pre>
 *
 * <p>{@link #newBatch} may be called from several threads; each {@link BatchDecoder} is driven by one thread at a
 * time. {@link #close()} frees the weights' native memory.
 */
@API(status = INTERNAL, since = "0.1")
public final class CausalLm implements LanguageModel {

    private static final System.Logger LOG = System.getLogger(CausalLm.class.getName());

    private final ModelConfig config;
    private final HfTokenizer tokenizer;
    private final ChatTemplate chatTemplate;
    private final NDManager manager;
    private final Transformer transformer;
    private final String description;
    private final MemoryCosts costs;
    private final String planLabel;
    private final OptionalLong freeBeforeLoad;
    private final PromptHeads heads;
    private final StepThreads stepThreads;
    private boolean closed;

    private CausalLm(ModelConfig config, HfTokenizer tokenizer, ChatTemplate chatTemplate, NDManager manager,
            Transformer transformer, String description, MemoryCosts costs, String planLabel,
            OptionalLong freeBeforeLoad, boolean sharedPromptHeads, StepThreads stepThreads) {
        this.config = config;
        this.tokenizer = tokenizer;
        this.chatTemplate = chatTemplate;
        this.manager = manager;
        this.transformer = transformer;
        this.description = description;
        this.costs = costs;
        this.planLabel = planLabel;
        this.freeBeforeLoad = freeBeforeLoad;
        this.heads = sharedPromptHeads ? new PromptHeads(manager) : null;
        this.stepThreads = stepThreads;
    }

    /** Loads a checkpoint directory onto the GPU when DJL reports one, else the CPU. */
    public static CausalLm load(Path checkpointDir) {
        return load(checkpointDir, LoadOptions.defaults());
    }

    /** Loads a checkpoint directory with the given options. */
    public static CausalLm load(Path checkpointDir, LoadOptions options) {
        if (!Files.isDirectory(checkpointDir)) {
            throw new CheckpointException(checkpointDir + " is not a directory: rubric.judge.model must name a "
                    + "checkpoint directory (config.json, tokenizer.json, *.safetensors) or a Hugging Face id");
        }
        ModelConfig config = ModelConfig.read(checkpointDir.resolve("config.json"));
        ChatTemplate chatTemplate = ChatTemplate.of(checkpointDir, config.architecture());
        Engine engine = pytorch();
        Device device = device(engine, options.device());
        DataType dtype = options.precision().on(device);
        String dtypeName = dtype.name().toLowerCase(Locale.ROOT);
        String planLabel = String.format(Locale.ROOT, "%s (%.2f B parameters), %s on %s",
                config.architecture().hfName(), config.parameterCount() / 1e9, dtypeName, device);
        OptionalLong free = options.memory().freeBytes(device);
        MemoryCosts costs = new MemoryCosts(config, dtype.getNumOfBytes());
        int headTokens = options.sharedPromptHeads() ? PromptHeads.MAX_TOKENS : 0;
        if (!MemoryPlan.of(costs, planLabel, free, headTokens, 1, 1).weightsFit()) {
            throw new CheckpointException(weightsDoNotFitMessage(checkpointDir, costs, dtypeName, device,
                    free.getAsLong()));
        }
        HfTokenizer tokenizer = HfTokenizer.load(checkpointDir.resolve("tokenizer.json"), config.bosId(),
                config.eosId());
        NDManager manager = NDManager.newBaseManager(device, engine.getEngineName());
        try (CheckpointWeights weights = CheckpointWeights.open(checkpointDir);
                NDManager staging = NDManager.newBaseManager(Device.cpu(), engine.getEngineName())) {
            WeightLoader loader = new WeightLoader(weights, manager, staging, dtype, options.progress(),
                    config.tensorCount());
            long hidden = config.hiddenSize();
            NDArray embedding = loader.load("model.embed_tokens.weight", config.vocabularySize(), hidden);
            List<LayerWeights> layers = new ArrayList<>();
            for (int l = 0; l < config.layers(); l++) {
                layers.add(LayerWeights.load(loader, config, l));
            }
            NDArray norm = loader.load("model.norm.weight", hidden);
            NDArray lmHead = config.tieWordEmbeddings() ? embedding
                    : loader.load("lm_head.weight", config.vocabularySize(), hidden);
            Transformer transformer = new Transformer(config, dtype, embedding, layers, norm, lmHead);
            String description = String.format(Locale.ROOT,
                    "%s (%d layers, hidden %d, %d heads / %d KV heads%s, vocabulary %d, chat template %s) from %s on"
                            + " %s, %s, libtorch %s (%s, %d intra-op threads), %.1f GB of weights",
                    config.architecture().hfName(), config.layers(), config.hiddenSize(), config.heads(),
                    config.kvHeads(), config.isMixtureOfExperts()
                            ? ", " + config.experts() + " experts top-" + config.expertsPerToken() : "",
                    config.vocabularySize(), chatTemplate.origin(), checkpointDir.getFileName(), device, dtypeName,
                    engine.getVersion(), libtorchFlavour(), ai.djl.pytorch.jni.JniUtils.getNumThreads(),
                    weights.totalBytes() / 1e9);
            LOG.log(System.Logger.Level.INFO, "Rubric local judge model: " + description);
            return new CausalLm(config, tokenizer, chatTemplate, manager, transformer, description, costs, planLabel,
                    free, options.sharedPromptHeads(), StepThreads.forDevice(device.isGpu()));
        } catch (RuntimeException e) {
            manager.close();
            tokenizer.close();
            throw e;
        }
    }

    /**
     * The weights need more than the device has free: say so before a byte is loaded, with what would fit (a smaller
     * model of the family in this format) and the ways out.
     */
    static String weightsDoNotFitMessage(Path checkpointDir, MemoryCosts costs, String dtype, Device device,
            long freeBytes) {
        // room for the weights and about a quarter as much again for the KV cache of a few gradings
        double fittingParameters = Math.max(0, freeBytes - MemoryPlan.marginBytes(freeBytes))
                / 1.25 / costs.elementBytes() / 1e9;
        return String.format(Locale.ROOT, "%s needs %.1f GB for its weights alone in %s (%.2f B parameters), but %s "
                        + "has %.1f GB free: the model does not fit on this device. In %s a model of at most about "
                        + "%.1f B parameters fits here with room for a few gradings (Prometheus 2 7B, "
                        + "prometheus-eval/prometheus-7b-v2.0, has 7.24 B); or stop the other processes on the GPU "
                        + "(nvidia-smi lists them); or serve this model with vLLM across several GPUs "
                        + "(--tensor-parallel-size) and judge through it: -Drubric.judge=openai "
                        + "-Drubric.judge.url=http://<host>:8000/v1.",
                checkpointDir.getFileName(), costs.weightBytes() / 1e9, dtype, costs.config().parameterCount() / 1e9,
                device, freeBytes / 1e9, dtype, fittingParameters);
    }

    private static Engine pytorch() {
        DjlDefaults.apply();
        try {
            return Engine.getEngine("PyTorch");
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new CheckpointException(engineUnavailableMessage(e), e);
        }
    }

    /**
     * Why DJL's PyTorch engine did not start, and what to do. Most often DJL could not fetch libtorch: without a
     * pytorch-native jar on the classpath it downloads libtorch on first use, which needs the network once.
     */
    static String engineUnavailableMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = e.getMessage() + (root == e ? "" : ": " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : " " + root.getMessage()));
        EngineVersions versions = EngineVersions.ofClasspath();
        String torch = versions.pytorch();
        String djl = versions.djl();
        return "DJL's PyTorch engine did not start (" + why + "). Without a libtorch jar on the test classpath, DJL "
                + "downloads libtorch on first use from https://publish.djl.ai into ~/.djl.ai/pytorch (DJL_CACHE_DIR), "
                + "picking the CUDA build when it finds a GPU: that needs the network once, with DJL_OFFLINE unset. "
                + "Offline, add test dependencies ai.djl.pytorch:pytorch-jni:" + torch + "-" + djl + " and "
                + "ai.djl.pytorch:pytorch-native-cpu:" + torch + " (or pytorch-native-cu128:" + torch + " for a GPU), "
                + "classifier linux-x86_64, or copy ~/.djl.ai from a machine that has run it. Or judge through a "
                + "server: -Drubric.judge=openai -Drubric.judge.url=http://<host>:8000/v1.";
    }

    /** The PyTorch and DJL versions the pytorch-engine jar on the classpath was built for, from its properties. */
    record EngineVersions(String pytorch, String djl) {

        static EngineVersions ofClasspath() {
            Properties p = new Properties();
            try (InputStream in = CausalLm.class.getClassLoader().getResourceAsStream("pytorch-engine.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                // keep the placeholders below
            }
            return new EngineVersions(p.getProperty("pytorch_version", "<pytorch version>"),
                    p.getProperty("djl_version", "<djl version>"));
        }
    }

    private static Device device(Engine engine, DeviceChoice choice) {
        int gpus = engine.getGpuCount();
        switch (choice) {
            case CPU:
                return Device.cpu();
            case GPU:
                if (gpus == 0) {
                    throw new CheckpointException(noGpuMessage(libtorchFlavour()));
                }
                return Device.gpu();
            default:
                return gpus > 0 ? Device.gpu() : Device.cpu();
        }
    }

    /**
     * Starts DJL's PyTorch engine and checks that {@code choice} can be met, before any weights are downloaded or
     * loaded: the engine must start (DJL may have to fetch libtorch first), and {@code gpu} needs a GPU it sees.
     *
     * @throws CheckpointException when the engine does not start, or {@code gpu} is asked for and there is none,
     *                             with the way out
     */
    public static void requireDevice(DeviceChoice choice) {
        device(pytorch(), choice);
    }

    /** What to do when rubric.judge.device=gpu but DJL's PyTorch, running libtorch {@code flavour}, sees no GPU. */
    static String noGpuMessage(String flavour) {
        boolean cpuBuild = flavour.contains("-cpu-");
        return "rubric.judge.device=gpu, but DJL's PyTorch sees no GPU (it loaded libtorch " + flavour
                + (cpuBuild ? ", the CPU build" : "") + "). On a machine with an NVIDIA GPU: check that nvidia-smi "
                + "works (driver for CUDA 12.x); keep ai.djl.pytorch:pytorch-native-cpu off the test classpath; and "
                + "give DJL the CUDA build of libtorch: add ai.djl.pytorch:pytorch-native-cu128 (classifier "
                + "linux-x86_64) and pytorch-jni as test dependencies, or let DJL download it once (DJL_OFFLINE unset; "
                + "it is kept in ~/.djl.ai/pytorch). Without a GPU: set rubric.judge.device=auto (or cpu), which runs "
                + "the 7B judge on the CPU (hours for a suite), or judge through a server with "
                + "-Drubric.judge=openai -Drubric.judge.url=http://<host>:8000/v1.";
    }

    /** The libtorch build DJL loaded, e.g. {@code 2.7.1-20250812-cpu-linux-x86_64} or a {@code cu128} one. */
    static String libtorchFlavour() {
        try {
            return Path.of(ai.djl.pytorch.jni.LibUtils.getLibtorchPath()).getFileName().toString();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    ModelConfig config() {
        return config;
    }

    @Override
    public LmTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public ChatTemplate chatTemplate() {
        return chatTemplate;
    }

    @Override
    public String family() {
        return config.architecture().family();
    }

    /** The next-token logits after the given ids (no BOS is added), in float32. */
    public float[] logits(int[] tokenIds) {
        if (tokenIds.length == 0) {
            throw new IllegalArgumentException("no token ids: logits need at least one token");
        }
        try (BatchDecoder decoder = newBatch(1, tokenIds.length)) {
            return decoder.prefill(new int[][] {tokenIds})[0];
        }
    }

    @Override
    public BatchDecoder newBatch(int batchSize, int maxSequenceLength) {
        return newBatch(batchSize, maxSequenceLength, memoryPlan(batchSize, 1));
    }

    @Override
    public BatchDecoder newBatch(int batchSize, int maxSequenceLength, MemoryPlan plan) {
        return newBatch(batchSize, maxSequenceLength, plan, KvBatchDecoder.SCORES_PER_GROUP, KvCache.BLOCK);
    }

    /** As {@link #newBatch(int, int)}, unplanned, prefilling in groups of at most {@code scoresPerGroup} scores. */
    KvBatchDecoder newBatch(int batchSize, int maxSequenceLength, long scoresPerGroup) {
        return newBatch(batchSize, maxSequenceLength, MemoryPlan.of(costs, planLabel, OptionalLong.empty(), 0,
                batchSize, 1), scoresPerGroup, KvCache.BLOCK);
    }

    /** A decoder on {@code plan} whose cache reserves and grows by {@code block} slots (tests use small blocks). */
    KvBatchDecoder newBatch(int batchSize, int maxSequenceLength, MemoryPlan plan, long scoresPerGroup, int block) {
        return newBatch(batchSize, maxSequenceLength, plan, scoresPerGroup, block, stepThreads);
    }

    /** As {@link #newBatch(int, int, MemoryPlan, long, int)}, with its steps' threads chosen by {@code threads}. */
    KvBatchDecoder newBatch(int batchSize, int maxSequenceLength, MemoryPlan plan, long scoresPerGroup, int block,
            StepThreads threads) {
        checkOpen();
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size " + batchSize + " must be at least 1");
        }
        if (maxSequenceLength < 1 || maxSequenceLength > maxSequenceLength()) {
            throw new IllegalArgumentException("sequence length " + maxSequenceLength + " must lie in 1.."
                    + maxSequenceLength() + " (the model's max_position_embeddings"
                    + (config.slidingWindow() > 0 ? ", or its sliding_window, which this decoder does not apply" : "")
                    + ")");
        }
        return new KvBatchDecoder(transformer, manager, batchSize, maxSequenceLength, plan, heads, threads,
                scoresPerGroup, block);
    }

    /**
     * The memory plan for batches of at most {@code maxBatch} sequences generating up to {@code generatedTokens}
     * tokens each, from the memory the device had free before the weights were loaded; unplanned when the device
     * did not say (the CPU).
     */
    @Override
    public MemoryPlan memoryPlan(int maxBatch, int generatedTokens) {
        return MemoryPlan.of(costs, planLabel, freeBeforeLoad, heads == null ? 0 : PromptHeads.MAX_TOKENS, maxBatch,
                generatedTokens);
    }

    @Override
    public void releaseSpareMemory() {
        if (heads != null) {
            heads.clear();
        }
    }

    /** Tokens of the prompt head kept between batches (for tests). */
    int keptPromptHead() {
        return heads == null ? 0 : heads.length();
    }

    @Override
    public int maxSequenceLength() {
        return config.longestExactSequence();
    }

    @Override
    public String description() {
        return description;
    }

    /** Arrays held by the model and its open batches; for tests that check native memory stays flat. */
    int liveArrays() {
        return manager.getManagedArrays().size();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            stepThreads.close(); // its helpers stop before the weights they read are freed
            manager.close();
            tokenizer.close();
        }
    }

    private synchronized void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this model is closed");
        }
    }
}
