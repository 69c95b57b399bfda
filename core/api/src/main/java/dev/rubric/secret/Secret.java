package dev.rubric.secret;

import org.apiguardian.api.API;

import java.util.Objects;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A credential (an API key, a token) that never shows in logs, messages, toString or results files: creating one
 * registers it with {@link Redaction}, which blanks it out of every text from outside before that text is used.
 */
@API(status = INTERNAL, since = "0.1")
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    public static Secret of(String value) {
        Secret secret = new Secret(value);
        Redaction.register(value);
        return secret;
    }

    /**
     * A credential read from {@code source} (an environment variable or a file, named in messages) as it will be sent
     * in an {@code Authorization} header: surrounding white space (the trailing newline of a CI or Kubernetes secret)
     * is dropped, and a value holding any other character than visible ASCII is refused, naming the character and its
     * position but never the value.
     *
     * @throws IllegalArgumentException naming {@code source} when the value is empty or cannot be sent in a header
     */
    public static Secret credential(String source, String raw) {
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException(source + " is set but empty");
        }
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (c < 0x21 || c > 0x7e) {
                Secret.of(value); // redact it from whatever the caller does with this failure all the same
                throw new IllegalArgumentException(source + " holds a character that cannot be sent in an HTTP header ("
                        + describe(c) + ", character " + (value.codePointCount(0, i) + 1) + " of "
                        + value.codePointCount(0, value.length()) + "; the value is not shown): copy it again without"
                        + " that character");
            }
            i += Character.charCount(c);
        }
        return of(value);
    }

    private static String describe(int c) {
        String name = Character.getName(c);
        return String.format(java.util.Locale.ROOT, "U+%04X", c) + (name == null ? "" : " " + name);
    }

    /** The raw value, for the one place that sends it (an Authorization header). */
    public String reveal() {
        return value;
    }

    /** Equal values (compared in constant time): two configurations with the same key describe the same judge. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && java.security.MessageDigest.isEqual(
                value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                s.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "****";
    }
}
