package dev.rubric.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rubric.secret.Redaction;
import dev.rubric.secret.Secret;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Hub's HTTP API, as huggingface_hub uses it: the file list of a revision, a file's metadata from the headers of a
 * HEAD on its resolve URL, and GET requests for the bytes. Redirects are followed by hand so that the token is only
 * ever sent to the Hub's own host (LFS files redirect to a storage host).
 */
final class HubHttp {

    private static final int MAX_JSON_BYTES = 32 << 20;
    private static final int MAX_REDIRECTS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HubSettings settings;
    private final HttpClient client;
    private final Duration headerTimeout;

    HubHttp(HubSettings settings, HttpClient client, Duration headerTimeout) {
        this.settings = settings;
        this.client = client;
        this.headerTimeout = headerTimeout;
    }

    static HttpClient defaultClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(20))
                .build();
    }

    /** A revision's commit and file names: {@code GET {endpoint}/api/models/{id}/revision/{revision}}. */
    RepoListing listing(HubModelId model) {
        URI uri = URI.create(settings.endpoint() + "/api/models/" + model.repoId() + "/revision/"
                + encode(model.revision(), false));
        HttpResponse<InputStream> response = send(request(uri, "GET", true).build(), model);
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw statusError(response.statusCode(), response.headers(), readPrefix(body), model, "the file list");
            }
            JsonNode json = JSON.readTree(readBounded(body, MAX_JSON_BYTES));
            String sha = json.path("sha").asText(null);
            List<String> files = new ArrayList<>();
            for (JsonNode sibling : json.path("siblings")) {
                String name = sibling.path("rfilename").asText(null);
                if (name != null) {
                    files.add(name);
                }
            }
            if (sha == null || !HubModelId.isCommitHash(sha)) {
                throw new HubException(HubException.Problem.HUB_ERROR, "The Hub at " + settings.endpoint()
                        + " answered the file list of " + model + " without a commit hash ('sha': " + sha
                        + "); check HF_ENDPOINT.");
            }
            return new RepoListing(sha, files);
        } catch (IOException e) {
            throw new HubException(HubException.Problem.HUB_ERROR, "The Hub at " + settings.endpoint()
                    + " sent an unreadable file list for " + model + ": " + e.getMessage(), e);
        }
    }

    /** {@code HEAD {endpoint}/{id}/resolve/{commit}/{file}}, following only relative (same-host) redirects. */
    FileMetadata metadata(HubModelId model, String commit, String fileName) {
        URI uri = resolveUri(model, commit, fileName);
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest head = request(uri, "HEAD", sameOrigin(uri)).header("Accept-Encoding", "identity").build();
            HttpResponse<InputStream> response = send(head, model);
            closeQuietly(response.body());
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            boolean redirect = status >= 300 && status < 400 && location.isPresent();
            URI to = redirect ? location(location.get(), model, fileName) : null;
            if (redirect && to.getHost() == null) {
                uri = uri.resolve(to);
                continue;
            }
            if (!redirect && status != 200) {
                throw statusError(status, response.headers(), "", model, fileName);
            }
            String repoCommit = response.headers().firstValue("X-Repo-Commit").orElse(commit);
            String etag = FileMetadata.normalizeEtag(response.headers().firstValue("X-Linked-Etag")
                    .orElse(response.headers().firstValue("ETag").orElse(null)));
            if (etag == null || etag.isEmpty()) {
                throw new HubException(HubException.Problem.HUB_ERROR, "The Hub at " + settings.endpoint()
                        + " gave no ETag for " + fileName + " of " + model + "; the file cannot be stored in the "
                        + "cache. Check HF_ENDPOINT (a proxy may be stripping headers).");
            }
            long size = parseSize(response.headers().firstValue("X-Linked-Size")
                    .or(() -> response.headers().firstValue("Content-Length")).orElse(null));
            URI target = redirect ? uri.resolve(to) : uri;
            return new FileMetadata(fileName, repoCommit, etag, size, target);
        }
        throw new HubException(HubException.Problem.HUB_ERROR, "The Hub at " + settings.endpoint() + " redirected "
                + fileName + " of " + model + " more than " + MAX_REDIRECTS + " times; check HF_ENDPOINT.");
    }

    /**
     * {@code GET} the bytes from {@code uri}, from byte {@code offset} on (a Range request when it is positive),
     * following redirects; the token goes only to the Hub's own host. The caller closes the body.
     */
    HttpResponse<InputStream> get(URI uri, long offset, HubModelId model, String fileName) {
        boolean mayAuthorize = sameOrigin(uri);
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            mayAuthorize &= sameOrigin(uri);
            HttpRequest.Builder request = request(uri, "GET", mayAuthorize).header("Accept-Encoding", "identity");
            if (offset > 0) {
                request.header("Range", "bytes=" + offset + "-");
            }
            HttpResponse<InputStream> response = send(request.build(), model);
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            if (status >= 300 && status < 400 && location.isPresent()) {
                closeQuietly(response.body());
                uri = uri.resolve(location(location.get(), model, fileName));
                continue;
            }
            if (status != 200 && status != 206 && status != 416 && status < 500 && status != 429) {
                String body;
                try (InputStream in = response.body()) {
                    body = readPrefix(in);
                } catch (IOException e) {
                    body = "";
                }
                throw statusError(status, response.headers(), body, model, fileName);
            }
            return response;
        }
        throw new HubException(HubException.Problem.HUB_ERROR, "Downloading " + fileName + " of " + model
                + " was redirected more than " + MAX_REDIRECTS + " times; check HF_ENDPOINT.");
    }

    /**
     * A redirect's {@code Location}: a relative reference or an http(s) URL; anything else is the Hub's (or a proxy's)
     * error, named with the value redacted and shortened.
     */
    private URI location(String value, HubModelId model, String fileName) {
        URI to;
        try {
            to = new URI(value.strip());
        } catch (URISyntaxException e) {
            to = null;
        }
        if (to == null || to.isOpaque() || to.getScheme() != null && !to.getScheme().equalsIgnoreCase("http")
                && !to.getScheme().equalsIgnoreCase("https") || to.getScheme() != null && to.getHost() == null) {
            throw new HubException(HubException.Problem.HUB_ERROR, "The Hub at " + settings.endpoint()
                    + " redirected the download of " + fileName + " of " + model + " to a malformed address ("
                    + excerpt(value, 200) + "): not a relative path nor an http(s) URL with a host. Check HF_ENDPOINT"
                    + " (a proxy in between may be rewriting the Location header).");
        }
        return to;
    }

    /** Untrusted text for a message: redacted before it is cut, control and format characters as spaces. */
    static String excerpt(String text, int max) {
        String line = Redaction.redact(text).replaceAll("[\\p{Cntrl}\\p{Cf}]", " ").strip();
        return "\"" + (line.length() > max ? line.substring(0, max) + "..." : line) + "\"";
    }

    URI resolveUri(HubModelId model, String commit, String fileName) {
        return URI.create(settings.endpoint() + "/" + model.repoId() + "/resolve/" + encode(commit, false) + "/"
                + encode(fileName, true));
    }

    /** Whether a request to {@code uri} may carry the token: same scheme, host and port as HF_ENDPOINT. */
    boolean sameOrigin(URI uri) {
        URI endpoint = settings.endpoint();
        return Objects.equals(lower(uri.getScheme()), lower(endpoint.getScheme()))
                && Objects.equals(lower(uri.getHost()), lower(endpoint.getHost()))
                && port(uri) == port(endpoint);
    }

    private HttpRequest.Builder request(URI uri, String method, boolean authorize) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(headerTimeout)
                .header("User-Agent", "rubric-hub/1.0; java/" + Runtime.version().feature())
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorize) {
            settings.token().map(Secret::reveal).ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        }
        return builder;
    }

    private HttpResponse<InputStream> send(HttpRequest request, HubModelId model) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException(HubException.Problem.IO_ERROR, "Interrupted while asking the Hub about " + model, e);
        } catch (IOException e) {
            throw unreachable(model, e);
        }
    }

    HubException unreachable(HubModelId model, IOException e) {
        String why = e instanceof ConnectException || e instanceof UnknownHostException
                || e instanceof HttpConnectTimeoutException ? "cannot be reached"
                : e instanceof HttpTimeoutException ? "did not answer in time" : "failed";
        return new HubException(HubException.Problem.OFFLINE, "The Hub at " + settings.endpoint() + " " + why + " ("
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "), and "
                + model + " is not complete in the cache " + settings.cacheDir() + ". " + howToGetItOffline(model), e);
    }

    static String howToGetItOffline(HubModelId model) {
        return "Download it where the Hub is reachable with `huggingface-cli download " + model.repoId()
                + (model.revision().equals(HubModelId.DEFAULT_REVISION) ? "" : " --revision " + model.revision())
                + "` into the same HF_HUB_CACHE (or copy that cache folder here), set HF_ENDPOINT to a reachable "
                + "mirror, or point rubric.judge.model at a directory that holds config.json, tokenizer.json and "
                + "*.safetensors.";
    }

    private HubException statusError(int status, HttpHeaders headers, String body, HubModelId model, String what) {
        String code = headers.firstValue("X-Error-Code").orElse("");
        String detail = sanitize(body.isBlank() ? headers.firstValue("X-Error-Message").orElse("") : body);
        String page = settings.endpoint() + "/" + model.repoId();
        if (code.equals("RepoNotFound")) { // the Hub's answer to an unknown id: 401 without a token, 404 with one
            return new HubException(HubException.Problem.NOT_FOUND, "The Hub at " + settings.endpoint()
                    + " has no model '" + model.repoId() + "'" + (settings.token().isEmpty() ? " that it shows without"
                    + " a token" : "") + " (HTTP " + status + ", " + code + "). Check the model id in "
                    + "rubric.judge.model (the Prometheus 2 models are listed on " + settings.endpoint()
                    + "/prometheus-eval). If the model is private or "
                    + "gated, create a read token at " + settings.endpoint() + "/settings/tokens and set it in "
                    + "HF_TOKEN." + detail);
        }
        if (status == 401 || status == 403) {
            String tokenState = settings.token().isPresent()
                    ? "The token from HF_TOKEN (or HUGGING_FACE_HUB_TOKEN / huggingface-cli login) was not accepted "
                    + "for it."
                    : "No token is set.";
            return new HubException(HubException.Problem.UNAUTHORIZED, "The Hub refused access to " + what + " of "
                    + model + " (HTTP " + status + (code.isEmpty() ? "" : ", " + code) + "). " + tokenState
                    + " If the model is gated or private, accept its licence on " + page + " while logged in, create "
                    + "a read token at " + settings.endpoint() + "/settings/tokens and set it in HF_TOKEN. If it is "
                    + "neither, check the spelling of '" + model.repoId() + "'." + detail);
        }
        if (status == 404) {
            String which = code.equals("RevisionNotFound") ? "has no revision '" + model.revision() + "'"
                    : code.equals("EntryNotFound") ? "has no file " + what + " at revision '" + model.revision() + "'"
                    : "has no model '" + model.repoId() + "' at revision '" + model.revision() + "'";
            return new HubException(HubException.Problem.NOT_FOUND, "The Hub at " + settings.endpoint() + " " + which
                    + " (HTTP 404" + (code.isEmpty() ? "" : ", " + code) + "). Check the model id and the revision "
                    + "after '@' (a branch, a tag or a 40-hex commit) on " + page + "." + detail);
        }
        return new HubException(HubException.Problem.HUB_ERROR, "The Hub at " + settings.endpoint() + " answered HTTP "
                + status + (code.isEmpty() ? "" : " (" + code + ")") + " for " + what + " of " + model
                + ". Try again later." + detail);
    }

    private static String sanitize(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = body;
        try {
            JsonNode json = JSON.readTree(body);
            if (json.hasNonNull("error")) {
                text = json.get("error").asText();
            }
        } catch (IOException notJson) {
            // keep the raw text
        }
        // redacted before it is cut: the Hub (or a proxy before it) may echo the request's Authorization header
        return text.isBlank() ? "" : " The Hub said: " + excerpt(text, 300);
    }

    /** The start of an error answer, for the message; never fails. */
    private static String readPrefix(InputStream in) {
        try {
            return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static String readBounded(InputStream in, int max) throws IOException {
        byte[] bytes = in.readNBytes(max + 1);
        if (bytes.length > max) {
            throw new IOException("the answer is larger than " + max + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static long parseSize(String header) {
        if (header == null) {
            return -1;
        }
        try {
            long size = Long.parseLong(header.trim());
            return size >= 0 ? size : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Percent-encodes all but unreserved characters (and '/' when {@code keepSlash}). */
    static String encode(String text, boolean keepSlash) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0
                    || keepSlash && c == '/') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing to release
        }
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** A revision's commit and the names of its files. */
    record RepoListing(String commit, List<String> files) {
    }
}
