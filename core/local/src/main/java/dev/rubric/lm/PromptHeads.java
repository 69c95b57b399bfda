package dev.rubric.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

import java.util.Arrays;

/**
 * The keys and values of the most recent prompt head, kept between batches so that the next batch whose prompts
 * start the same way does not compute it again. Every Prometheus prompt starts with the same system prompt and task
 * description; gradings of one instruction (samples of one test, both orders of a pairwise grading) share more.
 *
 * <p>One head is kept, of at most {@value #MAX_TOKENS} tokens (the first ones, when a batch shared more): its
 * keys and values are what any sequence computes for those tokens at positions {@code 0..n-1}, whatever comes after
 * them, so they can be copied into any row of any batch's cache. The memory plan counts it. Thread-safe.
 */
final class PromptHeads {

    /** The longest head kept between batches. */
    static final int MAX_TOKENS = 1024;
    /** Shared prefixes shorter than this are computed with the rest of each prompt. */
    static final int MIN_TOKENS = 16;

    private final NDManager manager;
    private int[] ids = new int[0];
    private NDArray[] keys = new NDArray[0];
    private NDArray[] values = new NDArray[0];

    PromptHeads(NDManager manager) {
        this.manager = manager;
    }

    /**
     * Copies the longest part of the kept head that {@code prompt}'s first {@code head} tokens start with into slots
     * {@code [0, n)} of row {@code row}, and returns n (0 when nothing matches).
     */
    synchronized int copyInto(KvCache cache, int row, int[] prompt, int head) {
        int n = commonPrefix(ids, ids.length, prompt, head);
        if (n == 0) {
            return 0;
        }
        NDIndex source = new NDIndex(":, :, 0:{}", n);
        NDIndex target = new NDIndex("{}:{}, :, 0:{}", row, row + 1, n);
        for (int l = 0; l < keys.length; l++) {
            try (NDArray k = keys[l].get(source); NDArray v = values[l].get(source)) {
                cache.keys(l).set(target, k);
                cache.values(l).set(target, v);
            }
        }
        return n;
    }

    /** Keeps row {@code row}'s first {@code head} slots (up to {@link #MAX_TOKENS}) as the head {@code prompt} starts with. */
    synchronized void keep(KvCache cache, int row, int[] prompt, int head) {
        int n = Math.min(head, MAX_TOKENS);
        if (n < MIN_TOKENS || (n <= ids.length && commonPrefix(ids, ids.length, prompt, n) == n)) {
            return; // too short to be worth keeping, or already kept
        }
        clear(); // the old head goes first: the device never holds two heads, which the memory plan does not count
        int layers = cache.layers();
        NDArray[] newKeys = new NDArray[layers];
        NDArray[] newValues = new NDArray[layers];
        NDIndex slots = new NDIndex("{}:{}, :, 0:{}", row, row + 1, n);
        try {
            for (int l = 0; l < layers; l++) {
                newKeys[l] = detachedCopy(cache.keys(l), slots);
                newValues[l] = detachedCopy(cache.values(l), slots);
            }
        } catch (RuntimeException e) { // out of memory while copying: keep no head, and free the part copied
            for (int l = 0; l < layers; l++) {
                if (newKeys[l] != null) {
                    newKeys[l].close();
                }
                if (newValues[l] != null) {
                    newValues[l].close();
                }
            }
            throw e;
        }
        ids = Arrays.copyOf(prompt, n);
        keys = newKeys;
        values = newValues;
    }

    private NDArray detachedCopy(NDArray array, NDIndex slots) {
        try (NDArray view = array.get(slots)) {
            NDArray copy = view.duplicate();
            copy.attach(manager);
            return copy;
        }
    }

    /** Frees the kept head (before another is kept, after the device ran out of memory, or when the model closes). */
    synchronized void clear() {
        for (NDArray a : keys) {
            a.close();
        }
        for (NDArray a : values) {
            a.close();
        }
        ids = new int[0];
        keys = new NDArray[0];
        values = new NDArray[0];
    }

    /** Tokens of the kept head (0 when none). */
    synchronized int length() {
        return ids.length;
    }

    /** The length of the common prefix of {@code a[0, aLength)} and {@code b[0, bLength)}. */
    static int commonPrefix(int[] a, int aLength, int[] b, int bLength) {
        int n = Math.min(Math.min(aLength, a.length), Math.min(bLength, b.length));
        int i = 0;
        while (i < n && a[i] == b[i]) {
            i++;
        }
        return i;
    }
}
