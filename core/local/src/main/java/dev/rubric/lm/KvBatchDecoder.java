package dev.rubric.lm;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;

/**
 * Batched generation with a KV cache allocated once. Prompts are left-padded to the longest, so that every sequence
 * writes the same cache slot at each step; each sequence's rotary positions start at 0 at its first real token, and
 * the mask hides padding. Long prefills run in groups of sequences, so one layer's attention scores stay bounded. Per-call temporaries live
 * in a child {@link NDManager} closed before the call returns, so native memory stays flat over many steps.
 * Not thread-safe: one thread drives one decoder.
 */
final class KvBatchDecoder implements BatchDecoder {

    /** At most this many attention scores (per layer) in one prefill group: 256 Mi values, 1 GiB in float32. */
    static final long SCORES_PER_GROUP = 1L << 28;

    private final Transformer model;
    private final NDManager manager;
    private final KvCache cache;
    private final int batchSize;
    private final int maxLength;
    private final long scoresPerGroup;
    private int active;
    private int length;
    private int[] padding = new int[0];
    private boolean closed;

    KvBatchDecoder(Transformer model, NDManager parent, int batchSize, int maxLength) {
        this(model, parent, batchSize, maxLength, SCORES_PER_GROUP);
    }

    KvBatchDecoder(Transformer model, NDManager parent, int batchSize, int maxLength, long scoresPerGroup) {
        this.model = model;
        this.scoresPerGroup = scoresPerGroup;
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
        float[] causal = new float[longest * longest];
        for (int i = 0; i < longest; i++) {
            Arrays.fill(causal, i * longest + i + 1, (i + 1) * longest, Transformer.MASKED);
        }
        active = n;
        padding = pad;
        length = longest;
        // sequences in groups small enough that one layer's attention scores stay under scoresPerGroup values
        long scoresPerSequence = (long) model.config().heads() * longest * longest;
        int group = (int) Math.max(1, Math.min(n, scoresPerGroup / scoresPerSequence));
        float[][] logits = new float[n][];
        for (int first = 0; first < n; first += group) {
            int count = Math.min(group, n - first);
            long[] groupIds = Arrays.copyOfRange(ids, first * longest, (first + count) * longest);
            int[] groupPositions = Arrays.copyOfRange(positions, first * longest, (first + count) * longest);
            try (NDManager scope = manager.newSubManager()) {
                float[][] part = model.forward(scope, cache, first, count, longest, 0, groupIds, groupPositions,
                        causal, paddingMask(first, count, longest));
                System.arraycopy(part, 0, logits, first, count);
            }
        }
        return logits;
    }

    /** 0 for the keys of real tokens, {@link Transformer#MASKED} for a sequence's left padding. */
    private float[] paddingMask(int first, int count, int seen) {
        float[] mask = new float[count * seen];
        for (int b = 0; b < count; b++) {
            Arrays.fill(mask, b * seen, b * seen + padding[first + b], Transformer.MASKED);
        }
        return mask;
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
        for (int b = 0; b < n; b++) {
            checkToken(tokens[b], vocabulary);
            ids[b] = tokens[b];
            positions[b] = length - padding[b];
        }
        int start = length;
        length++;
        try (NDManager scope = manager.newSubManager()) {
            return model.forward(scope, cache, 0, n, 1, start, ids, positions, new float[length],
                    paddingMask(0, n, length));
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
