package dev.rubric.lm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The parts of a Hugging Face {@code config.json} that the decoder needs, for the Llama family: Mistral, Mixtral
 * (sparse mixture of experts), Llama, and Qwen2 (Qwen2.5, M-Prometheus: biases on the query, key and value
 * projections).
 *
 * @param architecture         the checkpoint's architecture
 * @param hiddenSize           width of the residual stream
 * @param layers               number of decoder layers
 * @param heads                attention (query) heads
 * @param kvHeads              key/value heads (grouped-query attention when fewer than heads)
 * @param headDim              width of one head
 * @param intermediateSize     width of the MLP (of each expert for Mixtral)
 * @param vocabularySize       rows of the embedding and of the lm_head
 * @param ropeTheta            base of the rotary embedding frequencies
 * @param rmsNormEps           epsilon of RMSNorm
 * @param maxPositions         the longest sequence the model supports
 * @param bosId                begin-of-sequence token id
 * @param eosId                end-of-sequence token id
 * @param torchDtype           the dtype the weights were saved in (e.g. bfloat16)
 * @param experts              experts per layer (Mixtral), 0 for a dense MLP
 * @param expertsPerToken      experts each token is routed to (Mixtral), 0 for a dense MLP
 * @param tieWordEmbeddings    whether the lm_head is the embedding matrix
 * @param slidingWindow        the attention window, 0 when attention sees the whole sequence: Mistral's
 *                             {@code sliding_window} (null in Prometheus 2), Qwen2's only when its
 *                             {@code use_sliding_window} is true (false in Qwen2.5, whose {@code sliding_window} then
 *                             means nothing, as in Hugging Face); the decoder does not implement the window and refuses
 *                             sequences longer than it
 * @param attentionBias        whether the query, key and value projections have a bias (Qwen2: always; the output
 *                             projection never has one)
 */
record ModelConfig(
        Architecture architecture,
        int hiddenSize,
        int layers,
        int heads,
        int kvHeads,
        int headDim,
        int intermediateSize,
        int vocabularySize,
        double ropeTheta,
        double rmsNormEps,
        int maxPositions,
        int bosId,
        int eosId,
        String torchDtype,
        int experts,
        int expertsPerToken,
        boolean tieWordEmbeddings,
        int slidingWindow,
        boolean attentionBias) {

    /** The architectures this decoder implements, by their Hugging Face class names. */
    public enum Architecture {
        MISTRAL("MistralForCausalLM"),
        MIXTRAL("MixtralForCausalLM"),
        LLAMA("LlamaForCausalLM"),
        QWEN2("Qwen2ForCausalLM");

        private final String hfName;

        Architecture(String hfName) {
            this.hfName = hfName;
        }

        public String hfName() {
            return hfName;
        }

        /** Hugging Face's {@code model_type} of the architecture: mistral, mixtral, llama, qwen2. */
        public String family() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Architecture of(String name, Path file) {
            for (Architecture a : values()) {
                if (a.hfName.equals(name)) {
                    return a;
                }
            }
            throw new CheckpointException(file + " declares architecture " + name
                    + ", which Rubric's local judge cannot run (it runs " + Arrays.stream(values())
                    .map(Architecture::hfName).toList() + "): use a Prometheus 2 or M-Prometheus checkpoint, or "
                    + "serve this model with vLLM and set rubric.judge.url");
        }
    }

    public ModelConfig {
        positive("hidden_size", hiddenSize);
        positive("num_hidden_layers", layers);
        positive("num_attention_heads", heads);
        positive("num_key_value_heads", kvHeads);
        positive("head_dim", headDim);
        positive("intermediate_size", intermediateSize);
        positive("vocab_size", vocabularySize);
        positive("max_position_embeddings", maxPositions);
        if (heads % kvHeads != 0) {
            throw new CheckpointException("config.json: num_attention_heads " + heads
                    + " is not a multiple of num_key_value_heads " + kvHeads + ": the file is not a valid checkpoint");
        }
        if (headDim % 2 != 0) {
            throw new CheckpointException("config.json: head_dim " + headDim
                    + " is odd; rotary embeddings need an even head width: the file is not a valid checkpoint");
        }
        if (!(ropeTheta > 0) || !(rmsNormEps > 0)) {
            throw new CheckpointException("config.json: rope_theta " + ropeTheta + " and rms_norm_eps " + rmsNormEps
                    + " must both be positive: the file is not a valid checkpoint");
        }
        if (bosId < 0 || bosId >= vocabularySize || eosId < 0 || eosId >= vocabularySize) {
            throw new CheckpointException("config.json: bos_token_id " + bosId + " / eos_token_id " + eosId
                    + " lie outside the vocabulary of " + vocabularySize + " tokens");
        }
        if (slidingWindow < 0) {
            throw new CheckpointException("config.json: sliding_window " + slidingWindow + " is negative");
        }
        if (architecture == Architecture.MIXTRAL) {
            positive("num_local_experts", experts);
            positive("num_experts_per_tok", expertsPerToken);
            if (expertsPerToken > experts) {
                throw new CheckpointException("config.json: num_experts_per_tok " + expertsPerToken
                        + " exceeds num_local_experts " + experts);
            }
        } else if (experts != 0 || expertsPerToken != 0) {
            throw new IllegalArgumentException("only Mixtral has experts, not " + architecture);
        }
    }

    /** Whether the MLP is a sparse mixture of experts (Mixtral). */
    public boolean isMixtureOfExperts() {
        return experts > 0;
    }

    /** The longest sequence this decoder computes exactly: the max positions, or the sliding window if shorter. */
    public int longestExactSequence() {
        return slidingWindow > 0 ? Math.min(slidingWindow, maxPositions) : maxPositions;
    }

    /**
     * Tensors a checkpoint of this config holds: embedding, per layer 2 norms + 4 attention (+ 3 biases) + the MLP,
     * norm, head.
     */
    public int tensorCount() {
        int mlp = isMixtureOfExperts() ? 1 + 3 * experts : 3;
        int attention = attentionBias ? 7 : 4;
        return 1 + layers * (2 + attention + mlp) + 1 + (tieWordEmbeddings ? 0 : 1);
    }

    /**
     * Parameters a checkpoint of this config holds: the embedding, per layer the two norms, the attention projections
     * and the MLP (Mixtral: the router and every expert), the final norm, and the lm_head unless tied. The memory
     * plan counts the weights' bytes from this before a tensor is read.
     */
    public long parameterCount() {
        long hidden = hiddenSize;
        long q = (long) heads * headDim;
        long kv = (long) kvHeads * headDim;
        long attention = hidden * q + 2 * hidden * kv + q * hidden;
        long mlp = 3 * hidden * intermediateSize;
        long feedForward = isMixtureOfExperts() ? experts * hidden + experts * mlp : mlp;
        long embedding = (long) vocabularySize * hidden;
        return embedding + layers * (2 * hidden + attention + feedForward) + hidden
                + (tieWordEmbeddings ? 0 : embedding);
    }

    /** Query heads that share one key/value head. */
    public int headsPerKvHead() {
        return heads / kvHeads;
    }

    /** Reads {@code config.json}; an unknown architecture or a missing size is refused with the reason. */
    public static ModelConfig read(Path configJson) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(configJson.toFile());
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + configJson + ": " + e.getMessage()
                    + ": the checkpoint directory needs the model's config.json", e);
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointException(configJson + " is not a JSON object: the file is corrupt");
        }
        JsonNode archs = root.path("architectures");
        if (!archs.isArray() || archs.size() != 1 || !archs.get(0).isTextual()) {
            throw new CheckpointException(configJson + ": \"architectures\" must name exactly one architecture, found "
                    + archs + ": the file is not a Hugging Face causal-LM config");
        }
        Architecture architecture = Architecture.of(archs.get(0).asText(), configJson);
        Fields f = new Fields(root, configJson);
        int hidden = f.requiredInt("hidden_size");
        int heads = f.requiredInt("num_attention_heads");
        int headDim = root.hasNonNull("head_dim") ? f.requiredInt("head_dim") : hidden / heads;
        boolean moe = architecture == Architecture.MIXTRAL;
        boolean qwen2 = architecture == Architecture.QWEN2;
        return new ModelConfig(
                architecture,
                hidden,
                f.requiredInt("num_hidden_layers"),
                heads,
                root.hasNonNull("num_key_value_heads") ? f.requiredInt("num_key_value_heads") : heads,
                headDim,
                f.requiredInt("intermediate_size"),
                f.requiredInt("vocab_size"),
                root.hasNonNull("rope_theta") ? f.requiredDouble("rope_theta") : 10000.0,
                f.requiredDouble("rms_norm_eps"),
                f.requiredInt("max_position_embeddings"),
                root.hasNonNull("bos_token_id") ? f.requiredInt("bos_token_id") : 1,
                root.hasNonNull("eos_token_id") ? f.requiredInt("eos_token_id") : 2,
                root.path("torch_dtype").asText("float32"),
                moe ? f.requiredInt("num_local_experts") : 0,
                moe ? f.requiredInt("num_experts_per_tok") : 0,
                root.path("tie_word_embeddings").asBoolean(false), // as Qwen2Config and MistralConfig default
                slidingWindow(root, f, qwen2),
                qwen2);
    }

    /**
     * The window as Hugging Face applies it. Mistral: {@code sliding_window} when not null. Qwen2: only when
     * {@code use_sliding_window} is true, and then in the layers from {@code max_window_layers} on; the decoder
     * attends to the whole sequence, so any window at all caps the sequences it computes exactly.
     */
    private static int slidingWindow(JsonNode root, Fields f, boolean qwen2) {
        if (qwen2 && !root.path("use_sliding_window").asBoolean(false)) {
            return 0;
        }
        if (qwen2 && root.hasNonNull("max_window_layers") && root.hasNonNull("num_hidden_layers")
                && f.requiredInt("max_window_layers") >= f.requiredInt("num_hidden_layers")) {
            return 0; // no layer reaches max_window_layers: every layer attends to the whole sequence
        }
        return root.hasNonNull("sliding_window") ? f.requiredInt("sliding_window") : 0;
    }

    private static void positive(String key, int value) {
        if (value <= 0) {
            throw new CheckpointException("config.json: " + key + " is " + value
                    + "; it must be positive: the file is not a valid checkpoint");
        }
    }

    private record Fields(JsonNode root, Path file) {

        int requiredInt(String key) {
            JsonNode n = root.get(key);
            if (n == null || !n.canConvertToInt() || !n.isIntegralNumber()) {
                throw new CheckpointException(file + ": \"" + key + "\" must be an integer, found " + n
                        + ": the file is not a complete config for this architecture");
            }
            return n.intValue();
        }

        double requiredDouble(String key) {
            JsonNode n = root.get(key);
            if (n == null || !n.isNumber()) {
                throw new CheckpointException(file + ": \"" + key + "\" must be a number, found " + n
                        + ": the file is not a complete config for this architecture");
            }
            return n.doubleValue();
        }
    }
}
