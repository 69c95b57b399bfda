package dev.rubric.judge.openai;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

/** The pause between retries and the reading of Retry-After. */
class OpenAiBackoffTest {

    private final Backoff backoff =
            new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofSeconds(60));

    @RepeatedTest(20)
    void thePauseDoublesWithJitterUpToTheMaximum() {
        assertThat(backoff.delay(0).toMillis()).isBetween(50L, 100L);
        assertThat(backoff.delay(2).toMillis()).isBetween(200L, 400L);
        assertThat(backoff.delay(5).toMillis()).isBetween(500L, 1000L);
        assertThat(backoff.delay(1000).toMillis()).isBetween(500L, 1000L);
    }

    @Test
    void retryAfterInSeconds() {
        assertThat(Backoff.retryAfter("2", Instant.now())).contains(Duration.ofSeconds(2));
        assertThat(Backoff.retryAfter(" 0 ", Instant.now())).contains(Duration.ZERO);
    }

    @Test
    void retryAfterAsAnHttpDate() {
        Instant now = Instant.parse("2026-11-27T23:00:00Z");
        String in30s = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(30).atOffset(ZoneOffset.UTC));

        assertThat(Backoff.retryAfter(in30s, now)).contains(Duration.ofSeconds(30));
        assertThat(Backoff.retryAfter("Fri, 27 Nov 2026 22:00:00 GMT", now)).as("in the past").contains(Duration.ZERO);
    }

    @Test
    void anUnreadableRetryAfterIsIgnored() {
        assertThat(Backoff.retryAfter(null, Instant.now())).isEmpty();
        assertThat(Backoff.retryAfter("", Instant.now())).isEmpty();
        assertThat(Backoff.retryAfter("soon", Instant.now())).isEmpty();
        assertThat(Backoff.retryAfter("-5", Instant.now())).isEmpty();
    }
}
