package dev.rubric.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of every layer for a batch of sequences, allocated once as
 * {@code [batch, kvHeads, maxLength, headDim]} per layer and written in place, slot by slot.
 */
final class KvCache {

    private final NDArray[] keys;
    private final NDArray[] values;

    KvCache(NDManager manager, ModelConfig config, DataType dtype, int batch, int maxLength) {
        Shape shape = new Shape(batch, config.kvHeads(), maxLength, config.headDim());
        keys = new NDArray[config.layers()];
        values = new NDArray[config.layers()];
        for (int l = 0; l < keys.length; l++) {
            keys[l] = manager.zeros(shape, dtype);
            values[l] = manager.zeros(shape, dtype);
        }
    }

    NDArray keys(int layer) {
        return keys[layer];
    }

    NDArray values(int layer) {
        return values[layer];
    }
}
