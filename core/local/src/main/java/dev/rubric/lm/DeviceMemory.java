package dev.rubric.lm;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import org.apiguardian.api.API;

import java.lang.management.MemoryUsage;
import java.util.OptionalLong;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * How much memory a device has free, for the {@link MemoryPlan}. The real one asks CUDA (through DJL) for a GPU and
 * knows nothing for the CPU, whose free memory is not a budget libtorch can be held to; tests give numbers.
 */
@API(status = INTERNAL, since = "0.1")
@FunctionalInterface
public interface DeviceMemory {

    /** Bytes free on {@code device} now, or empty when the device does not say. */
    OptionalLong freeBytes(Device device);

    /** CUDA's {@code cudaMemGetInfo} for a GPU (through DJL's {@code CudaUtils}); nothing for the CPU. */
    static DeviceMemory cuda() {
        return device -> {
            if (!device.isGpu()) {
                return OptionalLong.empty();
            }
            try {
                MemoryUsage usage = CudaUtils.getGpuMemory(device);
                return OptionalLong.of(Math.max(0, usage.getMax() - usage.getUsed()));
            } catch (RuntimeException e) {
                return OptionalLong.empty(); // no CUDA runtime DJL can load: the load goes on unplanned
            }
        };
    }

    /** A device that always reports {@code bytes} free: for tests and for the tables in the docs. */
    static DeviceMemory fixed(long bytes) {
        return device -> OptionalLong.of(bytes);
    }
}
