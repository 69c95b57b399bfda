package dev.rubric.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Hugging Face Hub on 127.0.0.1 that answers like the real one: the revision API with sha and siblings,
 * {@code /{id}/resolve/{rev}/{file}} with X-Repo-Commit, ETag / X-Linked-Etag and X-Linked-Size, and for LFS files
 * (*.safetensors, *.bin) a 302 to a storage host ({@code localhost} on another port, not the endpoint's origin)
 * that serves the bytes with Range support. It records every request and can cut, corrupt or refuse transfers.
 */
final class FakeHub implements AutoCloseable {

    record Request(String method, String path, String range, String authorization, String host) {
    }

    /** A hostile answer put before the Hub's own: it answers (and returns true) or lets the Hub answer. */
    @FunctionalInterface
    interface Hostile {
        boolean answer(HttpExchange exchange, Request request) throws IOException;
    }

    private volatile Hostile hostile = (exchange, request) -> false;

    /** Answers requests with {@code h} first (an echo of the token, a malformed redirect, an oversized file). */
    void hostile(Hostile h) {
        this.hostile = h;
    }

    private final HttpServer server;
    private final StorageServer storage;
    private final String repoId;
    private final Map<String, String> refs = new ConcurrentHashMap<>();
    private final Map<String, Map<String, byte[]>> trees = new ConcurrentHashMap<>();
    private final Map<String, byte[]> lfsBlobs = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> rawTargets = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> cutsLeft = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> stallsLeft = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> corruptionsLeft = new ConcurrentHashMap<>();
    private volatile String requiredToken;
    private volatile boolean ignoreRange;

    FakeHub(String repoId) throws IOException {
        this.repoId = repoId;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        this.storage = new StorageServer();
    }

    /** The Hub's address, for HF_ENDPOINT. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Adds a commit with these files, and points {@code ref} (a branch or tag) at it. */
    void addCommit(String ref, String commit, Map<String, byte[]> files) {
        trees.put(commit, new LinkedHashMap<>(files));
        refs.put(ref, commit);
        files.forEach((name, bytes) -> {
            if (isLfs(name)) {
                lfsBlobs.put(sha256(bytes), bytes);
            }
        });
    }

    /** The next {@code times} transfers of {@code file} stop after half of the bytes they promise. */
    void cutTransfers(String file, int times) {
        cutsLeft.put(file, new AtomicInteger(times));
    }

    /** The next {@code times} transfers of {@code file} send half of the bytes and then nothing for 10 s. */
    void stallTransfers(String file, int times) {
        stallsLeft.put(file, new AtomicInteger(times));
    }

    /** The next {@code times} transfers of {@code file} have one byte changed. */
    void corruptTransfers(String file, int times) {
        corruptionsLeft.put(file, new AtomicInteger(times));
    }

    /** A gated model: file requests are answered 401 unless they carry {@code Authorization: Bearer token}. */
    void requireToken(String token) {
        this.requiredToken = token;
    }

    /** Answers Range requests with the whole file (200), as some proxies do. */
    void ignoreRange(boolean ignore) {
        this.ignoreRange = ignore;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The request paths as sent, before percent-decoding. */
    List<String> rawRequestTargets() {
        return List.copyOf(rawTargets);
    }

    void clearRequests() {
        requests.clear();
    }

    static boolean isLfs(String name) {
        return name.endsWith(".safetensors") || name.endsWith(".bin");
    }

    /** The ETag the Hub gives a file: sha256 for LFS files, the git blob sha1 for the others. */
    static String etagOf(String name, byte[] bytes) {
        return isLfs(name) ? sha256(bytes) : gitBlobSha1(bytes);
    }

    static String sha256(byte[] bytes) {
        return hex("SHA-256", bytes);
    }

    static String gitBlobSha1(byte[] bytes) {
        byte[] header = ("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[header.length + bytes.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(bytes, 0, all, header.length, bytes.length);
        return hex("SHA-1", all);
    }

    private static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Pattern API = Pattern.compile("/api/models/([^/]+/[^/]+)/revision/(.+)");
    private static final Pattern RESOLVE = Pattern.compile("/([^/]+/[^/]+)/resolve/([^/]+)/(.+)");
    private static final Pattern LFS = Pattern.compile("/lfs/([0-9a-f]{64})");

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            rawTargets.add(exchange.getRequestURI().getRawPath());
            Request request = new Request(exchange.getRequestMethod(), path,
                    exchange.getRequestHeaders().getFirst("Range"),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Host"));
            requests.add(request);
            if (hostile.answer(exchange, request)) {
                return;
            }
            Matcher api = API.matcher(path);
            Matcher resolve = RESOLVE.matcher(path);
            if (resolve.matches() && requiredToken != null
                    && !("Bearer " + requiredToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                // a gated model: its file list is public, its files are not
                error(exchange, 401, "GatedRepo", "Access to model " + repoId + " is restricted. You must have "
                        + "access to it and be authenticated to access it. Please log in.");
                return;
            }
            if (api.matches()) {
                serveListing(exchange, api.group(1), api.group(2));
            } else if (resolve.matches()) {
                serveResolve(exchange, resolve.group(1), resolve.group(2), resolve.group(3));
            } else {
                error(exchange, 404, null, "no such page " + path);
            }
        }
    }

    private String commitOf(HttpExchange exchange, String id, String revision) throws IOException {
        if (!id.equals(repoId)) { // as the Hub does: 401 to anonymous requests (the repo might be private), else 404
            boolean anonymous = exchange.getRequestHeaders().getFirst("Authorization") == null;
            error(exchange, anonymous ? 401 : 404, "RepoNotFound", "Repository not found");
            return null;
        }
        String commit = trees.containsKey(revision) ? revision : refs.get(revision);
        if (commit == null) {
            error(exchange, 404, "RevisionNotFound", "Invalid rev id: " + revision);
        }
        return commit;
    }

    private void serveListing(HttpExchange exchange, String id, String revision) throws IOException {
        String commit = commitOf(exchange, id, revision);
        if (commit == null) {
            return;
        }
        StringBuilder json = new StringBuilder("{\"id\":\"" + id + "\",\"sha\":\"" + commit + "\",\"siblings\":[");
        List<String> names = new ArrayList<>(trees.get(commit).keySet());
        for (int i = 0; i < names.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"rfilename\":\"").append(names.get(i)).append("\"}");
        }
        json.append("]}");
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private void serveResolve(HttpExchange exchange, String id, String revision, String file) throws IOException {
        String commit = commitOf(exchange, id, revision);
        if (commit == null) {
            return;
        }
        byte[] bytes = trees.get(commit).get(file);
        if (bytes == null) {
            error(exchange, 404, "EntryNotFound", file + " does not exist on \"" + revision + "\"");
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.set("X-Repo-Commit", commit);
        if (isLfs(file)) {
            String sha = sha256(bytes);
            headers.set("X-Linked-Etag", "\"" + sha + "\"");
            headers.set("X-Linked-Size", String.valueOf(bytes.length));
            headers.set("ETag", "W/\"" + gitBlobSha1(("pointer " + sha).getBytes(StandardCharsets.UTF_8)) + "\"");
            headers.set("Location", "http://localhost:" + storage.port() + "/lfs/" + sha);
            exchange.sendResponseHeaders(302, -1);
            return;
        }
        headers.set("ETag", "\"" + gitBlobSha1(bytes) + "\"");
        serveBytes(exchange, file, bytes);
    }

    private void serveBytes(HttpExchange exchange, String file, byte[] bytes) throws IOException {
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Content-Length", String.valueOf(bytes.length));
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        byte[] served = bytes;
        int start = 0;
        String range = exchange.getRequestHeaders().getFirst("Range");
        Matcher m = range == null ? null : Pattern.compile("bytes=(\\d+)-").matcher(range);
        if (m != null && m.matches() && !ignoreRange) {
            start = Integer.parseInt(m.group(1));
            if (start >= served.length) {
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + served.length);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Range",
                    "bytes " + start + "-" + (served.length - 1) + "/" + served.length);
        }
        int length = served.length - start;
        exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
        exchange.sendResponseHeaders(start > 0 ? 206 : 200, length);
        exchange.getResponseBody().write(served, start, length);
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        if (code != null) {
            exchange.getResponseHeaders().set("X-Error-Code", code);
        }
        exchange.getResponseHeaders().set("X-Error-Message", message);
        byte[] body = ("{\"error\":\"" + message.replace("\"", "\\\"") + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    URI uri() {
        return URI.create(endpoint());
    }

    @Override
    public void close() {
        server.stop(0);
        storage.close();
    }

    /**
     * The storage host that LFS redirects lead to: a plain socket server (one request per connection), so that a cut
     * transfer really drops the TCP connection in the middle of the body, as a failing network does.
     */
    private final class StorageServer implements AutoCloseable {

        private final ServerSocket socket;
        private final Thread acceptor;

        StorageServer() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            acceptor = new Thread(this::acceptAll, "fake-hub-storage");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void acceptAll() {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    Thread worker = new Thread(() -> {
                        try (connection) {
                            serve(connection);
                        } catch (IOException | InterruptedException e) {
                            // the client went away
                        }
                    }, "fake-hub-storage-connection");
                    worker.setDaemon(true);
                    worker.start();
                } catch (IOException e) {
                    // closed
                }
            }
        }

        private void serve(Socket connection) throws IOException, InterruptedException {
            BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            String requestLine = in.readLine();
            if (requestLine == null) {
                return;
            }
            Map<String, String> headers = new HashMap<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            String[] parts = requestLine.split(" ");
            requests.add(new Request(parts[0], parts[1], headers.get("range"), headers.get("authorization"),
                    headers.get("host")));
            OutputStream out = connection.getOutputStream();
            Matcher lfs = LFS.matcher(parts[1]);
            byte[] bytes = lfs.matches() ? lfsBlobs.get(lfs.group(1)) : null;
            if (bytes == null) {
                out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            String file = fileNameOf(lfs.group(1));
            byte[] served = bytes;
            AtomicInteger corruptions = corruptionsLeft.get(file);
            if (corruptions != null && corruptions.getAndDecrement() > 0) {
                served = bytes.clone();
                served[served.length / 3] ^= 0x5a;
            }
            int start = 0;
            Matcher range = Pattern.compile("bytes=(\\d+)-").matcher(headers.getOrDefault("range", ""));
            String status = "200 OK";
            String contentRange = "";
            if (range.matches() && !ignoreRange) {
                start = Integer.parseInt(range.group(1));
                if (start >= served.length) {
                    out.write(("HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */" + served.length
                            + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    return;
                }
                status = "206 Partial Content";
                contentRange = "Content-Range: bytes " + start + "-" + (served.length - 1) + "/" + served.length
                        + "\r\n";
            }
            int length = served.length - start;
            out.write(("HTTP/1.1 " + status + "\r\nContent-Length: " + length + "\r\n" + contentRange
                    + "Accept-Ranges: bytes\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            AtomicInteger cuts = cutsLeft.get(file);
            AtomicInteger stalls = stallsLeft.get(file);
            boolean cut = cuts != null && cuts.getAndDecrement() > 0;
            boolean stall = !cut && stalls != null && stalls.getAndDecrement() > 0;
            out.write(served, start, cut || stall ? length / 2 : length);
            out.flush(); // a cut transfer ends here: the connection closes in the middle of the body
            if (stall) {
                Thread.sleep(10_000); // a stalled transfer sends nothing more for a long time
            }
        }

        private String fileNameOf(String sha) {
            return trees.values().stream().flatMap(t -> t.entrySet().stream())
                    .filter(e -> isLfs(e.getKey()) && sha256(e.getValue()).equals(sha))
                    .map(Map.Entry::getKey).findFirst().orElseThrow();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
