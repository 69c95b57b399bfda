package dev.rubric.junit.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rubric.junit.fixtures.BasicFixture;
import dev.rubric.results.Outcome;
import dev.rubric.results.ResultsFiles;
import dev.rubric.results.RunResults;
import dev.rubric.results.TestResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The whole path with no test double in it: the rubric engine runs BasicFixture, the assertions ask the real
 * OpenAI-compatible judge, which talks HTTP to a server on 127.0.0.1 that answers like vLLM would; verdicts reach
 * the assertions, the outcomes and the results file.
 */
class OpenAiJudgeEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path reports;

    private HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/completions", this::complete);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    /**
     * The top log-probabilities at the score token, when the test sets them: score text to natural-log probability.
     * With none, the server sends no log-probabilities.
     */
    private volatile java.util.Map<String, Double> topAtScore;

    /** Scores "good answer" 5 and everything else 2, from the response section of the exact Prometheus prompt. */
    private void complete(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        requests.add(request);
        String prompt = request.get("prompt").asText();
        String response = prompt.substring(prompt.indexOf("###Response to evaluate:\n") + 25,
                prompt.indexOf("\n\n###", prompt.indexOf("###Response to evaluate:\n")));
        int score = response.equals("good answer") ? 5 : 2;
        String head = "Feedback: The server read \"" + response + "\". [RESULT]";
        var choice = JSON.createObjectNode().put("index", 0).put("finish_reason", "stop")
                .put("text", head + " " + score);
        if (topAtScore != null) { // as vLLM sends them: parallel lists of tokens, their log-probabilities, top maps
            var logprobs = choice.putObject("logprobs");
            logprobs.putArray("tokens").add(head).add(" " + score);
            logprobs.putArray("token_logprobs").add(-0.01).add(topAtScore.getOrDefault(" " + score, -0.01));
            var tops = logprobs.putArray("top_logprobs");
            tops.addObject().put(head, -0.01);
            var top = tops.addObject();
            topAtScore.forEach(top::put);
        }
        String body = JSON.createObjectNode().set("choices", JSON.createArrayNode().add(choice)).toString();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void engineAssertionsAndResultsRunOnTheRealHttpJudge() {
        EngineExecutionResults r = EngineTestKit.engine("rubric")
                .selectors(selectClass(BasicFixture.class))
                .configurationParameter("rubric.judge", "openai")
                .configurationParameter("rubric.judge.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1")
                .configurationParameter("rubric.judge.model", "prometheus-7b-under-test")
                .configurationParameter("rubric.cache", "off")
                .configurationParameter("rubric.report.dir", reports.toString())
                .configurationParameter("rubric.report.progress", "false")
                .configurationParameter("rubric.report.summary", "false")
                .execute();

        r.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1).aborted(0));
        assertThat(requests).hasSize(2);
        assertThat(requests).allSatisfy(q -> {
            assertThat(q.get("model").asText()).isEqualTo("prometheus-7b-under-test");
            assertThat(q.get("prompt").asText()).startsWith("[INST] You are a fair judge assistant")
                    .endsWith("###Feedback:  [/INST]");
        });

        List<RunResults> files = ResultsFiles.readAll(reports);
        assertThat(files).hasSize(1);
        RunResults results = files.get(0);
        assertThat(results.judge().backend()).isEqualTo("openai");
        assertThat(results.judge().model()).isEqualTo("prometheus-7b-under-test");
        assertThat(results.judge().identity()).containsEntry("api", "completions")
                .containsEntry("url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1")
                .containsEntry("server", "said-nothing"); // this server has no /v1/models
        TestResult bad = results.tests().stream().filter(t -> "bad".equals(t.methodName())).findFirst().orElseThrow();
        assertThat(bad.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(bad.verdicts()).singleElement().satisfies(v -> {
            assertThat(v.score()).isEqualTo(2);
            assertThat(v.feedback()).isEqualTo("The server read \"bad answer\".");
        });
        TestResult good = results.tests().stream().filter(t -> "good".equals(t.methodName())).findFirst().orElseThrow();
        assertThat(good.outcome()).isEqualTo(Outcome.PASSED);
    }

    /** A top list that holds only the generated score is no distribution: the check says why it cannot judge. */
    @Test
    void anExpectedScoreNeedsProbabilitiesTheServerReallyReported() {
        topAtScore = java.util.Map.of(" 5", Math.log(0.98), "\n", Math.log(0.01), " The", Math.log(0.005));

        EngineExecutionResults r = run(dev.rubric.junit.fixtures.ExpectedScoreFixture.class);

        r.testEvents().assertStatistics(s -> s.started(1).failed(1));
        Throwable error = r.testEvents().failed().list().get(0).getPayload(
                org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertThat(error).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gave no score probabilities for this verdict (score 5)")
                .hasMessageContaining("at least two scores among its top alternatives")
                .hasMessageContaining("use scoresAtLeast(4)");
        assertThat(ResultsFiles.readAll(reports).get(0).tests().get(0).verdicts()).singleElement()
                .satisfies(v -> {
                    assertThat(v.probabilities()).isNull();
                    assertThat(v.probabilityMass()).isNull();
                });
    }

    @Test
    void probabilitiesAndTheirMassReachTheCheckAndTheResultsFile() {
        topAtScore = java.util.Map.of(" 5", Math.log(0.6), " 4", Math.log(0.3), "\n", Math.log(0.05));

        EngineExecutionResults r = run(dev.rubric.junit.fixtures.ExpectedScoreFixture.class);

        r.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        assertThat(ResultsFiles.readAll(reports).get(0).tests().get(0).verdicts()).singleElement()
                .satisfies(v -> {
                    assertThat(v.expectedScore()).isCloseTo((5 * 0.6 + 4 * 0.3) / 0.9, within(1e-9));
                    assertThat(v.probabilityMass()).isCloseTo(0.9, within(1e-9));
                });
    }

    private EngineExecutionResults run(Class<?> fixture) {
        return EngineTestKit.engine("rubric")
                .selectors(selectClass(fixture))
                .configurationParameter("rubric.judge", "openai")
                .configurationParameter("rubric.judge.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1")
                .configurationParameter("rubric.cache", "off")
                .configurationParameter("rubric.report.dir", reports.toString())
                .configurationParameter("rubric.report.progress", "false")
                .configurationParameter("rubric.report.summary", "false")
                .execute();
    }

    @Test
    void aServerThatIsDownAbortsTheTestsInsteadOfPassingOrFailingThem() throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        EngineExecutionResults r = EngineTestKit.engine("rubric")
                .selectors(selectClass(BasicFixture.class))
                .configurationParameter("rubric.judge", "openai")
                .configurationParameter("rubric.judge.url", "http://127.0.0.1:" + port + "/v1")
                .configurationParameter("rubric.judge.retries", "0")
                .configurationParameter("rubric.cache", "off")
                .configurationParameter("rubric.report.dir", reports.toString())
                .configurationParameter("rubric.report.progress", "false")
                .configurationParameter("rubric.report.summary", "false")
                .execute();
        r.testEvents().assertStatistics(s -> s.started(2).succeeded(0).failed(0).aborted(2));
    }
}
