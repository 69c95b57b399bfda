package dev.rubric.lm;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * One batch of sequences being generated together with a KV cache: prefill the prompts, then feed one token per
 * sequence per step. Logits come back as plain arrays, one row per sequence, in the order of the prompts.
 * Implementations keep their per-step native temporaries in a scope, so memory stays flat over many steps.
 */
@API(status = INTERNAL, since = "0.1")
public interface BatchDecoder extends AutoCloseable {

    /** Runs the prompts (token ids, BOS included where wanted) and returns the next-token logits of each. */
    float[][] prefill(int[][] prompts);

    /** Appends one token to each sequence (same order as the prompts) and returns the next-token logits of each. */
    float[][] step(int[] tokens);

    /** Tokens each sequence may still grow by before its KV cache is full. */
    int remainingCapacity();

    /**
     * Token positions the prefill ran through the model, padding included: fewer than the prompts' tokens when a
     * prompt head they share was computed once or reused from an earlier batch; -1 when the decoder does not count.
     */
    default int prefilledTokens() {
        return -1;
    }

    @Override
    void close();
}
