package dev.rubric.judge.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server on 127.0.0.1 that speaks the OpenAI completions protocol with scripted answers and faults. It records
 * every request, and how many were in flight at once.
 */
final class FakeOpenAiServer implements AutoCloseable {

    /** One scripted answer. */
    @FunctionalInterface
    interface Reply {
        void send(HttpExchange exchange, Request request) throws IOException;
    }

    /** A request as the server received it. */
    record Request(String method, String path, String authorization, String contentType, String body,
                   long receivedNanos) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
    private volatile Reply otherwise = completion("Feedback: fine. [RESULT] 3");
    /** The answer to {@code GET /v1/models}, apart from the script: by default none (404), as some servers do. */
    private volatile Reply models = json(404, "{\"error\":{\"message\":\"Not Found\"}}");
    private final List<Request> requests = new ArrayList<>();
    private final List<Request> modelRequests = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);

    private FakeOpenAiServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    static FakeOpenAiServer start() {
        return startOn(0);
    }

    /** A server on this port of 127.0.0.1 (0: any free one). */
    static FakeOpenAiServer startOn(int port) {
        try {
            return new FakeOpenAiServer(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL a user would configure: http://127.0.0.1:port/v1 */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    /** These answers, in order, to the next requests; then {@link #otherwise}. */
    FakeOpenAiServer then(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** The answer to every request after the scripted ones. */
    FakeOpenAiServer otherwise(Reply reply) {
        otherwise = reply;
        return this;
    }

    /** The answer to every {@code GET .../models}: the judge asks it about itself, apart from its gradings. */
    FakeOpenAiServer models(Reply reply) {
        models = reply;
        return this;
    }

    /** A vLLM-like list of one model, {@code {"object":"list","data":[entry]}}. */
    static Reply modelList(JsonNode... entries) {
        var root = JSON.createObjectNode().put("object", "list");
        var data = root.putArray("data");
        for (JsonNode e : entries) {
            data.add(e);
        }
        return json(200, root.toString());
    }

    /** The requests of gradings (POST), without the {@code GET .../models} of the judge's identity. */
    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The {@code GET .../models} requests. */
    List<Request> modelRequests() {
        synchronized (modelRequests) {
            return List.copyOf(modelRequests);
        }
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body, System.nanoTime());
            if (request.method().equals("GET") && request.path().endsWith("/models")) {
                synchronized (modelRequests) {
                    modelRequests.add(request);
                }
                models.send(exchange, request);
                return;
            }
            synchronized (requests) {
                requests.add(request);
            }
            Reply reply = script.poll();
            (reply != null ? reply : otherwise).send(exchange, request);
        } catch (IOException expected) {
            // a fault reply that cuts the connection
        } finally {
            inFlight.decrementAndGet();
        }
    }

    // ---- replies

    /** A completions answer with {@code text} and no log-probabilities. */
    static Reply completion(String text) {
        return json(200, completionJson(text, null).toString());
    }

    /** A completions answer with {@code text} and a {@code logprobs} object. */
    static Reply completion(String text, JsonNode logprobs) {
        return json(200, completionJson(text, logprobs).toString());
    }

    static JsonNode completionJson(String text, JsonNode logprobs) {
        var root = JSON.createObjectNode().put("id", "cmpl-1").put("object", "text_completion")
                .put("model", "prometheus-eval/prometheus-7b-v2.0");
        var choice = root.putArray("choices").addObject().put("index", 0).put("text", text)
                .put("finish_reason", "stop");
        choice.set("logprobs", logprobs);
        return root;
    }

    /** A chat completions answer. */
    static Reply chat(String content, JsonNode logprobs) {
        var root = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion");
        var choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        choice.set("logprobs", logprobs);
        return json(200, root.toString());
    }

    static Reply json(int status, String body, String... headerNamesAndValues) {
        return (exchange, request) -> {
            for (int i = 0; i + 1 < headerNamesAndValues.length; i += 2) {
                exchange.getResponseHeaders().add(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        };
    }

    /** Promises 1,000 bytes, sends the first 60 of a valid answer and closes the connection. */
    static Reply truncated() {
        return (exchange, request) -> {
            byte[] bytes = completionJson("Feedback: cut. [RESULT] 2", null).toString()
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, 1000);
            exchange.getResponseBody().write(bytes, 0, 60);
            exchange.getResponseBody().flush();
            // closing the exchange below fails (bytes missing) and drops the connection
        };
    }

    /** Answers only after {@code delayMillis}. */
    static Reply delayed(long delayMillis, Reply then) {
        return (exchange, request) -> {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            then.send(exchange, request);
        };
    }

    /** Never answers (until the server closes). */
    Reply hang() {
        return (exchange, request) -> {
            try {
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
