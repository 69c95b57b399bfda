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
     * (prompt plus generated); its KV cache grows up to that length as the sequences do.
     */
    BatchDecoder newBatch(int batchSize, int maxSequenceLength);

    /** As {@link #newBatch(int, int)}, prefilling in groups that fit {@code plan} (a plan of this model's). */
    default BatchDecoder newBatch(int batchSize, int maxSequenceLength, MemoryPlan plan) {
        return newBatch(batchSize, maxSequenceLength);
    }

    /**
     * How many sequences fit in a batch on this model's device, for batches of at most {@code maxBatch} sequences
     * that generate up to {@code generatedTokens} tokens each. A model that knows nothing of its memory is unplanned.
     */
    default MemoryPlan memoryPlan(int maxBatch, int generatedTokens) {
        return MemoryPlan.unplanned(maxBatch, generatedTokens);
    }

    /**
     * Frees what the model keeps between batches and can compute again (the prompt head of {@link LoadOptions}'
     * shared heads): called when the device ran out of memory, before the gradings are judged again in smaller batches.
     */
    default void releaseSpareMemory() {
    }

    /** The longest sequence the model supports (its max position embeddings). */
    int maxSequenceLength();

    /** One line for logs: architecture, size, device, dtype, libtorch flavour. */
    String description();

    @Override
    void close();
}
