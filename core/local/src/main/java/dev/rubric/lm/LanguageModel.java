package dev.rubric.lm;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A loaded causal language model, as the local judge uses it: its tokenizer and batched, KV-cached generation.
 * {@code CausalLm} is the implementation for Mistral, Mixtral and Qwen2 checkpoints on DJL.
 */
@API(status = INTERNAL, since = "0.1")
public interface LanguageModel extends AutoCloseable {

    LmTokenizer tokenizer();

    /** How the model wants a conversation written: its own chat template. */
    ChatTemplate chatTemplate();

    /** The model family, for fingerprints and logs: {@code mistral}, {@code mixtral}, {@code llama}, {@code qwen2}. */
    String family();

    /**
     * A decoder for up to {@code batchSize} sequences of at most {@code maxSequenceLength} tokens each
     * (prompt plus generated), its KV cache allocated once.
     */
    BatchDecoder newBatch(int batchSize, int maxSequenceLength);

    /** The longest sequence the model supports (its max position embeddings). */
    int maxSequenceLength();

    /** One line for logs: architecture, size, device, dtype, libtorch flavour. */
    String description();

    @Override
    void close();
}
