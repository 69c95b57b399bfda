package dev.rubric.judge;

import org.apiguardian.api.API;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Where and how the in-JVM judge runs ({@code rubric.judge=local}): the settings of {@code dev.rubric.judge.local},
 * read with the others by {@link JudgeConfig}.
 *
 * @param device      auto, cpu or gpu
 * @param batchSize   gradings per batch; {@code null} when not set: then 8 on a CPU and 32 on a GPU
 * @param share       whether the test JVMs of this machine share one warm judge process ({@code rubric.judge.share})
 * @param idleTimeout how long that process stays warm after its last client left; zero: it exits with its last
 *                    client ({@code rubric.judge.idle-timeout})
 * @param stateDir    this machine's Rubric state: the registry of judge processes ({@code judges/}) and the remembered
 *                    digests of model folders ({@code weight-digests/}); {@code $XDG_CACHE_HOME/rubric}, else
 *                    {@code ~/.cache/rubric}, beside the verdict cache's default folder
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record LocalModelSettings(Device device, Integer batchSize, Sharing share, Duration idleTimeout,
                                 Path stateDir) {

    /** The default idle time of a shared judge process on a developer's machine. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);

    /**
     * Where the local judge runs. The model loader has its own {@code dev.rubric.lm.DeviceChoice} (the model does not
     * depend on the judge's configuration); the local judge maps one to the other.
     */
    public enum Device { AUTO, CPU, GPU }

    /** Who shares one loaded model. */
    public enum Sharing {
        /** Every test JVM of this machine (forks, modules, IDE runs, the next build): one warm judge process. */
        MACHINE,
        /** This JVM alone: the model is loaded in it and freed when its judge closes. */
        JVM
    }

    public LocalModelSettings {
        Objects.requireNonNull(device, "device");
        if (batchSize != null && batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, got " + batchSize);
        }
        Objects.requireNonNull(share, "share");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("the idle timeout must not be negative, got " + idleTimeout);
        }
        Objects.requireNonNull(stateDir, "stateDir");
    }

    /** The model in this JVM, with this process's state folder: for judges built by hand (tests, tools). */
    public LocalModelSettings(Device device, Integer batchSize) {
        this(device, batchSize, Sharing.JVM, DEFAULT_IDLE_TIMEOUT, defaultStateDir(System.getenv()));
    }

    /** {@code $XDG_CACHE_HOME/rubric}, else {@code ~/.cache/rubric}. */
    public static Path defaultStateDir(Map<String, String> env) {
        return JudgeConfigReader.rubricCacheRoot(env);
    }
}
