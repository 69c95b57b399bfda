package dev.rubric.judge.openai;

import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.Judge;
import dev.rubric.judge.JudgeConfig;
import dev.rubric.judge.Judges;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static dev.rubric.judge.openai.FakeOpenAiServer.completion;
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
