package dev.rubric.judge.openai;

import dev.rubric.core.DecodingSettings;
import dev.rubric.judge.JudgeConfig;
import dev.rubric.judge.ServerSettings;
import dev.rubric.secret.Secret;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Settings for tests: the defaults of the configuration, with a backoff of milliseconds so that retries are quick. */
record TestSettings(URI url, ServerSettings.Api api, DecodingSettings decoding, int concurrency, Duration timeout,
                    int retries, Optional<Secret> apiKey) {

    static TestSettings of(URI url) {
        return new TestSettings(url, ServerSettings.Api.COMPLETIONS, DecodingSettings.GREEDY, 8, Duration.ofSeconds(5),
                2, Optional.empty());
    }

    OpenAiSettings build() {
        return new OpenAiSettings(new ServerSettings(Optional.of(url), api, concurrency, timeout, Duration.ofSeconds(1),
                retries, 3, apiKey), JudgeConfig.DEFAULT_MODEL, decoding,
                new Backoff(Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(5)));
    }

    TestSettings withApi(ServerSettings.Api a) {
        return new TestSettings(url, a, decoding, concurrency, timeout, retries, apiKey);
    }

    TestSettings withDecoding(DecodingSettings d) {
        return new TestSettings(url, api, d, concurrency, timeout, retries, apiKey);
    }

    TestSettings withConcurrency(int c) {
        return new TestSettings(url, api, decoding, c, timeout, retries, apiKey);
    }

    TestSettings withTimeout(Duration t) {
        return new TestSettings(url, api, decoding, concurrency, t, retries, apiKey);
    }

    TestSettings withRetries(int r) {
        return new TestSettings(url, api, decoding, concurrency, timeout, r, apiKey);
    }

    TestSettings withApiKey(Secret key) {
        return new TestSettings(url, api, decoding, concurrency, timeout, retries, Optional.of(key));
    }
}
