package dev.rubric.judge;

import org.apiguardian.api.API;

import java.util.Objects;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Where and how the in-JVM judge runs ({@code rubric.judge=local}): the settings of {@code dev.rubric.judge.local},
 * read with the others by {@link JudgeConfig}.
 *
 * @param device    auto, cpu or gpu
 * @param batchSize gradings per batch; {@code null} when not set: then 8 on a CPU and 32 on a GPU
 */
@API(status = EXPERIMENTAL, since = "0.1")
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
