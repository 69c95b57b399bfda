package dev.rubric.judge.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rubric.core.JudgeFingerprint;
import dev.rubric.judge.ServerSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.rubric.judge.openai.FakeOpenAiServer.JSON;
import static dev.rubric.judge.openai.FakeOpenAiServer.json;
import static dev.rubric.judge.openai.FakeOpenAiServer.modelList;
import static org.assertj.core.api.Assertions.assertThat;

/** The judge behind a server is named by its API mode, its URL and what the server says about the model it serves. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class OpenAiFingerprintTest {

    static final String MODEL = "prometheus-eval/prometheus-7b-v2.0";

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    /** vLLM's entry: a fresh {@code created} and permission id on every request, which must not name another judge. */
    static ObjectNode vllmEntry(String id, String root, long created) {
        ObjectNode e = JSON.createObjectNode().put("id", id).put("object", "model").put("created", created)
                .put("owned_by", "vllm").put("root", root).putNull("parent").put("max_model_len", 8192);
        e.putArray("permission").addObject().put("id", "modelperm-" + created).put("created", created);
        return e;
    }

    @Test
    void theFingerprintNamesTheApiTheUrlAndWhatTheServerReports() throws Exception {
        FakeOpenAiServer server = server().models(modelList(vllmEntry(MODEL, "/models/prometheus-7b-awq", 1)));
        OpenAiJudge judge = judge(TestSettings.of(server.baseUrl()));

        JudgeFingerprint fp = judge.fingerprint();

        assertThat(fp.backend()).isEqualTo("openai");
        assertThat(fp.model()).isEqualTo(MODEL);
        assertThat(fp.identity()).containsExactly(
                Map.entry("api", "completions"),
                Map.entry("served.id", MODEL),
                Map.entry("served.max_model_len", "8192"),
                Map.entry("served.owned_by", "vllm"),
                Map.entry("served.root", "/models/prometheus-7b-awq"),
                Map.entry("url", server.baseUrl().toString()));
        assertThat(fp.canonical()).endsWith(";api=completions;served.id=" + MODEL
                + ";served.max_model_len=8192;served.owned_by=vllm;served.root=/models/prometheus-7b-awq;url="
                + server.baseUrl().toString().replace("=", "\\="));
        assertThat(fp.toString()).contains("served.root=/models/prometheus-7b-awq");
        assertThat(server.modelRequests()).singleElement().satisfies(r -> assertThat(r.path()).isEqualTo("/v1/models"));
    }

    @Test
    void theServerIsAskedOncePerJudgeAndVolatileFieldsDoNotCount() throws Exception {
        FakeOpenAiServer server = server().models((exchange, request) ->
                modelList(vllmEntry(MODEL, "prometheus-eval/prometheus-7b-v2.0", System.nanoTime()))
                        .send(exchange, request));
        OpenAiJudge judge = judge(TestSettings.of(server.baseUrl()));

        JudgeFingerprint first = judge.fingerprint();
        judge.grade(OpenAiJudgeTest.GRADING).get();
        judge.grade(OpenAiJudgeTest.GRADING).get();

        assertThat(judge.fingerprint()).isSameAs(first);
        assertThat(server.modelRequests()).hasSize(1);
        assertThat(judge(TestSettings.of(server.baseUrl())).fingerprint()).as("another judge asks again, and is"
                + " the same judge though the server's created time changed").isEqualTo(first);
        assertThat(server.modelRequests()).hasSize(2);
    }

    @Test
    void theApiModeAndTheUrlAreParts() {
        FakeOpenAiServer server = server();
        URI url = server.baseUrl();
        JudgeFingerprint completions = judge(TestSettings.of(url)).fingerprint();
        JudgeFingerprint chat = judge(TestSettings.of(url).withApi(ServerSettings.Api.CHAT)).fingerprint();
        JudgeFingerprint same = judge(TestSettings.of(URI.create(url + "//"))).fingerprint();

        assertThat(chat.identity()).containsEntry("api", "chat");
        assertThat(chat.id()).isNotEqualTo(completions.id());
        assertThat(same.identity()).containsEntry("url", url.toString());
        assertThat(same).isEqualTo(completions);
        assertThat(completions.identity()).containsEntry("server", "said-nothing");
    }

    @Test
    void theServerIsAskedWithTheApiKeyAndARefusalSaysNothing() {
        FakeOpenAiServer server = server().models(json(401, "{\"error\":\"bad key\"}"));
        JudgeFingerprint fp = judge(TestSettings.of(server.baseUrl())
                .withApiKey(dev.rubric.secret.Secret.of(OpenAiJudgeTest.KEY))).fingerprint();

        assertThat(server.modelRequests()).singleElement().satisfies(r ->
                assertThat(r.authorization()).isEqualTo("Bearer " + OpenAiJudgeTest.KEY));
        assertThat(fp.identity()).containsEntry("server", "said-nothing");
        assertThat(fp.toString()).doesNotContain(OpenAiJudgeTest.KEY);
    }

    @Test
    void theUrlIsNamedInOneSpelling() {
        assertThat(TestSettings.of(URI.create("http://Judge.Internal:80/v1//")).build().normalisedUrl())
                .isEqualTo("http://judge.internal/v1");
        assertThat(TestSettings.of(URI.create("https://judge:443/v1")).build().normalisedUrl())
                .isEqualTo("https://judge/v1");
        assertThat(TestSettings.of(URI.create("http://judge:8000")).build().normalisedUrl())
                .isEqualTo("http://judge:8000");
        assertThat(TestSettings.of(URI.create("https://judge:8443/openai/v1")).build().normalisedUrl())
                .isEqualTo("https://judge:8443/openai/v1");
    }

    @Test
    void aServerThatServesOneModelUnderAnyNameIsReadAndLlamaCppMetaCounts() throws Exception {
        ObjectNode llama = JSON.createObjectNode().put("id", "/models/prometheus-7b-v2.0.Q4_K_M.gguf")
                .put("object", "model").put("created", 1).put("owned_by", "llamacpp");
        llama.putObject("meta").put("vocab_type", 1).put("n_vocab", 32000).put("n_ctx_train", 32768)
                .put("n_params", 7241732096L).put("size", 4368438272L).putObject("nested").put("x", 1);
        FakeOpenAiServer server = server().models(modelList(llama));

        JudgeFingerprint fp = judge(TestSettings.of(server.baseUrl())).fingerprint();

        assertThat(fp.identity()).containsEntry("served.id", "/models/prometheus-7b-v2.0.Q4_K_M.gguf")
                .containsEntry("served.meta.n_params", "7241732096").containsEntry("served.meta.size", "4368438272")
                .containsEntry("served.meta.n_vocab", "32000").doesNotContainKey("served.meta.nested")
                .doesNotContainKey("served.created");
    }

    @Test
    void aListWithoutTheModelOrABodyThatIsNoListSaysNothingAndLongValuesAreCut() throws Exception {
        FakeOpenAiServer several = server().models(modelList(vllmEntry("other-a", "a", 1), vllmEntry("other-b", "b", 1)));
        assertThat(judge(TestSettings.of(several.baseUrl())).fingerprint().identity())
                .containsEntry("server", "model-not-listed");
        FakeOpenAiServer garbage = server().models(json(200, "<html>proxy login</html>"));
        assertThat(judge(TestSettings.of(garbage.baseUrl())).fingerprint().identity())
                .containsEntry("server", "said-nothing");
        FakeOpenAiServer verbose = server().models(modelList(vllmEntry(MODEL, "r".repeat(10_000), 1)));
        assertThat(judge(TestSettings.of(verbose.baseUrl())).fingerprint().identity().get("served.root"))
                .hasSize(ServerIdentity.MAX_VALUE_LENGTH);
    }

    /** Who serves at the URL is unknown: an identity nothing else has, until the server answers again. */
    @Test
    void aServerThatCannotBeReachedGetsAnIdentityOfThisJudgeAloneUntilItAnswers() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port + "/v1");
        OpenAiJudge judge = judge(TestSettings.of(url).withRetries(0));
        OpenAiJudge another = judge(TestSettings.of(url).withRetries(0));

        JudgeFingerprint down = judge.fingerprint();

        assertThat(down.identity().get("server")).startsWith("unreachable#");
        assertThat(another.fingerprint()).as("never the same as another judge's").isNotEqualTo(down);
        assertThat(judge.fingerprint()).as("not asked again before the server answers").isEqualTo(down);

        FakeOpenAiServer back = FakeOpenAiServer.startOn(port).models(modelList(vllmEntry(MODEL, "w", 1)));
        toClose.add(back);
        assertThat(judge.fingerprint()).as("no grading got an answer yet").isEqualTo(down);
        assertThat(back.modelRequests()).isEmpty();

        var verdict = judge.grade(OpenAiJudgeTest.GRADING).get();

        assertThat(verdict.fingerprint().identity()).containsEntry("served.root", "w").doesNotContainKey("server");
        assertThat(judge.fingerprint()).isEqualTo(verdict.fingerprint());
        assertThat(back.modelRequests()).hasSize(1);
    }

    private FakeOpenAiServer server() {
        FakeOpenAiServer server = FakeOpenAiServer.start();
        toClose.add(server);
        return server;
    }

    private OpenAiJudge judge(TestSettings settings) {
        OpenAiJudge judge = new OpenAiJudge(settings.build());
        toClose.add(0, judge);
        return judge;
    }
}
