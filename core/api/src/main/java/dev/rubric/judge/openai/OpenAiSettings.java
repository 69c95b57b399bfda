package dev.rubric.judge.openai;

import dev.rubric.core.ConfigKeys;
import dev.rubric.core.DecodingSettings;
import dev.rubric.judge.JudgeConfig;
import dev.rubric.judge.ServerSettings;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * What the OpenAI-compatible judge runs with: the configuration's server settings, model and decoding, plus the retry
 * pacing, which the configuration does not expose (tests shorten it).
 *
 * @param server   the server's URL (required here), API, concurrency, timeouts, retries, parse attempts and key
 * @param model    the model name sent to the server
 * @param decoding the decoding settings sent with every request
 * @param backoff  the pause between retries
 */
record OpenAiSettings(ServerSettings server, String model, DecodingSettings decoding, Backoff backoff) {

    OpenAiSettings {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(decoding, "decoding");
        Objects.requireNonNull(backoff, "backoff");
        if (server.url().isEmpty()) {
            throw new IllegalArgumentException(ConfigKeys.URL + " is not set: give the server's base URL, e.g."
                    + " http://localhost:8000/v1 (vLLM) or http://localhost:11434/v1 (Ollama)");
        }
    }

    /** The settings of {@code config}, with the default backoff. */
    static OpenAiSettings from(JudgeConfig config) {
        return new OpenAiSettings(config.server(), config.model(), config.decoding(), Backoff.DEFAULT);
    }

    /** The server's base URL, e.g. http://localhost:8000/v1. */
    URI url() {
        return server.url().orElseThrow();
    }

    /** The endpoint's full URI: the base URL with {@code /completions} or {@code /chat/completions} appended. */
    URI endpoint() {
        return URI.create(withoutTrailingSlashes(url().toString())
                + (server.api() == ServerSettings.Api.CHAT ? "/chat/completions" : "/completions"));
    }

    /** Where the server lists the models it serves: the base URL with {@code /models} appended. */
    URI modelsEndpoint() {
        return URI.create(withoutTrailingSlashes(url().toString()) + "/models");
    }

    /**
     * The base URL as the judge's identity names it: scheme and host in lower case, the scheme's default port left
     * out, no trailing slash ({@code HTTP://Judge:80/v1/} is {@code http://judge/v1}). It never holds a password:
     * the configuration refuses URLs with user information.
     */
    String normalisedUrl() {
        URI u = url();
        String scheme = u.getScheme().toLowerCase(Locale.ROOT);
        int port = u.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String path = u.getRawPath() == null ? "" : withoutTrailingSlashes(u.getRawPath());
        return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path
                + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    private static String withoutTrailingSlashes(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(0, end);
    }
}
