package dev.rubric.judge;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The verdict cache's settings ({@code rubric.cache}, {@code rubric.cache.dir}), read with the others by
 * {@link JudgeConfig}; {@link Judges} puts the cache they describe in front of the judge.
 *
 * @param mode readwrite, read, write or off
 * @param dir  where verdicts are cached
 */
public record CacheSettings(CacheMode mode, Path dir) {

    public CacheSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(dir, "dir");
    }
}
