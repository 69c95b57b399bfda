package dev.rubric.hub;

import com.sun.net.httpserver.HttpExchange;
import dev.rubric.secret.Redaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 14's Hub cases: a Hub (or a proxy before it) on 127.0.0.1 that echoes HF_TOKEN in its error bodies, a
 * malformed redirect, and tokens as CI systems hand them over (a trailing newline, a zero-width space).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HubSecretLeakTest {

    static final String REPO = "prometheus-eval/tiny-judge";
    static final String TOKEN = "hf_LeakyTokenValue/4711+abcXYZ";

    @TempDir
    Path tmp;
    FakeHub hub;

    @BeforeEach
    void startHub() throws IOException {
        hub = new FakeHub(REPO);
        hub.addCommit("main", "a".repeat(40), ModelLocatorDownloadTest.checkpoint(new Random(7), "main"));
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    @Test
    void aHubThatEchoesTheTokenInA401BodyIsQuotedRedacted() {
        hub.hostile(echo(401, token -> "{\"error\":\"upstream said: Bearer " + token + " is not valid\"}"));

        HubException e = catchThrowableOfType(() -> locator(Map.of("HF_TOKEN", TOKEN)).resolve(REPO),
                HubException.class);

        assertThat(e.problem()).isEqualTo(HubException.Problem.UNAUTHORIZED);
        assertThat(e.getMessage()).contains("The Hub said: \"upstream said: Bearer **** is not valid\"");
        assertNoPartOfTheToken(e);
    }

    @Test
    void aHubThatEchoesTheTokenInA500BodyCutAtTheQuoteIsRedacted() {
        // 290 characters before the token: the 300-character quote would cut it after 10
        hub.hostile(echo(500, token -> "upstream said: " + "z".repeat(275) + "Bearer " + token.replace("/", "\\/")));

        HubException e = catchThrowableOfType(() -> locator(Map.of("HF_TOKEN", TOKEN)).resolve(REPO),
                HubException.class);

        assertThat(e.problem()).isEqualTo(HubException.Problem.HUB_ERROR);
        assertThat(e.getMessage()).contains("HTTP 500", "Bearer ***"); // the mask itself may be cut
        assertNoPartOfTheToken(e);
    }

    @Test
    void aMalformedRedirectIsAClearErrorWithoutTheToken() {
        hub.hostile((exchange, request) -> {
            if (!request.path().contains("/resolve/")) {
                return false;
            }
            String token = request.authorization().substring("Bearer ".length());
            exchange.getResponseHeaders().set("Location", "http://[bad host/?t=" + token + " x");
            exchange.sendResponseHeaders(302, -1);
            return true;
        });

        HubException e = catchThrowableOfType(() -> locator(Map.of("HF_TOKEN", TOKEN)).resolve(REPO),
                HubException.class);

        assertThat(e.problem()).isEqualTo(HubException.Problem.HUB_ERROR);
        assertThat(e.getMessage()).contains("redirected the download of", "to a malformed address",
                "HF_ENDPOINT", "?t=****");
        assertNoPartOfTheToken(e);
    }

    @Test
    void aTokenWithATrailingNewlineIsSentTrimmed() {
        hub.requireToken(TOKEN);

        assertThat(locator(Map.of("HF_TOKEN", TOKEN + "\r\n")).resolve(REPO)).isDirectory();
        assertThat(hub.requests()).extracting(FakeHub.Request::authorization).contains("Bearer " + TOKEN);
    }

    @Test
    void aTokenWithAZeroWidthSpaceIsRefusedWithoutShowingIt() {
        String token = TOKEN.substring(0, 9) + "\u200b" + TOKEN.substring(9);

        HubException e = catchThrowableOfType(() -> locator(Map.of("HF_TOKEN", token)), HubException.class);

        assertThat(e.problem()).isEqualTo(HubException.Problem.BAD_SPEC);
        assertThat(e.getMessage()).contains("the environment variable HF_TOKEN holds a character that cannot be sent"
                + " in an HTTP header (U+200B ZERO WIDTH SPACE, character 10 of");
        assertNoPartOfTheToken(e);
        assertThat(hub.requests()).isEmpty();
    }

    // ---- helpers

    static void assertNoPartOfTheToken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = String.valueOf(t);
            for (String form : new String[] {TOKEN, TOKEN.replace("/", "\\/")}) {
                for (int i = 0; i + Redaction.MIN_LENGTH <= form.length(); i++) {
                    assertThat(text).as("holds a part of the token")
                            .doesNotContain(form.substring(i, i + Redaction.MIN_LENGTH));
                }
            }
        }
    }

    private interface Body {
        String of(String token);
    }

    /** Every request answered with {@code status} and the request's token echoed into {@code body}. */
    private static FakeHub.Hostile echo(int status, Body body) {
        return (HttpExchange exchange, FakeHub.Request request) -> {
            String auth = request.authorization();
            byte[] bytes = body.of(auth == null ? "(none)" : auth.substring("Bearer ".length()))
                    .getBytes(StandardCharsets.UTF_8);
            if (request.method().equals("HEAD")) {
                exchange.sendResponseHeaders(status, -1);
            } else {
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
            return true;
        };
    }

    private ModelLocator locator(Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("HF_HUB_CACHE", tmp.resolve("hf-cache").toString());
        env.put("HF_ENDPOINT", hub.endpoint());
        return new ModelLocator(HubSettings.fromEnvironment(env, tmp.resolve("home")), HubHttp.defaultClient(),
                DownloadProgress.silent(), BlobDownloader::usableSpaceOf, Duration.ofSeconds(5), Duration.ofMillis(1));
    }
}
