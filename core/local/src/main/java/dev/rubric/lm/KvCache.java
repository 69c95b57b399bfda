package dev.rubric.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of every layer for a batch of sequences, {@code [batch, kvHeads, capacity, headDim]} per layer,
 * written in place, slot by slot, and grown as the sequences get longer.
 *
 * <p>Growth policy, in blocks of {@value #BLOCK} slots: the prefill reserves the prompt's slots and one block for the
 * first generated tokens (Prometheus writes 100-300 feedback tokens, so most batches never grow); after that, each
 * time a step needs a slot past the capacity, every layer's arrays are reallocated one block longer (never past the
 * most the batch was created for) and the written slots copied over, one layer at a time, so growing takes at most
 * one layer's keys (or values) of extra memory at once. A slot is never read before it is written: attention reads only the
 * slots the sequences have filled.
 */
final class KvCache {

    /** Slots reserved past the prompts when the cache is first allocated, and added at a time when it grows. */
    static final int BLOCK = 256;

    private final NDManager manager;
    private final DataType dtype;
    private final int batch;
    private final int kvHeads;
    private final int headDim;
    private final int maxLength;
    private final int block;
    private final NDArray[] keys;
    private final NDArray[] values;
    private int capacity;
    private int growths;

    /**
     * An empty cache for {@code batch} sequences of at most {@code maxLength} slots, growing in blocks of
     * {@code block} slots ({@link #BLOCK} but in tests); {@link #reserve} allocates it.
     */
    KvCache(NDManager manager, ModelConfig config, DataType dtype, int batch, int maxLength, int block) {
        if (block < 1) {
            throw new IllegalArgumentException("the KV cache grows by at least 1 slot, not " + block);
        }
        this.manager = manager;
        this.dtype = dtype;
        this.batch = batch;
        this.kvHeads = config.kvHeads();
        this.headDim = config.headDim();
        this.maxLength = maxLength;
        this.block = block;
        this.keys = new NDArray[config.layers()];
        this.values = new NDArray[config.layers()];
    }

    NDArray keys(int layer) {
        return keys[layer];
    }

    NDArray values(int layer) {
        return values[layer];
    }

    int layers() {
        return keys.length;
    }

    int capacity() {
        return capacity;
    }

    /** How often the cache was reallocated longer after its first allocation (for tests). */
    int growths() {
        return growths;
    }

    /** Allocates the cache for prompts of {@code promptSlots} slots and the first generated tokens. Once. */
    void reserve(int promptSlots) {
        if (capacity > 0) {
            throw new IllegalStateException("the KV cache is already allocated");
        }
        capacity = Math.min(maxLength, promptSlots + block);
        for (int l = 0; l < keys.length; l++) {
            keys[l] = manager.zeros(shape(capacity), dtype);
            values[l] = manager.zeros(shape(capacity), dtype);
        }
    }

    /** Makes room for {@code length} slots: grows by a block (or to the most allowed) when needed. */
    void ensure(int length) {
        if (length <= capacity) {
            return;
        }
        if (length > maxLength) {
            throw new IllegalStateException("the KV cache is full (" + maxLength
                    + " slots): create the batch with a larger maxSequenceLength");
        }
        int grown = Math.min(maxLength, Math.max(length, capacity + block));
        NDIndex written = new NDIndex(":, :, 0:{}", capacity);
        for (int l = 0; l < keys.length; l++) {
            keys[l] = grow(keys[l], grown, written);
            values[l] = grow(values[l], grown, written);
        }
        capacity = grown;
        growths++;
    }

    private NDArray grow(NDArray old, int grown, NDIndex written) {
        NDArray longer = manager.zeros(shape(grown), dtype);
        longer.set(written, old);
        old.close();
        return longer;
    }

    /** Copies slots {@code [0, slots)} of row {@code from} into rows {@code [to, to + count)} of every layer. */
    void copyRow(int from, int to, int count, int slots) {
        if (count == 0 || slots == 0) {
            return;
        }
        NDIndex source = new NDIndex("{}:{}, :, 0:{}", from, from + 1, slots);
        NDIndex target = new NDIndex("{}:{}, :, 0:{}", to, to + count, slots);
        for (int l = 0; l < keys.length; l++) {
            copy(keys[l], source, target);
            copy(values[l], source, target);
        }
    }

    private static void copy(NDArray array, NDIndex source, NDIndex target) {
        try (NDArray slice = array.get(source)) {
            array.set(target, slice);
        }
    }

    private Shape shape(int slots) {
        return new Shape(batch, kvHeads, slots, headDim);
    }
}
