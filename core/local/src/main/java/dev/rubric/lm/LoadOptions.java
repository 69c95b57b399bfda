package dev.rubric.lm;

import org.apiguardian.api.API;

import java.util.Objects;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * How to load a checkpoint.
 *
 * @param device   where to run it: the GPU (float16) or the CPU (float32)
 * @param progress told after each tensor
 */
@API(status = INTERNAL, since = "0.1")
public record LoadOptions(DeviceChoice device, LoadProgress progress) {

    public LoadOptions {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(progress, "progress");
    }

    public LoadOptions(DeviceChoice device) {
        this(device, LoadProgress.none());
    }

    /** Auto device: the GPU when DJL reports one, else the CPU; no progress reports. */
    public static LoadOptions defaults() {
        return new LoadOptions(DeviceChoice.AUTO);
    }

    public LoadOptions withDevice(DeviceChoice choice) {
        return new LoadOptions(choice, progress);
    }

    public LoadOptions withProgress(LoadProgress listener) {
        return new LoadOptions(device, listener);
    }
}
