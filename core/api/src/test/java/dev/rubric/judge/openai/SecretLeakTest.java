package dev.rubric.judge.openai;

import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.Judge;
import dev.rubric.core.JudgeException;
import dev.rubric.core.JudgeException.Reason;
import dev.rubric.judge.JudgeConfig;
import dev.rubric.judge.Judges;
import dev.rubric.secret.Redaction;
import dev.rubric.secret.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.rubric.judge.openai.FakeOpenAiServer.completion;
import static dev.rubric.judge.openai.FakeOpenAiServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 14's leak cases against a hostile judge server on 127.0.0.1 that echoes the request's API key back, in every
 * place a server can: the output, the feedback, a redirect, an error body (JSON-escaped, cut at the excerpt's edge).
 * No part of the key of {@value Redaction#MIN_LENGTH} characters or more may reach a message or a stored verdict.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SecretLeakTest {

    /** With a '/', a '+' and a '=' so that its JSON-escaped and URL-encoded forms differ from it. */
    static final String KEY = "sk-leak/Q7x+9Zp=W3mN8vR2tY6uK4";

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @TempDir
    Path cacheDir;

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    @Test
    void anOutputWithoutAScoreThatEchoesTheKeyIsQuotedRedacted() {
        FakeOpenAiServer server = server().otherwise(echo(200,
                key -> completionText("I cannot grade this. Your key is " + key + " and it is wrong.")));

        JudgeException e = OpenAiJudgeTest.failure(judge(server).grade(OpenAiJudgeTest.GRADING));

        assertThat(e.reason()).isEqualTo(Reason.UNPARSEABLE_OUTPUT);
        assertThat(e.getMessage()).contains("The last output", "Your key is ****");
        assertNoPartOfTheKey(e);
    }

    @Test
    void aVerdictWhoseFeedbackHoldsTheKeyIsStoredAndCachedRedacted() throws Exception {
        FakeOpenAiServer server = server().otherwise(echo(200,
                key -> completionText("Feedback: the request carried " + key + " [RESULT] 4")));
        Map<String, String> env = Map.of("RUBRIC_JUDGE_API_KEY", KEY);

        AbsoluteVerdict fresh;
        AbsoluteVerdict cached;
        try (Judge judge = Judges.create(config(server, Map.of(), env))) {
            fresh = judge.grade(OpenAiJudgeTest.GRADING).get();
            cached = judge.grade(OpenAiJudgeTest.GRADING).get();
        }
        assertThat(server.requests().get(0).authorization()).isEqualTo("Bearer " + KEY);
        assertThat(fresh.score()).isEqualTo(4);
        assertThat(fresh.feedback()).contains("carried ****");
        assertThat(cached.cached()).isTrue();
        assertThat(cached.feedback()).isEqualTo(fresh.feedback());
        assertNoPartOfTheKey(fresh.toString());
        try (Stream<Path> files = Files.walk(cacheDir)) {
            List<Path> entries = files.filter(Files::isRegularFile).toList();
            assertThat(entries).isNotEmpty();
            for (Path entry : entries) {
                assertNoPartOfTheKey(Files.readString(entry));
            }
        }
    }

    @Test
    void aRedirectWhoseLocationCarriesTheKeyIsNamedRedacted() {
        FakeOpenAiServer server = server().otherwise((exchange, request) -> {
            String key = request.authorization().substring("Bearer ".length());
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/v1/completions?key="
                    + URLEncoder.encode(key, StandardCharsets.UTF_8) + "&raw=" + key);
            exchange.sendResponseHeaders(307, -1);
        });

        JudgeException e = OpenAiJudgeTest.failure(judge(server).grade(OpenAiJudgeTest.GRADING));

        assertThat(e.reason()).isEqualTo(Reason.REJECTED);
        assertThat(e.getMessage()).contains("the server redirects to http://127.0.0.1:1/v1/completions?key=****&raw=****");
        assertNoPartOfTheKey(e);
    }

    @Test
    void aKeyStraddlingTheExcerptsCutLeavesNoPartBehind() {
        // the excerpt keeps the first 200 and the last 200 characters: the key starts 10 before the first cut
        FakeOpenAiServer server = server().otherwise(echo(400,
                key -> "x".repeat(190) + key + "y".repeat(600)));

        JudgeException e = OpenAiJudgeTest.failure(judge(server).grade(OpenAiJudgeTest.GRADING));

        assertThat(e.getMessage()).contains("HTTP 400", "characters left out");
        assertNoPartOfTheKey(e);
    }

    @Test
    void aKeyEchoedJsonEscapedIsRedacted() {
        FakeOpenAiServer server = server().otherwise(echo(422,
                key -> "{\"detail\":\"bad header: Bearer " + key.replace("/", "\\/") + "\"}"));

        JudgeException e = OpenAiJudgeTest.failure(judge(server).grade(OpenAiJudgeTest.GRADING));

        assertThat(e.getMessage()).contains("HTTP 422", "bad header: Bearer ****");
        assertNoPartOfTheKey(e);
    }

    @Test
    void aServerErrorThatEchoesTheKeyIsRedactedAfterTheRetries() {
        FakeOpenAiServer server = server().otherwise(echo(502, key -> "upstream said: Authorization: Bearer " + key));

        JudgeException e = OpenAiJudgeTest.failure(judge(server).grade(OpenAiJudgeTest.GRADING));

        assertThat(e.reason()).isEqualTo(Reason.SERVER_ERROR);
        assertThat(e.getMessage()).contains("HTTP 502", "Bearer ****");
        assertNoPartOfTheKey(e);
    }

    @Test
    void aBodyCutByTheServerMidKeyLeavesNoPartBehind() {
        // a proxy that shortens what it echoes: the key's first 20 characters end the body
        FakeOpenAiServer server = server().otherwise(echo(403, key -> "denied for Bearer " + key.substring(0, 20)));

        JudgeException e = OpenAiJudgeTest.failure(judge(server).grade(OpenAiJudgeTest.GRADING));

        assertThat(e.getMessage()).contains("denied for Bearer ****");
        assertNoPartOfTheKey(e);
    }

    @Test
    void aKeyWithATrailingNewlineIsSentTrimmed() throws Exception {
        FakeOpenAiServer server = server().otherwise(completion("Feedback: ok. [RESULT] 2"));

        try (Judge judge = Judges.create(config(server, Map.of("rubric.cache", "off"),
                Map.of("RUBRIC_JUDGE_API_KEY", KEY + "\n")))) {
            assertThat(judge.grade(OpenAiJudgeTest.GRADING).get().score()).isEqualTo(2);
        }
        assertThat(server.requests().get(0).authorization()).isEqualTo("Bearer " + KEY);
    }

    @Test
    void aKeyWithAZeroWidthSpaceIsRefusedWithoutShowingIt() {
        FakeOpenAiServer server = server();
        String key = KEY.substring(0, 10) + "\u200b" + KEY.substring(10);

        assertThatThrownBy(() -> config(server, Map.of(), Map.of("RUBRIC_JUDGE_API_KEY", key)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the environment variable RUBRIC_JUDGE_API_KEY holds a character that cannot be"
                        + " sent in an HTTP header (U+200B ZERO WIDTH SPACE, character 11 of 31")
                .satisfies(e -> assertNoPartOfTheKey(e.getMessage()));
        assertThat(server.requests()).isEmpty();
    }

    // ---- helpers

    /** Every 8 characters of the key, and its URL-encoded and JSON-escaped forms, are absent from the text. */
    static void assertNoPartOfTheKey(String text) {
        for (String form : List.of(KEY, URLEncoder.encode(KEY, StandardCharsets.UTF_8), KEY.replace("/", "\\/"))) {
            for (int i = 0; i + Redaction.MIN_LENGTH <= form.length(); i++) {
                assertThat(text).as("holds a part of the key").doesNotContain(form.substring(i, i + Redaction.MIN_LENGTH));
            }
        }
    }

    /** Neither the exception nor any of its causes (message, toString) holds a part of the key. */
    static void assertNoPartOfTheKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertNoPartOfTheKey(String.valueOf(t));
        }
    }

    private interface Echo {
        String body(String key);
    }

    /** A reply that echoes the request's Bearer token into {@code body}. */
    private static FakeOpenAiServer.Reply echo(int status, Echo body) {
        return (exchange, request) -> {
            String auth = request.authorization();
            String key = auth == null ? "(no key)" : auth.substring("Bearer ".length());
            json(status, body.body(key)).send(exchange, request);
        };
    }

    private static String completionText(String text) {
        return FakeOpenAiServer.completionJson(text, null).toString();
    }

    private FakeOpenAiServer server() {
        FakeOpenAiServer server = FakeOpenAiServer.start();
        toClose.add(server);
        return server;
    }

    private OpenAiJudge judge(FakeOpenAiServer server) {
        OpenAiJudge judge = new OpenAiJudge(TestSettings.of(server.baseUrl()).withApiKey(Secret.of(KEY)).build());
        toClose.add(0, judge);
        return judge;
    }

    private JudgeConfig config(FakeOpenAiServer server, Map<String, String> extra, Map<String, String> env) {
        Map<String, String> p = new HashMap<>(Map.of("rubric.judge", "openai",
                "rubric.judge.url", server.baseUrl().toString(), "rubric.judge.retries", "1",
                "rubric.cache.dir", cacheDir.toString()));
        p.putAll(extra);
        return JudgeConfig.from(k -> Optional.ofNullable(p.get(k)), env);
    }
}
