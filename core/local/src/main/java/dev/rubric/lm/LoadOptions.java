package dev.rubric.lm;

import org.apiguardian.api.API;

import java.util.Objects;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * How to load a checkpoint.
 *
 * @param device            where to run it: the GPU or the CPU
 * @param progress          told after each tensor
 * @param precision         the number format: by default float16 on a GPU and float32 on the CPU
 * @param memory            how much memory the device has free, for the memory plan (CUDA's own figure by default)
 * @param sharedPromptHeads whether prefill computes the prompt head that recent prompts share only once
 *                          (on by default; off for before/after measurements)
 */
@API(status = INTERNAL, since = "0.1")
public record LoadOptions(DeviceChoice device, LoadProgress progress, Precision precision, DeviceMemory memory,
        boolean sharedPromptHeads) {

    public LoadOptions {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(memory, "memory");
    }

    public LoadOptions(DeviceChoice device, LoadProgress progress) {
        this(device, progress, Precision.AUTO, DeviceMemory.cuda(), true);
    }

    public LoadOptions(DeviceChoice device) {
        this(device, LoadProgress.none());
    }

    /** Auto device: the GPU when DJL reports one, else the CPU; no progress reports. */
    public static LoadOptions defaults() {
        return new LoadOptions(DeviceChoice.AUTO);
    }

    public LoadOptions withDevice(DeviceChoice choice) {
        return new LoadOptions(choice, progress, precision, memory, sharedPromptHeads);
    }

    public LoadOptions withProgress(LoadProgress listener) {
        return new LoadOptions(device, listener, precision, memory, sharedPromptHeads);
    }

    public LoadOptions withPrecision(Precision format) {
        return new LoadOptions(device, progress, format, memory, sharedPromptHeads);
    }

    public LoadOptions withMemory(DeviceMemory deviceMemory) {
        return new LoadOptions(device, progress, precision, deviceMemory, sharedPromptHeads);
    }

    public LoadOptions withSharedPromptHeads(boolean on) {
        return new LoadOptions(device, progress, precision, memory, on);
    }
}
