package dev.rubric.lm;

import org.apiguardian.api.API;

import java.util.Locale;

import static org.apiguardian.api.API.Status.INTERNAL;

/** Where the model runs ({@code rubric.judge.device}): the GPU when DJL sees one (auto), or forced. */
@API(status = INTERNAL, since = "0.1")
public enum DeviceChoice {
    AUTO,
    CPU,
    GPU;

    /** Parses {@code auto}, {@code cpu} or {@code gpu} (any case). */
    public static DeviceChoice parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("rubric.judge.device is \"" + value
                    + "\"; it must be auto, cpu or gpu", e);
        }
    }
}
