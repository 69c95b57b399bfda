package dev.rubric.judge.process;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rubric.core.JudgeException;
import dev.rubric.core.Verdict;
import dev.rubric.judge.local.LazyLocalJudge;
import dev.rubric.judge.local.LocalJudge;
import dev.rubric.secret.Secret;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The judge process's HTTP side ({@link Wire}'s protocol) on 127.0.0.1: checks every request's secret, hands gradings
 * to the one {@link LazyLocalJudge} of the process (so gradings from every client JVM share its batches), and keeps
 * the client leases that say when the process is idle.
 *
 * <p>A client holds a lease while it lives and renews it every few seconds; a lease not renewed for
 * {@link #LEASE_EXPIRY} is dropped (its JVM died), so a dead client never keeps the process alive, and its unanswered
 * gradings are simply not delivered. The process is idle when it has no lease and no grading in flight.
 */
final class JudgeServer implements AutoCloseable {

    /** A lease not renewed for this long belongs to a client that died. */
    static final Duration LEASE_EXPIRY = Duration.ofSeconds(15);

    private final HttpServer http;
    private final ExecutorService threads;
    private final LazyLocalJudge judge;
    private final byte[] secret;
    private final String logPath;
    private final Consumer<String> log;
    private final Runnable onStop;
    private final Map<String, Long> leases = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());
    private volatile boolean everAttached;

    private JudgeServer(HttpServer http, ExecutorService threads, LazyLocalJudge judge, Secret secret, String logPath,
                        Consumer<String> log, Runnable onStop) {
        this.http = http;
        this.threads = threads;
        this.judge = judge;
        this.secret = secret.reveal().getBytes(StandardCharsets.US_ASCII);
        this.logPath = logPath;
        this.log = log;
        this.onStop = onStop;
    }

    /**
     * Listens on 127.0.0.1 at a free port.
     *
     * @param onStop called (on another thread) when a client asks the process to stop
     */
    static JudgeServer start(LazyLocalJudge judge, Secret secret, String logPath, Consumer<String> log,
                             Runnable onStop) throws IOException {
        // 127.0.0.1 itself (not "the" loopback, which is ::1 where IPv6 is preferred): the address clients use
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}),
                0), 64);
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "rubric-judge-process-http");
            t.setDaemon(true);
            return t;
        });
        JudgeServer server = new JudgeServer(http, threads, judge, secret, logPath, log, onStop);
        http.setExecutor(threads);
        http.createContext("/v1/", server::handle);
        http.start();
        return server;
    }

    int port() {
        return http.getAddress().getPort();
    }

    /** Leases renewed within {@link #LEASE_EXPIRY}; older ones are dropped now. */
    int clients() {
        long now = System.nanoTime();
        leases.entrySet().removeIf(e -> {
            boolean expired = now - e.getValue() > LEASE_EXPIRY.toNanos();
            if (expired) {
                log.accept("client lease " + e.getKey() + " expired (its JVM stopped renewing it: it died or hangs)");
                lastActivity.set(now);
            }
            return expired;
        });
        return leases.size();
    }

    /**
     * How long the process has had no client and no grading in flight; zero while it has either. Before its first
     * client came, it counts from the start.
     */
    Duration idleFor() {
        if (clients() > 0 || inFlight.get() > 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(System.nanoTime() - lastActivity.get());
    }

    /** How long since the last grading was answered, ignoring leases; zero while one is in flight. */
    Duration sinceLastGrading() {
        return inFlight.get() > 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - lastActivity.get());
    }

    boolean everAttached() {
        return everAttached;
    }

    int inFlight() {
        return inFlight.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
                respond(exchange, 403, Map.of("error", "only this machine may use its judge process"));
                return;
            }
            if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, Map.of("error", "wrong or missing secret"));
                return;
            }
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            switch (route) {
                case "GET /v1/hello" -> {
                    lastActivity.set(System.nanoTime()); // a client about to attach: not idle just now
                    respond(exchange, 200, hello());
                }
                case "POST /v1/attach" -> {
                    Wire.Attach attach = read(exchange, Wire.Attach.class);
                    String lease = UUID.randomUUID().toString();
                    leases.put(lease, System.nanoTime());
                    everAttached = true;
                    log.accept("client " + attach.client() + " attached (lease " + lease + "); clients: " + clients());
                    respond(exchange, 200, new Wire.Lease(lease));
                }
                case "POST /v1/renew" -> {
                    Wire.Lease lease = read(exchange, Wire.Lease.class);
                    boolean known = lease.lease() != null && leases.computeIfPresent(lease.lease(),
                            (k, v) -> System.nanoTime()) != null;
                    respond(exchange, known ? 200 : 404, Map.of("known", known));
                }
                case "POST /v1/detach" -> {
                    Wire.Lease lease = read(exchange, Wire.Lease.class);
                    if (lease.lease() != null && leases.remove(lease.lease()) != null) {
                        lastActivity.set(System.nanoTime());
                        log.accept("client lease " + lease.lease() + " detached; clients: " + clients());
                    }
                    respond(exchange, 200, Map.of());
                }
                case "POST /v1/grade" -> grade(exchange);
                case "POST /v1/stop" -> {
                    log.accept("asked to stop by a client");
                    respond(exchange, 200, Map.of());
                    Thread stopper = new Thread(onStop, "rubric-judge-process-stop");
                    stopper.setDaemon(true);
                    stopper.start();
                }
                default -> respond(exchange, 404, Map.of("error", "no such route: " + route));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            log.accept("refused a malformed request: " + e.getMessage());
            try {
                respond(exchange, 400, Map.of("error", "malformed request"));
            } catch (IOException ignored) {
                // the client went away
            }
        } catch (IOException | RuntimeException e) {
            log.accept("a request failed: " + e); // a client that went away
        }
    }

    private void grade(HttpExchange exchange) throws IOException {
        Wire.GradeRequest request = read(exchange, Wire.GradeRequest.class);
        inFlight.incrementAndGet();
        Wire.GradeResponse response;
        try {
            Verdict verdict = judge.grade(request.modelInput(), request.mode()).get();
            response = Wire.GradeResponse.of(verdict);
        } catch (ExecutionException e) {
            response = Wire.GradeResponse.of(JudgeException.find(e).orElseGet(() -> new JudgeException(
                    JudgeException.Reason.SERVER_ERROR, "the judge process failed: " + e.getCause(), e.getCause())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response = Wire.GradeResponse.of(new JudgeException(JudgeException.Reason.CLOSED,
                    "the judge process is stopping"));
        } finally {
            inFlight.decrementAndGet();
            lastActivity.set(System.nanoTime());
        }
        respond(exchange, 200, response);
    }

    private Wire.Hello hello() {
        var model = judge.model();
        String state;
        String detail;
        LocalJudge.Served served = new LocalJudge.Served(0, 0);
        if (!model.isDone()) {
            state = "loading";
            detail = "";
        } else if (model.isCompletedExceptionally()) {
            state = "failed";
            detail = failure().map(Throwable::getMessage).orElse("");
        } else {
            LocalJudge loaded = model.join();
            state = "ready";
            detail = loaded.toString();
            served = loaded.served();
        }
        return new Wire.Hello(Wire.PROTOCOL, Wire.rubricBuild(), ProcessHandle.current().pid(), judge.fingerprint(),
                state, detail, clients(), logPath, served.gradings(), served.batches());
    }

    /** The model's load failure, once it failed. */
    java.util.Optional<JudgeException> failure() {
        var model = judge.model();
        if (!model.isCompletedExceptionally()) {
            return java.util.Optional.empty();
        }
        try {
            model.join();
            return java.util.Optional.empty();
        } catch (RuntimeException e) {
            return JudgeException.find(e);
        }
    }

    /** Constant-time comparison: the time taken says nothing about how much of a guess was right. */
    private boolean authorized(String header) {
        if (header == null || !header.startsWith(Wire.BEARER)) {
            return false;
        }
        byte[] given = header.substring(Wire.BEARER.length()).strip().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(given, secret);
    }

    private static <T> T read(HttpExchange exchange, Class<T> type) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(Wire.MAX_BODY_BYTES + 1);
            if (body.length > Wire.MAX_BODY_BYTES) {
                throw new IOException("a request body larger than " + Wire.MAX_BODY_BYTES + " bytes");
            }
            return Wire.JSON.readValue(body, type);
        }
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = Wire.JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops listening (requests in flight get a second to finish). */
    @Override
    public void close() {
        http.stop(1);
        threads.shutdownNow();
    }
}
