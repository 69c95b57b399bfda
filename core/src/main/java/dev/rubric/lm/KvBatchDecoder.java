package dev.rubric.lm;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;

/**
 * Batched generation with a KV cache allocated once. Prompts are left-padded to the longest, so that every sequence
 * writes the same cache slot at each step; each sequence's rotary positions start at 0 at its first real token, and
 * the mask hides padding (a padding slot only sees itself, which keeps its values finite). Per-call temporaries live
 * in a child {@link NDManager} closed before the call returns, so native memory stays flat over many steps.
 * Not thread-safe: one thread drives one decoder.
 */
final class KvBatchDecoder implements BatchDecoder {

    private final Transformer model;
    private final NDManager manager;
    private final KvCache cache;
    private final int batchSize;
    private final int maxLength;
    private int active;
    private int length;
    private int[] padding = new int[0];
    private boolean closed;

    KvBatchDecoder(Transformer model, NDManager parent, int batchSize, int maxLength) {
        this.model = model;
        this.batchSize = batchSize;
        this.maxLength = maxLength;
        this.manager = parent.newSubManager();
        this.cache = new KvCache(manager, model.config(), model.dtype(), batchSize, maxLength);
    }

    @Override
    public float[][] prefill(int[][] prompts) {
        checkOpen();
        if (prompts.length < 1 || prompts.length > batchSize) {
            throw new IllegalArgumentException(prompts.length + " prompts for a batch of " + batchSize);
        }
        int longest = 0;
        for (int[] prompt : prompts) {
            if (prompt.length == 0) {
                throw new IllegalArgumentException("an empty prompt: every sequence needs at least one token");
            }
            longest = Math.max(longest, prompt.length);
        }
        if (longest > maxLength) {
            throw new IllegalArgumentException("a prompt of " + longest + " tokens does not fit this batch's "
                    + maxLength + " slots: create the batch with a larger maxSequenceLength");
        }
        int n = prompts.length;
        int[] pad = new int[n];
        long[] ids = new long[n * longest];
        int[] positions = new int[n * longest];
        int vocabulary = model.config().vocabularySize();
        for (int b = 0; b < n; b++) {
            pad[b] = longest - prompts[b].length;
            for (int j = 0; j < longest; j++) {
                int slot = b * longest + j;
                if (j >= pad[b]) {
                    int token = prompts[b][j - pad[b]];
                    checkToken(token, vocabulary);
                    ids[slot] = token;
                    positions[slot] = j - pad[b];
                }
            }
        }
        float[] mask = new float[n * longest * longest];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < longest; i++) {
                int base = (b * longest + i) * longest;
                for (int j = 0; j < longest; j++) {
                    boolean visible = (j <= i && j >= pad[b]) || j == i;
                    mask[base + j] = visible ? 0f : Transformer.MASKED;
                }
            }
        }
        active = n;
        padding = pad;
        length = longest;
        try (NDManager scope = manager.newSubManager()) {
            return model.forward(scope, cache, n, longest, 0, ids, positions, mask);
        }
    }

    @Override
    public float[][] step(int[] tokens) {
        checkOpen();
        if (active == 0) {
            throw new IllegalStateException("step before prefill: prefill the prompts first");
        }
        if (tokens.length != active) {
            throw new IllegalArgumentException(tokens.length + " tokens for " + active + " sequences");
        }
        if (length >= maxLength) {
            throw new IllegalStateException("the KV cache is full (" + maxLength
                    + " slots): create the batch with a larger maxSequenceLength");
        }
        int n = active;
        int vocabulary = model.config().vocabularySize();
        long[] ids = new long[n];
        int[] positions = new int[n];
        int seen = length + 1;
        float[] mask = new float[n * seen];
        for (int b = 0; b < n; b++) {
            checkToken(tokens[b], vocabulary);
            ids[b] = tokens[b];
            positions[b] = length - padding[b];
            Arrays.fill(mask, b * seen, b * seen + padding[b], Transformer.MASKED);
        }
        int start = length;
        length++;
        try (NDManager scope = manager.newSubManager()) {
            return model.forward(scope, cache, n, 1, start, ids, positions, mask);
        }
    }

    @Override
    public int remainingCapacity() {
        return maxLength - length;
    }

    /** Arrays this decoder holds between calls (its KV cache); for tests that check memory stays flat. */
    int liveArrays() {
        return manager.getManagedArrays().size();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this batch decoder is closed");
        }
    }

    private static void checkToken(int token, int vocabulary) {
        if (token < 0 || token >= vocabulary) {
            throw new IllegalArgumentException("token id " + token + " is outside the vocabulary of " + vocabulary);
        }
    }
}
