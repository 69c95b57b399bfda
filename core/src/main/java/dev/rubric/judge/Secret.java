package dev.rubric.judge;

import java.util.Objects;

/** A credential (an API key) that never shows in logs, messages, toString or results files. */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The raw value, for the one place that sends it (an Authorization header). */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "****";
    }
}
