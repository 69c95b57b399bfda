package dev.rubric.judge;

import dev.rubric.secret.Secret;
import org.apiguardian.api.API;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * How to reach a judge behind an OpenAI-compatible server ({@code rubric.judge=openai}): the settings of
 * {@code dev.rubric.judge.openai}, read with the others by {@link JudgeConfig}.
 *
 * @param url            the server's base URL, e.g. http://localhost:8000/v1; empty unless {@code rubric.judge.url}
 *                       is set (the openai judge requires it)
 * @param api            completions (the exact prompt, default) or chat
 * @param concurrency    requests in flight at once
 * @param timeout        how long one request may take, body included
 * @param connectTimeout how long connecting may take
 * @param retries        retries of connection errors, 429, 5xx and malformed bodies
 * @param parseAttempts  how often one sample is asked when its output holds no score
 * @param apiKey         from {@code RUBRIC_JUDGE_API_KEY}, sent as a Bearer token; never printed
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ServerSettings(Optional<URI> url, Api api, int concurrency, Duration timeout, Duration connectTimeout,
                             int retries, int parseAttempts, Optional<Secret> apiKey) {

    /** Which endpoint the prompt goes to: {@code /completions} (the exact prompt) or {@code /chat/completions}. */
    public enum Api { COMPLETIONS, CHAT }

    public ServerSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(apiKey, "apiKey");
        if (concurrency < 1 || retries < 0 || parseAttempts < 1) {
            throw new IllegalArgumentException("concurrency and parse attempts must be at least 1 and retries at"
                    + " least 0; got concurrency " + concurrency + ", retries " + retries + ", parse attempts "
                    + parseAttempts);
        }
        if (timeout.isNegative() || timeout.isZero() || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive; got " + timeout + " and " + connectTimeout);
        }
    }
}
