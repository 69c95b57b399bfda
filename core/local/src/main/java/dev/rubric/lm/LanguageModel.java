package dev.rubric.lm;

/**
 * A loaded causal language model, as the local judge uses it: its tokenizer and batched, KV-cached generation.
 * {@code CausalLm} is the implementation for Mistral and Mixtral checkpoints on DJL.
 */
public interface LanguageModel extends AutoCloseable {

    LmTokenizer tokenizer();

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
