package dev.rubric.judge.openai;

import dev.rubric.core.DecodingSettings;
import dev.rubric.judge.JudgeConfig;
import dev.rubric.secret.Secret;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the OpenAI-compatible judge needs from the configuration, plus the retry pacing, which
 * {@link JudgeConfig} does not expose (tests shorten it).
 *
 * @param url            the server's base URL, e.g. http://localhost:8000/v1 ({@code /completions} is appended)
 * @param api            completions (the exact prompt) or chat
 * @param model          the model name sent to the server
 * @param decoding       the decoding settings sent with every request
 * @param concurrency    requests in flight at once
 * @param timeout        how long one request may take, body included
 * @param connectTimeout how long connecting may take
 * @param retries        retries of connection errors, 429, 5xx and malformed bodies
 * @param parseAttempts  how often one sample is asked when its output holds no score
 * @param apiKey         sent as a Bearer token when present; never printed
 * @param backoff        the pause between retries
 */
record OpenAiSettings(URI url, JudgeConfig.Api api, String model, DecodingSettings decoding, int concurrency,
                      Duration timeout, Duration connectTimeout, int retries, int parseAttempts,
                      Optional<Secret> apiKey, Backoff backoff) {

    OpenAiSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(decoding, "decoding");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(backoff, "backoff");
        if (concurrency < 1 || retries < 0 || parseAttempts < 1) {
            throw new IllegalArgumentException("concurrency and parse attempts must be at least 1 and retries at"
                    + " least 0; got concurrency " + concurrency + ", retries " + retries + ", parse attempts "
                    + parseAttempts);
        }
    }

    /** The settings of {@code config}, with the default backoff. */
    static OpenAiSettings from(JudgeConfig config) {
        if (config.url() == null) {
            throw new IllegalArgumentException("rubric.judge.url is not set: give the server's base URL, e.g."
                    + " http://localhost:8000/v1 (vLLM) or http://localhost:11434/v1 (Ollama)");
        }
        return new OpenAiSettings(config.url(), config.api(), config.model(), config.decoding(),
                config.concurrency(), config.timeout(), config.connectTimeout(), config.retries(),
                config.parseAttempts(), config.apiKey(), Backoff.DEFAULT);
    }

    /** The endpoint's full URI: the base URL with {@code /completions} or {@code /chat/completions} appended. */
    URI endpoint() {
        String base = url.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + (api == JudgeConfig.Api.CHAT ? "/chat/completions" : "/completions"));
    }
}
