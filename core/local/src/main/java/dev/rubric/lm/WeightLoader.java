package dev.rubric.lm;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

/**
 * Turns checkpoint tensors into NDArrays of the working dtype on the working device, converting while reading:
 * bfloat16 (which DJL's PyTorch cannot hold) becomes float32 bit-exactly ({@code bits << 16}); on a GPU the float32
 * is then cast to float16 there. Data is written straight into memory the CPU tensor owns, so no second copy of the
 * model stays in Java direct memory.
 */
final class WeightLoader {

    private final CheckpointWeights weights;
    private final NDManager manager;
    private final NDManager cpuStaging;
    private final DataType dtype;
    private final LoadProgress progress;
    private final int expectedTensors;
    private int tensorsDone;
    private long bytesDone;

    WeightLoader(CheckpointWeights weights, NDManager manager, NDManager cpuStaging, DataType dtype,
            LoadProgress progress, int expectedTensors) {
        this.weights = weights;
        this.manager = manager;
        this.cpuStaging = cpuStaging;
        this.dtype = dtype;
        this.progress = progress;
        this.expectedTensors = expectedTensors;
    }

    /** The named tensor, checked against the expected shape, in the working dtype on the working device. */
    NDArray load(String name, long... shape) {
        TensorEntry entry = weights.require(name, shape);
        ByteBuffer bytes = weights.map(entry);
        boolean onCpu = manager.getDevice().equals(Device.cpu());
        NDManager staging = onCpu ? manager : cpuStaging;
        NDArray host = switch (entry.dtype()) {
            case F32 -> copyFloat32(bytes, shape, staging);
            case BF16 -> bfloat16ToFloat32(bytes, shape, staging);
            case F16 -> float16(bytes, shape, staging);
        };
        NDArray result = host;
        if (!onCpu) {
            result = host.toDevice(manager.getDevice(), true);
            result.attach(manager);
            host.close();
        }
        if (result.getDataType() != dtype) {
            NDArray cast = result.toType(dtype, false);
            cast.attach(manager);
            result.close();
            result = cast;
        }
        result.setName(name);
        tensorsDone++;
        bytesDone += entry.byteLength();
        progress.loaded(name, tensorsDone, expectedTensors, bytesDone, weights.totalBytes());
        return result;
    }

    private static NDArray copyFloat32(ByteBuffer bytes, long[] shape, NDManager staging) {
        NDArray array = staging.create(new Shape(shape), DataType.FLOAT32);
        FloatBuffer target = writableView(array).asFloatBuffer();
        target.put(bytes.asFloatBuffer());
        return array;
    }

    private static NDArray bfloat16ToFloat32(ByteBuffer bytes, long[] shape, NDManager staging) {
        NDArray array = staging.create(new Shape(shape), DataType.FLOAT32);
        FloatBuffer target = writableView(array).asFloatBuffer();
        ShortBuffer source = bytes.asShortBuffer();
        int n = source.remaining();
        for (int i = 0; i < n; i++) {
            target.put(i, Float.intBitsToFloat((source.get(i) & 0xFFFF) << 16));
        }
        return array;
    }

    private static NDArray float16(ByteBuffer bytes, long[] shape, NDManager staging) {
        NDArray array = staging.create(new Shape(shape), DataType.FLOAT16);
        writableView(array).asShortBuffer().put(bytes.asShortBuffer());
        return array;
    }

    /** The CPU tensor's own memory, which PyTorch hands out for a contiguous CPU tensor. */
    private static ByteBuffer writableView(NDArray array) {
        ByteBuffer view = array.toByteBuffer(true);
        if (!view.isDirect()) {
            throw new IllegalStateException("DJL returned a copy of a fresh CPU tensor instead of its memory; "
                    + "this DJL version is not supported");
        }
        return view.order(ByteOrder.LITTLE_ENDIAN);
    }
}
