package dev.rubric.judge.openai;

import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.Judge;
import dev.rubric.core.JudgeException;
import dev.rubric.judge.JudgeConfig;
import dev.rubric.judge.Judges;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static dev.rubric.judge.openai.FakeOpenAiServer.completion;
import static dev.rubric.judge.openai.FakeOpenAiServer.modelList;
import static org.assertj.core.api.Assertions.assertThat;

/** The verdict cache in front of the real HTTP judge: what is cached makes no HTTP call, what differs misses. */
class CachedOpenAiJudgeTest {

    @TempDir
    Path cacheDir;

    @Test
    void aSecondIdenticalGradingMakesNoHttpCallAndADifferentModelPromptOrBudgetMisses() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.otherwise(completion("Feedback: right. [RESULT] 5"));
            AbsoluteGrading grading = OpenAiJudgeTest.GRADING;

            AbsoluteVerdict first;
            AbsoluteVerdict second;
            try (Judge judge = Judges.create(config(server, Map.of()))) {
                first = judge.grade(grading).get();
                second = judge.grade(grading).get();
            }
            assertThat(server.requests()).hasSize(1);
            assertThat(first.cached()).isFalse();
            assertThat(second.cached()).isTrue();
            assertThat(second.score()).isEqualTo(first.score());
            assertThat(second.feedback()).isEqualTo(first.feedback());

            // a new JVM's judge (a new instance over the same folder) is served from disk too
            try (Judge judge = Judges.create(config(server, Map.of()))) {
                assertThat(judge.grade(grading).get().cached()).isTrue();
            }
            assertThat(server.requests()).hasSize(1);

            try (Judge judge = Judges.create(config(server, Map.of("rubric.judge.model", "another-judge")))) {
                assertThat(judge.grade(grading).get().cached()).isFalse();
            }
            assertThat(server.requests()).hasSize(2);

            try (Judge judge = Judges.create(config(server, Map.of()))) {
                AbsoluteVerdict v = judge.grade(new AbsoluteGrading(grading.instruction(), grading.response() + " ",
                        grading.rubric(), grading.referenceAnswer())).get();
                assertThat(v.cached()).isFalse();
            }
            assertThat(server.requests()).hasSize(3);

            try (Judge judge = Judges.create(config(server, Map.of("rubric.judge.max-tokens", "512")))) {
                assertThat(judge.grade(grading).get().cached()).isFalse();
            }
            assertThat(server.requests()).hasSize(4);
            assertThat(server.requests().get(3).json().get("max_tokens").asInt()).isEqualTo(512);
        }
    }

    /** Another API mode, another server, or the same URL serving other weights is another judge: nothing replays. */
    @Test
    void aVerdictIsNeverReplayedForAnotherApiServerOrServedModel() throws Exception {
        try (FakeOpenAiServer a = FakeOpenAiServer.start(); FakeOpenAiServer b = FakeOpenAiServer.start()) {
            a.models(modelList(OpenAiFingerprintTest.vllmEntry(JudgeConfig.DEFAULT_MODEL, "/models/bf16", 1)))
                    .otherwise(either("Feedback: bf16. [RESULT] 5"));
            b.models(modelList(OpenAiFingerprintTest.vllmEntry(JudgeConfig.DEFAULT_MODEL, "/models/bf16", 1)))
                    .otherwise(completion("Feedback: another server. [RESULT] 4"));
            assertThat(gradeWith(config(a, Map.of())).cached()).isFalse();
            assertThat(gradeWith(config(a, Map.of())).cached()).isTrue();

            AbsoluteVerdict chat = gradeWith(config(a, Map.of("rubric.judge.api", "chat")));
            assertThat(chat.cached()).as("chat mode is another judge").isFalse();
            assertThat(a.requests()).hasSize(2);

            AbsoluteVerdict elsewhere = gradeWith(config(b, Map.of()));
            assertThat(elsewhere.cached()).as("another server under the same model name").isFalse();
            assertThat(elsewhere.score()).isEqualTo(4);

            a.models(modelList(OpenAiFingerprintTest.vllmEntry(JudgeConfig.DEFAULT_MODEL, "/models/awq-int4", 1)))
                    .otherwise(completion("Feedback: quantised. [RESULT] 3"));
            AbsoluteVerdict requantised = gradeWith(config(a, Map.of()));
            assertThat(requantised.cached()).as("the same URL now serves other weights").isFalse();
            assertThat(requantised.score()).isEqualTo(3);
            assertThat(requantised.fingerprint().id()).isNotEqualTo(chat.fingerprint().id())
                    .isNotEqualTo(elsewhere.fingerprint().id());
        }
    }

    /** Nobody can say who serves at the URL now: a cached verdict is not served, and the grading aborts. */
    @Test
    void aServerThatCannotBeAskedGetsNothingFromTheCache() throws Exception {
        AbsoluteGrading grading = OpenAiJudgeTest.GRADING;
        JudgeConfig config;
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.models(modelList(OpenAiFingerprintTest.vllmEntry(JudgeConfig.DEFAULT_MODEL, "w", 1)));
            config = config(server, Map.of("rubric.judge.retries", "0"));
            assertThat(gradeWith(config).cached()).isFalse();
            assertThat(gradeWith(config).cached()).isTrue();
        }
        try (Judge judge = Judges.create(config)) {
            JudgeException e = OpenAiJudgeTest.failure(judge.grade(grading));
            assertThat(e.reason()).isEqualTo(JudgeException.Reason.UNREACHABLE);
        }
    }

    /** A completions or a chat answer, as the request's path asks. */
    private static FakeOpenAiServer.Reply either(String text) {
        return (exchange, request) -> (request.path().endsWith("/chat/completions") ? FakeOpenAiServer.chat(text, null)
                : completion(text)).send(exchange, request);
    }

    private static AbsoluteVerdict gradeWith(JudgeConfig config) throws Exception {
        try (Judge judge = Judges.create(config)) {
            return judge.grade(OpenAiJudgeTest.GRADING).get();
        }
    }

    @Test
    void cacheOffAsksTheServerEveryTime() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            try (Judge judge = Judges.create(config(server, Map.of("rubric.cache", "off")))) {
                judge.grade(OpenAiJudgeTest.GRADING).get();
                judge.grade(OpenAiJudgeTest.GRADING).get();
            }
            assertThat(server.requests()).hasSize(2);
        }
    }

    private JudgeConfig config(FakeOpenAiServer server, Map<String, String> extra) {
        Map<String, String> p = new HashMap<>(Map.of("rubric.judge", "openai",
                "rubric.judge.url", server.baseUrl().toString(),
                "rubric.cache.dir", cacheDir.toString()));
        p.putAll(extra);
        return JudgeConfig.from(k -> Optional.ofNullable(p.get(k)), Map.of());
    }
}
