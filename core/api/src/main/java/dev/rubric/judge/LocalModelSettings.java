package dev.rubric.judge;

import java.util.Objects;

/**
 * Where and how the in-JVM judge runs ({@code rubric.judge=local}): the settings of {@code dev.rubric.judge.local},
 * read with the others by {@link JudgeConfig}.
 *
 * @param device    auto, cpu or gpu
 * @param batchSize gradings per batch; {@code null} when not set: then 8 on a CPU and 32 on a GPU
 */
public record LocalModelSettings(Device device, Integer batchSize) {

    /**
     * Where the local judge runs. The model loader has its own {@code dev.rubric.lm.DeviceChoice} (the model does not
     * depend on the judge's configuration); the local judge maps one to the other.
     */
    public enum Device { AUTO, CPU, GPU }

    public LocalModelSettings {
        Objects.requireNonNull(device, "device");
        if (batchSize != null && batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, got " + batchSize);
        }
    }
}
