package dev.rubric.judge;

import org.apiguardian.api.API;

import java.nio.file.Path;
import java.util.Objects;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The verdict cache's settings ({@code rubric.cache}, {@code rubric.cache.dir}), read with the others by
 * {@link JudgeConfig}; {@link Judges} puts the cache they describe in front of the judge.
 *
 * @param mode readwrite, read, write or off
 * @param dir  where verdicts are cached
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CacheSettings(CacheMode mode, Path dir) {

    public CacheSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(dir, "dir");
    }
}
