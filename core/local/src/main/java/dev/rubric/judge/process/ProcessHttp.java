package dev.rubric.judge.process;

import dev.rubric.secret.Secret;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Requests to one judge process: 127.0.0.1, its port, its secret on every request. The JDK's HTTP client (HTTP/1.1,
 * no proxy: a proxy setting must never route a loopback request, let alone the secret, elsewhere).
 */
final class ProcessHttp {

    /**
     * For the small requests (hello, leases, stop); a grading has no time limit of its own (see ProcessConnection).
     * Generous for loopback: a process that is loading a model on a saturated machine (a load of 20 on 2 cores) was
     * seen to take over 5 s to answer an attach, and a dead process is found by its pid, not by this timeout.
     */
    static final Duration SHORT = Duration.ofSeconds(15);

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(SHORT)
            .build();

    private final URI base;
    private final Secret secret;

    ProcessHttp(int port, Secret secret) {
        this.base = URI.create("http://127.0.0.1:" + port + "/v1/");
        this.secret = secret;
    }

    /** A status and a body that was read back as JSON of {@code type} (null unless the status is 200). */
    record Answer<T>(int status, T body) {
    }

    Wire.Hello hello() throws IOException {
        HttpRequest request = request("hello", SHORT).GET().build();
        HttpResponse<byte[]> response = send(request);
        if (response.statusCode() != 200) {
            throw new IOException("the judge process answered its hello with HTTP " + response.statusCode()
                    + (response.statusCode() == 401 ? " (it does not know this secret)" : ""));
        }
        return Wire.JSON.readValue(response.body(), Wire.Hello.class);
    }

    <T> Answer<T> post(String route, Object body, Class<T> type, Duration timeout) throws IOException {
        HttpResponse<byte[]> response = send(postRequest(route, body, timeout));
        return new Answer<>(response.statusCode(), response.statusCode() == 200 && type != Void.class
                ? Wire.JSON.readValue(response.body(), type) : null);
    }

    /** A request without a time limit, answered when the process has answered it. */
    CompletableFuture<HttpResponse<byte[]>> postAsync(String route, Object body, Duration timeout) {
        try {
            return CLIENT.sendAsync(postRequest(route, body, timeout), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private HttpRequest postRequest(String route, Object body, Duration timeout) throws IOException {
        return request(route, timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Wire.JSON.writeValueAsBytes(body))).build();
    }

    private HttpRequest.Builder request(String route, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(route))
                .header("Authorization", Wire.BEARER + secret.reveal());
        return timeout == null ? b : b.timeout(timeout);
    }

    private static HttpResponse<byte[]> send(HttpRequest request) throws IOException {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while talking to the judge process", e);
        }
    }

    @Override
    public String toString() {
        return base.toString(); // never the secret
    }
}
