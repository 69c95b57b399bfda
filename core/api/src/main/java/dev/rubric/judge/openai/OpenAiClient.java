package dev.rubric.judge.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rubric.core.ConfigKeys;
import dev.rubric.core.JudgeException;
import dev.rubric.core.JudgeException.Reason;
import dev.rubric.judge.ServerSettings;
import dev.rubric.secret.Secret;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends one request body to the server and reads its first choice, retrying what may pass.
 * <p>
 * Retried, with {@link Backoff}: connection failures (refused, connect timeout, connection cut mid-response),
 * HTTP 429 and 5xx (a {@code Retry-After} in seconds or as an HTTP-date is honoured), and 2xx bodies that are not
 * an OpenAI answer (not JSON, cut off, no {@code choices}: proxies and overloaded servers produce those). After
 * {@code retries} retries: {@link Reason#UNREACHABLE} or {@link Reason#SERVER_ERROR}.
 * Not retried: other 4xx ({@link Reason#REJECTED}, quoting the server's body), a request that takes longer than the
 * timeout ({@link Reason#TIMED_OUT}: a judge that needs that long is better not asked twice), TLS failures, a body
 * over {@link LimitedBody#DEFAULT_LIMIT} bytes.
 * <p>
 * The API key goes into the Authorization header only; quoted server bodies have it blanked out, in case a server
 * echoes the request's headers.
 */
final class OpenAiClient {

    private final OpenAiSettings settings;
    private final ObjectMapper json;
    private final HttpClient http;
    private final URI endpoint;
    /**
     * Set when a request gave up because the server could not be reached, after all its retries; cleared by any
     * answer. While it is set, a request that cannot connect fails at once with that same reason instead of waiting
     * through the retries again: a judge server that is down then aborts a suite in seconds, every test for one
     * reason. A server that comes back is used again from the next request on.
     */
    private final AtomicReference<JudgeException> foundDown = new AtomicReference<>();
    private final AtomicLong answers = new AtomicLong();

    OpenAiClient(OpenAiSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.endpoint = settings.endpoint();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.server().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * The server's output for {@code body}.
     *
     * @throws JudgeException       when no usable answer came, after the retries that make sense
     * @throws InterruptedException when the judge is being closed
     */
    ServerOutput complete(ObjectNode body) throws InterruptedException {
        return send(request(body), new Answer<>() {
            @Override
            public ServerOutput ok(String text) throws JsonProcessingException {
                return ServerOutput.read(json.readTree(text), settings.server().api());
            }

            @Override
            public ServerOutput refused(HttpResponse<String> response) {
                throw rejected(response.statusCode(), response.body(), response.headers().firstValue("Location"));
            }
        });
    }

    /**
     * The server's list of models, {@code GET {url}/models}: the body of a 2xx answer that is a JSON object, or empty
     * when the server answers otherwise (no such endpoint, a refusal, a body that is not JSON): it said nothing.
     * Retried like a grading.
     *
     * @throws JudgeException       when the server cannot be reached, does not answer in time or keeps failing
     * @throws InterruptedException when the judge is being closed
     */
    Optional<JsonNode> models() throws InterruptedException {
        HttpRequest request = authorized(HttpRequest.newBuilder(settings.modelsEndpoint())
                .timeout(settings.server().timeout())
                .header("Accept", "application/json")
                .GET());
        return send(request, new Answer<>() {
            @Override
            public Optional<JsonNode> ok(String text) {
                try {
                    JsonNode list = json.readTree(text);
                    return list != null && list.isObject() ? Optional.of(list) : Optional.empty();
                } catch (JsonProcessingException notJson) {
                    return Optional.empty();
                }
            }

            @Override
            public Optional<JsonNode> refused(HttpResponse<String> response) {
                return Optional.empty();
            }
        });
    }

    /** How many HTTP answers, of any status, the server has given this client. */
    long answers() {
        return answers.get();
    }

    /** What an answer of the server becomes. */
    private interface Answer<T> {

        /** A 2xx body; a {@link MalformedResponseException} or {@link JsonProcessingException} is retried. */
        T ok(String body) throws JsonProcessingException;

        /** A 3xx or a 4xx other than 429, which no retry changes. */
        T refused(HttpResponse<String> response);
    }

    private <T> T send(HttpRequest request, Answer<T> answer) throws InterruptedException {
        for (int retry = 0; ; retry++) {
            RetryableFailure failure;
            try {
                T output = once(request, answer);
                foundDown.set(null);
                return output;
            } catch (RetryableFailure f) {
                failure = f;
            } catch (JudgeException e) {
                if (e.reason() != Reason.UNREACHABLE) {
                    foundDown.set(null); // it answered, if not usefully
                }
                throw e;
            }
            if (failure.reason != Reason.UNREACHABLE) {
                foundDown.set(null);
            } else if (foundDown.get() != null) {
                JudgeException down = foundDown.get();
                throw new JudgeException(down.reason(), down.getMessage());
            }
            if (retry >= settings.server().retries()) {
                JudgeException gaveUp = failure.giveUp(retry + 1);
                if (failure.reason == Reason.UNREACHABLE) {
                    foundDown.compareAndSet(null, gaveUp);
                }
                throw gaveUp;
            }
            Duration wait = failure.retryAfter.isPresent() ? failure.retryAfter.get() : settings.backoff().delay(retry);
            if (wait.compareTo(settings.backoff().longestRetryAfter()) > 0) {
                throw new JudgeException(Reason.SERVER_ERROR, "the judge server at " + endpoint + " asks to wait "
                        + wait.toSeconds() + " s (Retry-After) before trying again, longer than Rubric waits ("
                        + settings.backoff().longestRetryAfter().toSeconds() + " s); its answer: " + failure.detail
                        + "; lower " + ConfigKeys.CONCURRENCY + " or raise the server's rate limit");
            }
            Thread.sleep(wait.toMillis());
        }
    }

    /** Stops the client's connections where the JDK can (HttpClient.shutdownNow exists from Java 21). */
    void close() {
        try {
            HttpClient.class.getMethod("shutdownNow").invoke(http);
        } catch (NoSuchMethodException beforeJava21) {
            // the client's threads end by themselves once it is unreachable
        } catch (ReflectiveOperationException | RuntimeException e) {
            // closing is best effort: the pending gradings have already failed with CLOSED
        }
    }

    private HttpRequest request(ObjectNode body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a request body as JSON", e);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint)
                .timeout(settings.server().timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        return authorized(b);
    }

    /** The request, with the API key as a Bearer token when there is one: the one place the key is revealed. */
    private HttpRequest authorized(HttpRequest.Builder b) {
        settings.server().apiKey().ifPresent(key -> b.header("Authorization", "Bearer " + key.reveal()));
        return b.build();
    }

    private <T> T once(HttpRequest request, Answer<T> answer) throws InterruptedException {
        CompletableFuture<HttpResponse<String>> exchange =
                http.sendAsync(request, LimitedBody.handler(LimitedBody.DEFAULT_LIMIT));
        HttpResponse<String> response;
        try {
            // a deadline for the whole exchange: the request timeout alone stops counting once headers arrive
            response = exchange.get(settings.server().timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw timedOut(e);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw transportFailure(e.getCause());
        }
        answers.incrementAndGet();
        int status = response.statusCode();
        String body = response.body();
        if (status >= 200 && status < 300) {
            try {
                return answer.ok(body);
            } catch (JsonProcessingException e) {
                throw new RetryableFailure(Reason.SERVER_ERROR, "HTTP " + status + " with a body that is not valid"
                        + " JSON (" + e.getOriginalMessage() + "): \"" + quote(body) + "\"", Optional.empty());
            } catch (MalformedResponseException e) {
                throw new RetryableFailure(Reason.SERVER_ERROR, "HTTP " + status + " but " + e.getMessage()
                        + ": \"" + quote(body) + "\"", Optional.empty());
            }
        }
        if (status == 429 || status >= 500) {
            Optional<Duration> retryAfter = response.headers().firstValue("Retry-After")
                    .flatMap(h -> Backoff.retryAfter(h, Instant.now()));
            throw new RetryableFailure(Reason.SERVER_ERROR, "HTTP " + status + ": \"" + quote(body) + "\"", retryAfter);
        }
        return answer.refused(response);
    }

    private RuntimeException transportFailure(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return new RetryableFailure(Reason.UNREACHABLE, "connecting took longer than "
                    + seconds(settings.server().connectTimeout()) + " (" + ConfigKeys.CONNECT_TIMEOUT + ")", Optional.empty());
        }
        if (cause instanceof HttpTimeoutException) {
            return timedOut(cause);
        }
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof ConnectException || c instanceof UnresolvedAddressException
                    || c instanceof UnknownHostException) {
                return new RetryableFailure(Reason.UNREACHABLE, c instanceof ConnectException && c.getMessage() == null
                        ? "the connection was refused (ConnectException)" : describe(c), Optional.empty());
            }
            if (c instanceof LimitedBody.TooLargeException) {
                return new JudgeException(Reason.SERVER_ERROR, "the judge server at " + endpoint + " answered with "
                        + c.getMessage() + ": is " + ConfigKeys.URL + " the judge server's API?", cause);
            }
            if (c instanceof SSLException) {
                return new JudgeException(Reason.UNREACHABLE, "the TLS connection to the judge server at " + endpoint
                        + " failed (" + describe(c) + "): check rubric.judge.url's scheme (http or https) and the"
                        + " server's certificate", cause);
            }
        }
        if (cause instanceof IOException) {
            return new RetryableFailure(Reason.SERVER_ERROR, "the connection broke off before the whole answer came ("
                    + describe(cause) + ")", Optional.empty());
        }
        return new JudgeException(Reason.SERVER_ERROR, "the request to the judge server at " + endpoint
                + " failed unexpectedly: " + describe(cause), cause);
    }

    private JudgeException timedOut(Throwable cause) {
        return new JudgeException(Reason.TIMED_OUT, "the judge server at " + endpoint + " did not answer within "
                + seconds(settings.server().timeout()) + " (" + ConfigKeys.TIMEOUT + "): raise it, lower "
                + ConfigKeys.MAX_TOKENS + " (now " + settings.decoding().maxTokens() + ") or " + ConfigKeys.CONCURRENCY
                + " (now " + settings.server().concurrency() + "), or check the server's load", cause);
    }

    private JudgeException rejected(int status, String body, Optional<String> location) {
        String hint;
        if (status >= 300 && status < 400) {
            hint = "the server redirects" + location.map(l -> " to " + Excerpt.of(l, 200)).orElse("")
                    + ", and Rubric does not follow redirects with a POST: point " + ConfigKeys.URL
                    + " at the final address";
        } else if (status == 401 || status == 403) {
            hint = settings.server().apiKey().isPresent()
                    ? "the environment variable " + ConfigKeys.API_KEY_ENV + " is set, but the server does not"
                    + " accept its value: check it"
                    : "set the environment variable " + ConfigKeys.API_KEY_ENV + " to the server's API key";
        } else if (status == 404) {
            hint = "check " + ConfigKeys.URL + " (the base URL, such as http://localhost:8000/v1, without /completions)"
                    + " and " + ConfigKeys.MODEL + " (\"" + settings.model() + "\")"
                    + (settings.server().api() == ServerSettings.Api.COMPLETIONS ? ", or set " + ConfigKeys.API
                    + "=chat if the server only serves chat completions" : "");
        } else {
            hint = "check " + ConfigKeys.MODEL + " (\"" + settings.model() + "\") and the decoding settings ("
                    + ConfigKeys.MAX_TOKENS + "=" + settings.decoding().maxTokens()
                    + " may not fit the model's context)";
        }
        return new JudgeException(Reason.REJECTED, "the judge server at " + endpoint + " rejected the request with"
                + " HTTP " + status + ": \"" + quote(body) + "\"; " + hint);
    }

    /** A server's text for a message: shortened, on one line, with the API key blanked out. */
    private String quote(String text) {
        String quoted = Excerpt.of(text);
        Optional<String> key = settings.server().apiKey().map(Secret::reveal).filter(k -> !k.isEmpty());
        return key.isPresent() ? quoted.replace(key.get(), "****") : quoted;
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** A failure that another try may cure. */
    private final class RetryableFailure extends RuntimeException {
        final Reason reason;
        final String detail;
        final Optional<Duration> retryAfter;

        RetryableFailure(Reason reason, String detail, Optional<Duration> retryAfter) {
            super(detail, null, false, false);
            this.reason = reason;
            this.detail = detail;
            this.retryAfter = retryAfter;
        }

        JudgeException giveUp(int attempts) {
            String tries = attempts + (attempts == 1 ? " attempt" : " attempts") + " (" + ConfigKeys.RETRIES + "="
                    + settings.server().retries() + ")";
            if (reason == Reason.UNREACHABLE) {
                return new JudgeException(reason, "the judge server at " + endpoint + " cannot be reached after "
                        + tries + ": " + detail + "; is it running, and is " + ConfigKeys.URL + " right?");
            }
            return new JudgeException(reason, "the judge server at " + endpoint + " kept failing after " + tries
                    + "; its last answer: " + detail);
        }
    }
}
