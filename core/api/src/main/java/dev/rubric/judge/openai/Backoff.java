package dev.rubric.judge.openai;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The pause before a retry: exponential ({@code base * 2^retry}, at most {@code max}) with jitter (a uniformly
 * drawn 50-100 % of that), so that many test threads that failed together do not come back together. A server's
 * {@code Retry-After} wins over the computed pause, up to {@code longestRetryAfter}.
 *
 * @param base              the first pause
 * @param max               the longest computed pause
 * @param longestRetryAfter the longest {@code Retry-After} that is waited for; a server asking for more gives up
 */
record Backoff(Duration base, Duration max, Duration longestRetryAfter) {

    static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofSeconds(120));

    Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(longestRetryAfter, "longestRetryAfter");
        if (base.isNegative() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= base <= max, got base " + base + ", max " + max);
        }
    }

    /** The pause before retry number {@code retry} (0 for the first retry). */
    Duration delay(int retry) {
        long ceiling = base.toMillis() << Math.min(retry, 30);
        long capped = Math.min(ceiling < 0 ? Long.MAX_VALUE : ceiling, max.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(capped - half + 1));
    }

    /**
     * A {@code Retry-After} header's wait: delta-seconds ({@code 120}) or an HTTP-date
     * ({@code Wed, 21 Oct 2015 07:28:00 GMT}, counted from {@code now}; a past date is no wait). Empty when the
     * header is absent or neither form.
     */
    static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException tooLong) {
                return Optional.of(Duration.ofSeconds(Long.MAX_VALUE / 1000));
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }
}
