package dev.rubric.judge.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.DecodingSettings;
import dev.rubric.core.Judge;
import dev.rubric.core.JudgeException;
import dev.rubric.core.JudgeException.Reason;
import dev.rubric.core.PairwiseGrading;
import dev.rubric.core.PairwiseVerdict;
import dev.rubric.core.Rubric;
import dev.rubric.core.Verdict;
import dev.rubric.core.Winner;
import dev.rubric.judge.JudgeConfig;
import dev.rubric.judge.Judges;
import dev.rubric.judge.ServerSettings;
import dev.rubric.prometheus.PrometheusFormat;
import dev.rubric.secret.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static dev.rubric.judge.openai.FakeOpenAiServer.JSON;
import static dev.rubric.judge.openai.FakeOpenAiServer.chat;
import static dev.rubric.judge.openai.FakeOpenAiServer.completion;
import static dev.rubric.judge.openai.FakeOpenAiServer.delayed;
import static dev.rubric.judge.openai.FakeOpenAiServer.json;
import static dev.rubric.judge.openai.FakeOpenAiServer.truncated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class OpenAiJudgeTest {

    static final Rubric CORRECTNESS = Rubric.of("Is the answer correct?", "Wrong.", "Mostly wrong.", "Half right.",
            "Mostly right.", "Right.");
    /** User text with placeholder-like braces and non-ASCII characters: both must arrive exactly. */
    static final AbsoluteGrading GRADING = new AbsoluteGrading("What is 2 + 2?",
            "4, because {response} stays literal. Café ✓", CORRECTNESS, null);
    static final PairwiseGrading PAIR = new PairwiseGrading("What is 2 + 2?", "4", "5", CORRECTNESS, null);

    /** The texts of shared/prometheus/format.json, typed out here so that the test does not trust the renderer. */
    static final String ABSOLUTE_SYSTEM = "You are a fair judge assistant tasked with providing clear, objective"
            + " feedback based on specific criteria, ensuring each assessment reflects the absolute standards set for"
            + " performance.";
    static final String RELATIVE_SYSTEM = "You are a fair judge assistant assigned to deliver insightful feedback"
            + " that compares individual performances, highlighting how each stands relative to others within the"
            + " same cohort.";
    static final String USER_MESSAGE = "###Task Description:\n"
            + "An instruction (might include an Input inside it), a response to evaluate, and a score rubric"
            + " representing a evaluation criteria are given.\n"
            + "1. Write a detailed feedback that assess the quality of the response strictly based on the given score"
            + " rubric, not evaluating in general.\n"
            + "2. After writing a feedback, write a score that is an integer between 1 and 5. You should refer to the"
            + " score rubric.\n"
            + "3. The output format should look as follows: \"Feedback: (write a feedback for criteria) [RESULT] (an"
            + " integer number between 1 and 5)\"\n"
            + "4. Please do not generate any other opening, closing, and explanations.\n"
            + "\n"
            + "###The instruction to evaluate:\n"
            + "What is 2 + 2?\n"
            + "\n"
            + "###Response to evaluate:\n"
            + "4, because {response} stays literal. Café ✓\n"
            + "\n"
            + "###Score Rubrics:\n"
            + "[Is the answer correct?]\n"
            + "Score 1: Wrong.\n"
            + "Score 2: Mostly wrong.\n"
            + "Score 3: Half right.\n"
            + "Score 4: Mostly right.\n"
            + "Score 5: Right.\n"
            + "\n"
            + "###Feedback: ";
    static final String MODEL_INPUT = "[INST] " + ABSOLUTE_SYSTEM + "\n\n" + USER_MESSAGE + " [/INST]";

    static final String KEY = "sk-rubric-test-7f3a9c";

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    // ---- what is sent

    @Test
    void sendsTheExactPromptAndDecodingSettingsToCompletions() throws Exception {
        FakeOpenAiServer server = server().then(completion("Feedback: It is right. [RESULT] 5"));
        OpenAiJudge judge = judge(settings(server));

        AbsoluteVerdict verdict = judge.grade(GRADING).get();

        FakeOpenAiServer.Request request = server.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/completions");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.authorization()).as("no key configured: no Authorization header").isNull();
        assertThat(request.json().get("prompt").asText().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(MODEL_INPUT.getBytes(StandardCharsets.UTF_8));
        assertThat(request.json().get("prompt").asText()).endsWith("###Feedback:  [/INST]");
        ObjectNode expected = JSON.createObjectNode()
                .put("model", "prometheus-eval/prometheus-7b-v2.0")
                .put("prompt", MODEL_INPUT)
                .put("max_tokens", 1024)
                .put("temperature", 0.0)
                .put("seed", 42)
                .put("logprobs", 5);
        expected.putArray("stop").add("</s>");
        assertThat(request.json()).isEqualTo(expected);

        assertThat(verdict.score()).isEqualTo(5);
        assertThat(verdict.feedback()).isEqualTo("It is right.");
        assertThat(verdict.probabilities()).as("no logprobs returned").isNull();
        assertThat(verdict.forced()).isFalse();
        assertThat(verdict.fingerprint()).isEqualTo(judge.fingerprint());
        assertThat(verdict.fingerprint().backend()).isEqualTo("openai");
        assertThat(verdict.fingerprint().model()).isEqualTo("prometheus-eval/prometheus-7b-v2.0");
        assertThat(verdict.fingerprint().revision()).isEqualTo("unknown");
        assertThat(verdict.fingerprint().formatVersion()).isEqualTo("prometheus-2/v1");
        assertThat(verdict.latency()).isPositive();
    }

    @Test
    void sendsTopPAndRepetitionPenaltyOnlyWhenTheyAreNotNeutral() throws Exception {
        FakeOpenAiServer server = server();
        DecodingSettings paper = new DecodingSettings(512, 1.0, 0.9, 1.03, 7L, 1);
        OpenAiJudge judge = judge(settings(server).withDecoding(paper));

        judge.grade(GRADING).get();

        JsonNode body = server.requests().get(0).json();
        assertThat(body.get("max_tokens").asInt()).isEqualTo(512);
        assertThat(body.get("temperature").asDouble()).isEqualTo(1.0);
        assertThat(body.get("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.get("repetition_penalty").asDouble()).isEqualTo(1.03);
        assertThat(body.get("seed").asLong()).isEqualTo(7L);
    }

    @Test
    void chatModeSendsOneUserTurnThatPrometheusOwnTemplateRendersAsTheCompletionsPrompt() throws Exception {
        ObjectNode logprobs = JSON.createObjectNode();
        ArrayNode content = logprobs.putArray("content");
        chatToken(content, "Feedback: Good.", -0.1, Map.of());
        chatToken(content, " [RESULT]", -0.01, Map.of());
        chatToken(content, " A", Math.log(0.7),
                Map.of(" A", Math.log(0.7), " B", Math.log(0.2), " The", Math.log(0.1)));
        MistralChatTemplate template = new MistralChatTemplate();
        FakeOpenAiServer server = server()
                .then(template.serving(chat("Feedback: Good. [RESULT] A", logprobs)))
                .otherwise(template.serving(chat("Feedback: Right. [RESULT] 5", null)));
        OpenAiJudge judge = judge(settings(server).withApi(ServerSettings.Api.CHAT));

        PairwiseVerdict verdict = judge.grade(PAIR).get();
        AbsoluteVerdict absolute = judge.grade(GRADING).get();

        FakeOpenAiServer.Request request = server.requests().get(0);
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        JsonNode body = request.json();
        assertThat(body.has("prompt")).isFalse();
        assertThat(body.get("messages")).hasSize(1);
        assertThat(body.get("messages").get(0).get("role").asText()).isEqualTo("user");
        assertThat(body.get("messages").get(0).get("content").asText())
                .startsWith(RELATIVE_SYSTEM + "\n\n###Task Description:\n")
                .contains("###Response A:\n4\n\n###Response B:\n5\n\n###Score Rubric:\n[Is the answer correct?]\n\n")
                .endsWith("###Feedback: ");
        assertThat(body.get("logprobs").asBoolean()).isTrue();
        assertThat(body.get("top_logprobs").asInt()).isEqualTo(5);
        assertThat(body.get("max_tokens").asInt()).isEqualTo(1024);
        assertThat(body.get("stop").get(0).asText()).isEqualTo("</s>");
        assertThat(verdict.winner()).isEqualTo(Winner.A);
        assertThat(verdict.feedback()).isEqualTo("Good.");
        assertThat(verdict.probabilityA()).isCloseTo(0.7 / 0.9, within(1e-9));
        assertThat(absolute.score()).isEqualTo(5);

        // what the template rendered is, byte for byte, BOS then the completions prompt
        FakeOpenAiServer completions = server().then(completion("Feedback: Right. [RESULT] 5"));
        judge(settings(completions)).grade(GRADING).get();
        String prompt = completions.requests().get(0).json().get("prompt").asText();
        assertThat(prompt).isEqualTo(MODEL_INPUT);
        assertThat(template.rendered()).hasSize(2);
        assertThat(template.rendered().get(1).getBytes(StandardCharsets.UTF_8))
                .isEqualTo((MistralChatTemplate.BOS + prompt).getBytes(StandardCharsets.UTF_8));
        assertThat(template.rendered().get(0))
                .isEqualTo(MistralChatTemplate.BOS + PrometheusFormat.get().modelInput(PAIR))
                .startsWith("<s>[INST] " + RELATIVE_SYSTEM + "\n\n###Task Description:\n")
                .endsWith("###Feedback:  [/INST]");
    }

    /** The stand-in is the template's rules, not a pass-through: a system message, or two user turns, are refused. */
    @Test
    void prometheusChatTemplateRefusesASystemRoleAndRolesThatDoNotAlternate() throws Exception {
        ArrayNode withSystem = JSON.createArrayNode();
        withSystem.addObject().put("role", "system").put("content", ABSOLUTE_SYSTEM);
        withSystem.addObject().put("role", "user").put("content", USER_MESSAGE);
        ArrayNode twoUsers = JSON.createArrayNode();
        twoUsers.addObject().put("role", "user").put("content", "a");
        twoUsers.addObject().put("role", "user").put("content", "b");
        ArrayNode turns = JSON.createArrayNode();
        turns.addObject().put("role", "user").put("content", "a");
        turns.addObject().put("role", "assistant").put("content", "b");
        turns.addObject().put("role", "user").put("content", "c");

        assertThatThrownBy(() -> MistralChatTemplate.render(withSystem))
                .hasMessage("Conversation roles must alternate user/assistant/user/assistant/...");
        assertThatThrownBy(() -> MistralChatTemplate.render(twoUsers))
                .hasMessage("Conversation roles must alternate user/assistant/user/assistant/...");
        assertThat(MistralChatTemplate.render(turns)).isEqualTo("<s>[INST] a [/INST]b</s>[INST] c [/INST]");

        // a server with that template rejects the system-and-user request that chat mode used to send
        MistralChatTemplate template = new MistralChatTemplate();
        FakeOpenAiServer server = server().otherwise(template.serving(completion("unused")));
        JsonNode rejected = postChat(server, withSystem);
        assertThat(rejected.get("code").asInt()).isEqualTo(400);
        assertThat(rejected.get("message").asText()).startsWith("Conversation roles must alternate");
        assertThat(template.rendered()).isEmpty();
    }

    // ---- what is read

    @Test
    void logprobsAtTheScoreTokenBecomeScoreProbabilities() throws Exception {
        ObjectNode logprobs = JSON.createObjectNode();
        List<String> tokens = List.of("Feedback", ":", " Right", ".", " [", "RESULT", "]", " ", "4");
        logprobs.set("tokens", JSON.valueToTree(tokens));
        ArrayNode chosen = logprobs.putArray("token_logprobs");
        ArrayNode tops = logprobs.putArray("top_logprobs");
        for (int i = 0; i < tokens.size() - 1; i++) {
            chosen.add(-0.01);
            tops.addObject().put(tokens.get(i), -0.01);
        }
        chosen.add(Math.log(0.6));
        tops.addObject().put("4", Math.log(0.6)).put("5", Math.log(0.2)).put("3", Math.log(0.1))
                .put("▁4", Math.log(0.05)).put("the", Math.log(0.05));
        FakeOpenAiServer server = server().then(completion("Feedback: Right. [RESULT] 4", logprobs));
        OpenAiJudge judge = judge(settings(server));

        AbsoluteVerdict verdict = judge.grade(GRADING).get();

        assertThat(verdict.score()).isEqualTo(4);
        assertThat(verdict.probabilities()).hasSize(5);
        double total = 0.95; // "the" is no score and does not count; "4" and "▁4" are one score
        assertThat(verdict.probabilities().get(0)).isZero();
        assertThat(verdict.probabilities().get(1)).isZero();
        assertThat(verdict.probabilities().get(2)).isCloseTo(0.1 / total, within(1e-9));
        assertThat(verdict.probabilities().get(3)).isCloseTo(0.65 / total, within(1e-9));
        assertThat(verdict.probabilities().get(4)).isCloseTo(0.2 / total, within(1e-9));
        assertThat(verdict.expectedScore()).hasValueSatisfying(
                e -> assertThat(e).isCloseTo((3 * 0.1 + 4 * 0.65 + 5 * 0.2) / total, within(1e-9)));
        assertThat(verdict.probabilityMass()).isCloseTo(total, within(1e-9));
    }

    /** Log-probabilities of the generated tokens only (no top list): the one score they show is no distribution. */
    @Test
    void aServerThatReportsOnlyTheGeneratedScoreGivesNoProbabilities() throws Exception {
        ObjectNode logprobs = JSON.createObjectNode();
        List<String> tokens = List.of("Feedback", ":", " Right", ".", " [", "RESULT", "]", " 4");
        logprobs.set("tokens", JSON.valueToTree(tokens));
        ArrayNode chosen = logprobs.putArray("token_logprobs");
        ArrayNode tops = logprobs.putArray("top_logprobs");
        for (String t : tokens) {
            chosen.add(t.equals(" 4") ? Math.log(0.8) : -0.01);
            tops.addNull();
        }
        FakeOpenAiServer server = server().then(completion("Feedback: Right. [RESULT] 4", logprobs));

        AbsoluteVerdict verdict = judge(settings(server)).grade(GRADING).get();

        assertThat(verdict.score()).isEqualTo(4);
        assertThat(verdict.probabilities()).isNull();
        assertThat(verdict.probabilityMass()).isNull();
        assertThat(verdict.expectedScore()).isEmpty();
    }

    @Test
    void threeSamplesAreAskedWithThreeSeedsAndCombined() throws Exception {
        FakeOpenAiServer server = server().otherwise((exchange, request) -> {
            long seed = request.json().get("seed").asLong();
            int score = seed == 42 ? 3 : seed == 43 ? 5 : 4;
            json(200, FakeOpenAiServer.completionJson("Feedback: seed " + seed + ". [RESULT] " + score, null)
                    .toString()).send(exchange, request);
        });
        DecodingSettings three = new DecodingSettings(1024, 1.0, 0.9, 1.03, 42L, 3);
        OpenAiJudge judge = judge(settings(server).withDecoding(three));

        AbsoluteVerdict verdict = judge.grade(GRADING).get();

        assertThat(server.requests()).extracting(r -> r.json().get("seed").asLong())
                .containsExactlyInAnyOrder(42L, 43L, 44L);
        assertThat(verdict.sampleScores()).containsExactly(3, 5, 4);
        assertThat(verdict.score()).isEqualTo(4);
        assertThat(verdict.feedback()).isEqualTo("seed 44.");
        assertThat(verdict.meanSampledScore()).isEqualTo(4.0);
    }

    // ---- faults

    @Test
    void aServerErrorIsRetriedAndThenTheAnswerIsUsed() throws Exception {
        FakeOpenAiServer server = server().then(json(500, "{\"error\":\"CUDA out of memory\"}"),
                completion("Feedback: ok. [RESULT] 2"));
        OpenAiJudge judge = judge(settings(server));

        assertThat(judge.grade(GRADING).get().score()).isEqualTo(2);
        assertThat(server.requests()).hasSize(2);
        assertThat(server.requests().get(1).body()).isEqualTo(server.requests().get(0).body());
    }

    @Test
    void aServerErrorThatPersistsFailsAfterTheRetriesQuotingTheServer() {
        FakeOpenAiServer server = server().otherwise(json(503, "{\"error\":\"model is loading\"}"));
        OpenAiJudge judge = judge(settings(server).withRetries(2));

        JudgeException e = failure(judge.grade(GRADING));

        assertThat(e.reason()).isEqualTo(Reason.SERVER_ERROR);
        assertThat(e.getMessage()).contains("3 attempts", "rubric.judge.retries=2", "HTTP 503", "model is loading",
                server.baseUrl() + "/completions");
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void aRateLimitIsRetriedAfterTheWaitTheServerAsksFor() throws Exception {
        FakeOpenAiServer server = server().then(json(429, "{\"error\":\"slow down\"}", "Retry-After", "1"),
                completion("Feedback: ok. [RESULT] 4"));
        OpenAiJudge judge = judge(settings(server));

        assertThat(judge.grade(GRADING).get().score()).isEqualTo(4);

        List<FakeOpenAiServer.Request> requests = server.requests();
        assertThat(requests).hasSize(2);
        long waitedMillis = (requests.get(1).receivedNanos() - requests.get(0).receivedNanos()) / 1_000_000;
        assertThat(waitedMillis).as("Retry-After: 1 (the computed backoff is only a few ms)").isBetween(900L, 5000L);
    }

    @Test
    void aRateLimitAskingForTooLongAWaitGivesUpAtOnce() {
        FakeOpenAiServer server = server().otherwise(json(429, "{\"error\":\"quota\"}", "Retry-After", "3600"));
        OpenAiJudge judge = judge(settings(server));

        JudgeException e = failure(judge.grade(GRADING));

        assertThat(e.reason()).isEqualTo(Reason.SERVER_ERROR);
        assertThat(e.getMessage()).contains("asks to wait 3600 s", "quota", "rubric.judge.concurrency");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aWrongPathIsRejectedWithTheWayOut() {
        FakeOpenAiServer server = server().otherwise(json(404, "{\"detail\":\"Not Found\"}"));
        OpenAiJudge judge = judge(settings(server));

        JudgeException e = failure(judge.grade(GRADING));

        assertThat(e.reason()).isEqualTo(Reason.REJECTED);
        assertThat(e.getMessage()).contains("HTTP 404", "Not Found", "rubric.judge.url", "rubric.judge.api=chat");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aServerThatDoesNotAnswerTimesOutWithoutRetrying() {
        FakeOpenAiServer server = server();
        server.otherwise(server.hang());
        OpenAiJudge judge = judge(settings(server).withTimeout(Duration.ofMillis(300)));

        long start = System.nanoTime();
        JudgeException e = failure(judge.grade(GRADING));

        assertThat(e.reason()).isEqualTo(Reason.TIMED_OUT);
        assertThat(e.getMessage()).contains("300 ms", "rubric.judge.timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void malformedJsonIsRetriedThenReportedWithTheBody() {
        FakeOpenAiServer server = server().otherwise(json(200, "<html>Bad gateway</html>"));
        OpenAiJudge judge = judge(settings(server).withRetries(1));

        JudgeException e = failure(judge.grade(GRADING));

        assertThat(e.reason()).isEqualTo(Reason.SERVER_ERROR);
        assertThat(e.getMessage()).contains("not valid JSON", "<html>Bad gateway</html>");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void aBodyCutOffMidwayIsRetried() throws Exception {
        FakeOpenAiServer server = server().then(truncated(), completion("Feedback: whole. [RESULT] 5"));
        OpenAiJudge judge = judge(settings(server));

        assertThat(judge.grade(GRADING).get().score()).isEqualTo(5);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void aBodyAlwaysCutOffFailsAsAServerError() {
        FakeOpenAiServer server = server().otherwise(truncated());
        OpenAiJudge judge = judge(settings(server).withRetries(1));

        JudgeException e = failure(judge.grade(GRADING));

        assertThat(e.reason()).isEqualTo(Reason.SERVER_ERROR);
        assertThat(e.getMessage()).contains("broke off");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void aBodyFarLargerThanAnAnswerIsRefusedWithoutRetrying() {
        String huge = "{\"choices\":[{\"text\":\"" + "x".repeat(LimitedBody.DEFAULT_LIMIT) + "\"}]}";
        FakeOpenAiServer server = server().otherwise(json(200, huge));
        OpenAiJudge judge = judge(settings(server));

        JudgeException e = failure(judge.grade(GRADING));

        assertThat(e.reason()).isEqualTo(Reason.SERVER_ERROR);
        assertThat(e.getMessage()).contains("larger than " + LimitedBody.DEFAULT_LIMIT + " bytes", "rubric.judge.url");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void anEmptyChoicesListIsReportedAsAServerError() {
        FakeOpenAiServer server = server().otherwise(json(200, "{\"id\":\"x\",\"choices\":[]}"));
        OpenAiJudge judge = judge(settings(server).withRetries(0));

        JudgeException e = failure(judge.grade(GRADING));

        assertThat(e.reason()).isEqualTo(Reason.SERVER_ERROR);
        assertThat(e.getMessage()).contains("no \"choices\" (an empty list)", "{\"id\":\"x\",\"choices\":[]}");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void anOutputWithoutAScoreIsAskedAgainThenReportedWithTheOutput() {
        FakeOpenAiServer server = server().otherwise(completion("Feedback: I would rather not say."));
        OpenAiJudge judge = judge(settings(server));

        JudgeException e = failure(judge.grade(GRADING));

        assertThat(e.reason()).isEqualTo(Reason.UNPARSEABLE_OUTPUT);
        assertThat(e.getMessage()).contains("3 attempts", "rubric.judge.parse-attempts",
                "Feedback: I would rather not say.", "temperature 0");
        assertThat(server.requests()).extracting(r -> r.json().get("seed").asLong()).containsExactly(42L, 43L, 44L);
    }

    @Test
    void anUnauthorizedRequestIsRejectedAtOnceWithoutShowingTheKey() {
        FakeOpenAiServer server = server().otherwise(
                json(401, "{\"error\":{\"message\":\"Invalid API key: " + KEY + "\",\"type\":\"auth\"}}"));
        OpenAiJudge judge = judge(settings(server).withApiKey(Secret.of(KEY)));

        JudgeException e = failure(judge.grade(GRADING));

        assertThat(e.reason()).isEqualTo(Reason.REJECTED);
        assertThat(server.requests()).hasSize(1);
        assertThat(server.requests().get(0).authorization()).isEqualTo("Bearer " + KEY);
        assertThat(e.getMessage()).contains("HTTP 401", "Invalid API key", "RUBRIC_JUDGE_API_KEY");
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t)).doesNotContain(KEY);
        }
    }

    @Test
    void aMissingKeyIsNamedInTheMessage() {
        FakeOpenAiServer server = server().otherwise(json(403, "{\"error\":\"forbidden\"}"));
        OpenAiJudge judge = judge(settings(server));

        JudgeException e = failure(judge.grade(GRADING));

        assertThat(e.reason()).isEqualTo(Reason.REJECTED);
        assertThat(e.getMessage()).contains("forbidden", "set the environment variable RUBRIC_JUDGE_API_KEY");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aRefusedConnectionIsUnreachable() throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            freePort = s.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + freePort + "/v1");
        OpenAiJudge judge = judge(TestSettings.of(url).withRetries(1));

        JudgeException e = failure(judge.grade(GRADING));

        assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(e.getMessage()).contains(url + "/completions", "2 attempts", "rubric.judge.url");
    }

    @Test
    void aServerFoundDownIsNotRetriedForEveryGradingButUsedAgainOnceItAnswers() throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            freePort = s.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + freePort + "/v1");
        Duration pause = Duration.ofMillis(600); // between retries (jittered down to half): the first grading is slow
        OpenAiJudge judge = new OpenAiJudge(new OpenAiSettings(new ServerSettings(Optional.of(url),
                ServerSettings.Api.COMPLETIONS, 1, Duration.ofSeconds(5), Duration.ofSeconds(1), 2, 3, Optional.empty()),
                JudgeConfig.DEFAULT_MODEL, DecodingSettings.GREEDY, new Backoff(pause, pause, Duration.ofSeconds(5))));
        try {
            long start = System.nanoTime();
            JudgeException first = failure(judge.grade(GRADING));
            Duration firstTook = Duration.ofNanos(System.nanoTime() - start);
            start = System.nanoTime();
            JudgeException second = failure(judge.grade(GRADING));
            Duration secondTook = Duration.ofNanos(System.nanoTime() - start);

            assertThat(first.getMessage()).contains("cannot be reached after 3 attempts");
            assertThat(firstTook).isGreaterThanOrEqualTo(pause); // two retries, each after at least half a pause
            assertThat(second.reason()).isEqualTo(Reason.UNREACHABLE);
            assertThat(second.getMessage()).isEqualTo(first.getMessage()); // one reason for the whole suite
            assertThat(secondTook).isLessThan(pause.dividedBy(2)); // one attempt, no retry
        } finally {
            judge.close();
        }
    }

    @Test
    void aServerThatComesBackIsUsedAgain() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        OpenAiJudge judge = judge(TestSettings.of(URI.create("http://127.0.0.1:" + port + "/v1")).withRetries(1));
        assertThat(failure(judge.grade(GRADING)).reason()).isEqualTo(Reason.UNREACHABLE);

        try (FakeOpenAiServer back = FakeOpenAiServer.startOn(port)) {
            back.otherwise(completion("Feedback: back. [RESULT] 4"));

            assertThat(judge.grade(GRADING).get().score()).isEqualTo(4);
        }
    }

    // ---- concurrency and lifecycle

    @Test
    void noMoreRequestsAreInFlightThanTheConcurrencyLimit() throws Exception {
        FakeOpenAiServer server = server().otherwise(delayed(150, completion("Feedback: ok. [RESULT] 3")));
        OpenAiJudge judge = judge(settings(server).withConcurrency(3));

        List<CompletableFuture<Verdict>> verdicts =
                judge.gradeAll(IntStream.range(0, 12).mapToObj(i -> GRADING).toList());
        CompletableFuture.allOf(verdicts.toArray(CompletableFuture[]::new)).get();

        assertThat(server.requests()).hasSize(12);
        assertThat(server.maxInFlight()).isEqualTo(3);
    }

    @Test
    void gradeDoesNotBlockAndCloseFailsWhatIsPending() throws Exception {
        FakeOpenAiServer server = server();
        server.otherwise(server.hang());
        OpenAiJudge judge = judge(settings(server).withConcurrency(1));

        long start = System.nanoTime();
        CompletableFuture<AbsoluteVerdict> running = judge.grade(GRADING);
        CompletableFuture<AbsoluteVerdict> queued = judge.grade(GRADING);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(running).isNotDone();

        judge.close();

        assertThat(failure(running).reason()).isEqualTo(Reason.CLOSED);
        assertThat(failure(queued).reason()).isEqualTo(Reason.CLOSED);
        assertThat(failure(judge.grade(GRADING)).reason()).isEqualTo(Reason.CLOSED);
    }

    @Test
    void judgesCreateBuildsItFromTheConfigurationWithTheKeyFromTheEnvironment() throws Exception {
        FakeOpenAiServer server = server().then(completion("Feedback: ok. [RESULT] 1"));
        JudgeConfig config = JudgeConfig.from(key -> Optional.ofNullable(Map.of(
                "rubric.judge", "openai",
                "rubric.judge.url", server.baseUrl().toString(),
                "rubric.judge.model", "prometheus-7b",
                "rubric.cache", "off").get(key)), Map.of("RUBRIC_JUDGE_API_KEY", KEY));

        try (Judge judge = Judges.create(config)) {
            assertThat(judge).isInstanceOf(OpenAiJudge.class);
            assertThat(judge.fingerprint().model()).isEqualTo("prometheus-7b");
            assertThat(judge.grade(GRADING).get().score()).isEqualTo(1);
        }
        assertThat(server.requests().get(0).authorization()).isEqualTo("Bearer " + KEY);
        assertThat(server.requests().get(0).json().get("model").asText()).isEqualTo("prometheus-7b");
    }

    // ---- helpers

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

    private static TestSettings settings(FakeOpenAiServer server) {
        return TestSettings.of(server.baseUrl());
    }

    private static JsonNode postChat(FakeOpenAiServer server, ArrayNode messages) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("model", "m");
        body.set("messages", messages);
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                        .newBuilder(java.net.URI.create(server.baseUrl() + "/chat/completions"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        return JSON.readTree(response.body());
    }

    private static void chatToken(ArrayNode content, String token, double logprob, Map<String, Double> top) {
        ObjectNode entry = content.addObject().put("token", token).put("logprob", logprob);
        ArrayNode alternatives = entry.putArray("top_logprobs");
        top.forEach((t, lp) -> alternatives.addObject().put("token", t).put("logprob", lp));
    }

    /** The JudgeException a future failed with (waiting at most 10 s). */
    static JudgeException failure(CompletableFuture<?> future) {
        try {
            Object v = future.get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected the grading to fail, but it gave " + v);
        } catch (ExecutionException e) {
            return JudgeException.find(e).orElseThrow(() -> new AssertionError("not a JudgeException", e));
        } catch (Exception e) {
            throw new AssertionError("the grading did not fail in time", e);
        }
    }
}
