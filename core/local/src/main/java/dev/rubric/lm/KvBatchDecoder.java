package dev.rubric.lm;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;

/**
 * Batched generation with a KV cache that grows as the sequences do ({@link KvCache}).
 *
 * <p>Prefill: the prompts' longest shared prefix, their <em>head</em>, is computed once, for the first sequence, and
 * copied into every sequence's cache; when the {@link PromptHeads} kept from an earlier batch start the same way,
 * that part is copied instead of computed. The rest of each prompt, its <em>tail</em>, is left-padded to the longest
 * tail and placed after the head, so a sequence's slots read {@code [head][padding][tail]} and every sequence writes
 * the same slot at each step. Rotary positions count a sequence's real tokens only (the head's from 0, the tail's
 * from the head's length), and the mask hides the padding, so the logits are those of each prompt alone (up to
 * floating-point rounding: a head computed alone, or a batch padded differently, sums in another order). Tails are
 * computed in groups of sequences whose temporaries fit the {@link MemoryPlan}.
 *
 * <p>Each step runs on the libtorch thread count {@link StepThreads} finds faster for its batch size (a one-sequence
 * step's weight products split by rows over that many threads, {@link RowSplit}), each prefill on libtorch's own.
 * Per-call temporaries live in a child {@link NDManager} closed before the call returns, so native memory stays flat
 * over many steps. Not thread-safe: one thread drives one decoder.
 */
final class KvBatchDecoder implements BatchDecoder {

    /** Unplanned, at most this many attention scores (per layer) in one prefill group: 256 Mi values, 1 GiB in float32. */
    static final long SCORES_PER_GROUP = 1L << 28;

    private final Transformer model;
    private final NDManager manager;
    private final KvCache cache;
    private final MemoryPlan plan;
    private final PromptHeads heads;
    private final StepThreads threads;
    private final int batchSize;
    private final int maxLength;
    private final long scoresPerGroup;
    private int active;
    private int length;
    /** Per sequence, the padding slots {@code [paddingStart, paddingEnd)} between its head and its tail. */
    private int[] paddingStart = new int[0];
    private int[] paddingEnd = new int[0];
    private int prefilledTokens;
    private boolean closed;

    /**
     * @param heads          the kept prompt heads, or null to compute every prompt whole
     * @param scoresPerGroup the prefill group's bound in attention scores when the plan is unplanned
     * @param threads        libtorch's intra-op threads for each step
     * @param block          slots the cache reserves past the prompts and grows by at a time
     */
    KvBatchDecoder(Transformer model, NDManager parent, int batchSize, int maxLength, MemoryPlan plan,
            PromptHeads heads, StepThreads threads, long scoresPerGroup, int block) {
        this.model = model;
        this.plan = plan;
        this.heads = heads;
        this.threads = threads;
        this.scoresPerGroup = scoresPerGroup;
        this.batchSize = batchSize;
        this.maxLength = maxLength;
        this.manager = parent.newSubManager();
        this.cache = new KvCache(manager, model.config(), model.dtype(), batchSize, maxLength, block);
    }

    @Override
    public float[][] prefill(int[][] prompts) {
        checkOpen();
        if (active > 0) {
            throw new IllegalStateException("this batch was prefilled already: a batch decoder runs one batch");
        }
        if (prompts.length < 1 || prompts.length > batchSize) {
            throw new IllegalArgumentException(prompts.length + " prompts for a batch of " + batchSize);
        }
        int longest = 0;
        int shortest = Integer.MAX_VALUE;
        int vocabulary = model.config().vocabularySize();
        for (int[] prompt : prompts) {
            if (prompt.length == 0) {
                throw new IllegalArgumentException("an empty prompt: every sequence needs at least one token");
            }
            for (int token : prompt) {
                checkToken(token, vocabulary);
            }
            longest = Math.max(longest, prompt.length);
            shortest = Math.min(shortest, prompt.length);
        }
        if (longest > maxLength) {
            throw new IllegalArgumentException("a prompt of " + longest + " tokens does not fit this batch's "
                    + maxLength + " slots: create the batch with a larger maxSequenceLength");
        }
        int n = prompts.length;
        if (threads.choosing()) {
            StepThreads.use(threads.forPrefill());
        }
        cache.reserve(longest);
        int head = heads == null ? 0 : sharedHead(prompts, shortest);
        if (head > 0) {
            prefillHead(prompts[0], head);
            cache.copyRow(0, 1, n - 1, head);
            heads.keep(cache, 0, prompts[0], head);
        }
        active = n;
        length = longest;
        return prefillTails(prompts, head, longest - head);
    }

    /** The prompts' longest common prefix, leaving every prompt at least one token of tail; 0 when too short to share. */
    private static int sharedHead(int[][] prompts, int shortest) {
        int head = shortest - 1;
        for (int b = 1; b < prompts.length && head > 0; b++) {
            head = PromptHeads.commonPrefix(prompts[0], head, prompts[b], head);
        }
        return head >= PromptHeads.MIN_TOKENS ? head : 0;
    }

    /** Fills slots {@code [0, head)} of row 0: copied from the kept head as far as it matches, the rest computed. */
    private void prefillHead(int[] prompt, int head) {
        int reused = heads.copyInto(cache, 0, prompt, head);
        int tokens = head - reused;
        if (tokens == 0) {
            return;
        }
        long[] ids = new long[tokens];
        int[] positions = new int[tokens];
        for (int j = 0; j < tokens; j++) {
            ids[j] = prompt[reused + j];
            positions[j] = reused + j;
        }
        try (NDManager scope = manager.newSubManager()) {
            model.forward(scope, cache, 0, 1, tokens, reused, ids, positions, causal(tokens, reused),
                    new float[head], Transformer.WHOLE);
        }
        prefilledTokens += tokens;
    }

    /** Computes every prompt's tail after the head, in groups that fit the plan, and returns the next-token logits. */
    private float[][] prefillTails(int[][] prompts, int head, int tail) {
        int n = prompts.length;
        int seen = head + tail;
        paddingStart = new int[n];
        paddingEnd = new int[n];
        long[] ids = new long[n * tail];
        int[] positions = new int[n * tail];
        for (int b = 0; b < n; b++) {
            int pad = tail - (prompts[b].length - head);
            paddingStart[b] = head;
            paddingEnd[b] = head + pad;
            for (int j = pad; j < tail; j++) {
                int slot = b * tail + j;
                ids[slot] = prompts[b][head + j - pad];
                positions[slot] = head + j - pad;
            }
        }
        float[] causal = causal(tail, head);
        int group = plan.prefillGroup(n, tail, seen, cache.capacity(), scoresPerGroup);
        float[][] logits = new float[n][];
        for (int first = 0; first < n; first += group) {
            int count = Math.min(group, n - first);
            long[] groupIds = Arrays.copyOfRange(ids, first * tail, (first + count) * tail);
            int[] groupPositions = Arrays.copyOfRange(positions, first * tail, (first + count) * tail);
            try (NDManager scope = manager.newSubManager()) {
                float[][] part = model.forward(scope, cache, first, count, tail, head, groupIds, groupPositions,
                        causal, paddingMask(first, count, seen), Transformer.WHOLE);
                System.arraycopy(part, 0, logits, first, count);
            }
        }
        prefilledTokens += n * tail;
        return logits;
    }

    /** The causal mask of {@code tokens} new tokens written after {@code start} slots: token i sees slots up to start + i. */
    private static float[] causal(int tokens, int start) {
        int seen = start + tokens;
        float[] mask = new float[tokens * seen];
        for (int i = 0; i < tokens; i++) {
            Arrays.fill(mask, i * seen + start + i + 1, (i + 1) * seen, Transformer.MASKED);
        }
        return mask;
    }

    /** 0 for the keys of real tokens, {@link Transformer#MASKED} for each sequence's padding slots. */
    private float[] paddingMask(int first, int count, int seen) {
        float[] mask = new float[count * seen];
        for (int b = 0; b < count; b++) {
            Arrays.fill(mask, b * seen + paddingStart[first + b], b * seen + paddingEnd[first + b], Transformer.MASKED);
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
            positions[b] = length - (paddingEnd[b] - paddingStart[b]);
        }
        cache.ensure(length + 1);
        int start = length;
        length++;
        StepThreads.Way way = threads.forStep(n);
        if (threads.choosing()) {
            StepThreads.use(threads.libtorchThreads(way));
        }
        long began = System.nanoTime();
        try (NDManager scope = manager.newSubManager()) {
            return model.forward(scope, cache, 0, n, 1, start, ids, positions, new float[length],
                    paddingMask(0, n, length), threads.projection(way));
        } finally {
            threads.took(n, way, System.nanoTime() - began);
        }
    }

    @Override
    public int remainingCapacity() {
        return maxLength - length;
    }

    @Override
    public int prefilledTokens() {
        return prefilledTokens;
    }

    /** Arrays this decoder holds between calls (its KV cache); for tests that check memory stays flat. */
    int liveArrays() {
        return manager.getManagedArrays().size();
    }

    /** The cache's slots now, and how often it grew (for tests). */
    int cacheCapacity() {
        return cache.capacity();
    }

    int cacheGrowths() {
        return cache.growths();
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
