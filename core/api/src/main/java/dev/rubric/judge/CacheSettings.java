package dev.rubric.judge;

import dev.rubric.secret.Secret;
import org.apiguardian.api.API;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The verdict cache's settings ({@code rubric.cache}, {@code rubric.cache.dir}, {@code RUBRIC_CACHE_KEY}), read with the others by
 * {@link JudgeConfig}; {@link Judges} puts the cache they describe in front of the judge.
 *
 * @param mode readwrite, read, write or off
 * @param dir  where verdicts are cached
 * @param key  the HMAC key from the environment variable {@code RUBRIC_CACHE_KEY}: entries are written with an HMAC
 *             under it and only entries with a valid one are trusted; empty for a plain checksum
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CacheSettings(CacheMode mode, Path dir, Optional<Secret> key) {

    public CacheSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(key, "key");
    }

    /** Settings without an HMAC key. */
    public CacheSettings(CacheMode mode, Path dir) {
        this(mode, dir, Optional.empty());
    }
}
