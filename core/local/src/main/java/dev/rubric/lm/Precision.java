package dev.rubric.lm;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The number format the model computes in: its weights, activations and KV cache. RMSNorm's statistics and the
 * attention softmax are float32 whatever it is (see {@code Transformer}).
 */
@API(status = INTERNAL, since = "0.1")
public enum Precision {
    /** float16 on a GPU, float32 on the CPU: what the judge runs in. */
    AUTO,
    /**
     * float16 wherever the model runs. On the CPU this is the GPU's working format made testable without a GPU
     * (libtorch's float16 matrix products are about 4x slower than float32 there, so it is for tests).
     */
    FLOAT16,
    /** float32 wherever the model runs. */
    FLOAT32;

    /** The working dtype on {@code device}. */
    DataType on(Device device) {
        return switch (this) {
            case AUTO -> device.isGpu() ? DataType.FLOAT16 : DataType.FLOAT32;
            case FLOAT16 -> DataType.FLOAT16;
            case FLOAT32 -> DataType.FLOAT32;
        };
    }
}
