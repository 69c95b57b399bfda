package dev.rubric.lm;

import java.util.Objects;

/**
 * How to load a checkpoint.
 *
 * @param device where to run it: the GPU (float16) or the CPU (float32)
 */
public record LoadOptions(DeviceChoice device) {

    public LoadOptions {
        Objects.requireNonNull(device, "device");
    }

    /** Auto device: the GPU when DJL reports one, else the CPU. */
    public static LoadOptions defaults() {
        return new LoadOptions(DeviceChoice.AUTO);
    }

    public LoadOptions withDevice(DeviceChoice choice) {
        return new LoadOptions(choice);
    }
}
