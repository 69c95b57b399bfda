package dev.rubric.judge.local;

import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.Judge;
import dev.rubric.core.JudgeException;
import dev.rubric.core.PairwiseGrading;
import dev.rubric.core.PairwiseVerdict;
import dev.rubric.core.Rubrics;
import dev.rubric.core.Verdict;
import dev.rubric.judge.JudgeConfig;
import dev.rubric.judge.Judges;
import dev.rubric.lm.fixtures.TinyCheckpoints;
import dev.rubric.lm.fixtures.TinyCheckpoints.Spec;
import dev.rubric.lm.fixtures.TinyCheckpoints.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The default judge from configuration to verdict with nothing faked: {@code rubric.judge=local} with a checkpoint
 * directory, the real DJL model (a seeded tiny random Mistral/Mixtral), the real tokenizer and the constrained
 * decoder. A random model writes gibberish, so its verdicts are forced; what must hold is that every grading ends
 * in a verdict of the right kind with probabilities over exactly the allowed answers, repeatably.
 */
class LocalJudgeEndToEndTest {

    @TempDir
    Path cache;

    private JudgeConfig config(Path model, Map<String, String> extra) {
        Map<String, String> p = new HashMap<>(Map.of(
                "rubric.judge", "local",
                "rubric.judge.model", model.toString(),
                "rubric.judge.max-tokens", "12",
                "rubric.judge.device", "cpu",
                "rubric.judge.share", "jvm",
                "rubric.cache.dir", cache.toString()));
        p.putAll(extra);
        // a checkpoint directory: the Hub is never asked
        return JudgeConfig.from(k -> Optional.ofNullable(p.get(k)), Map.of());
    }

    @Test
    void judgesCreateLoadsTheCheckpointAndEveryGradingEndsInAVerdict() {
        Path model = TinyCheckpoints.shared(Spec.tinyMistral(), Storage.BF16_SHARDED);
        AbsoluteGrading absolute = AbsoluteGrading.of("How do I get a refund?",
                "Open Orders and press 'Request refund'.", Rubrics.HELPFULNESS);
        PairwiseGrading pairwise = new PairwiseGrading("How do I get a refund?", "Open Orders.", "No idea.",
                Rubrics.HELPFULNESS, "Open Orders and press 'Request refund'.");

        try (Judge judge = Judges.create(config(model, Map.of("rubric.cache", "off")))) {
            assertThat(judge.fingerprint().backend()).isEqualTo("local");
            assertThat(judge.fingerprint().revision()).matches("sha256:[0-9a-f]{32}"); // over every file it loads
            assertThat(judge.fingerprint().model()).isEqualTo(model.getFileName().toString());

            List<CompletableFuture<Verdict>> futures = judge.gradeAll(List.of(absolute, pairwise, absolute));
            AbsoluteVerdict first = (AbsoluteVerdict) futures.get(0).join();
            PairwiseVerdict pair = (PairwiseVerdict) futures.get(1).join();
            AbsoluteVerdict again = (AbsoluteVerdict) futures.get(2).join();

            assertThat(first.score()).isBetween(1, 5);
            assertThat(first.probabilities()).hasSize(5);
            assertThat(first.probabilities().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-4));
            assertThat(first.probabilities().get(first.score() - 1))
                    .isEqualTo(first.probabilities().stream().mapToDouble(Double::doubleValue).max().orElseThrow());
            assertThat(first.expectedScore()).get().satisfies(e -> assertThat(e).isBetween(1.0, 5.0));
            // greedy decoding: the same grading in the same batch gets the same verdict
            assertThat(again.score()).isEqualTo(first.score());
            assertThat(again.feedback()).isEqualTo(first.feedback());
            // two rows of one padded batch: equal up to float32 rounding of the batched matrix products
            for (int i = 0; i < 5; i++) {
                assertThat(again.probabilities().get(i)).isCloseTo(first.probabilities().get(i), within(1e-5));
            }

            assertThat(pair.winner()).isNotNull();
            assertThat(pair.probabilityOfA()).get().satisfies(pA -> assertThat(pA).isBetween(0.0, 1.0));
        }
    }

    @Test
    void aMixtralCheckpointJudgesToo() {
        Path model = TinyCheckpoints.shared(Spec.tinyMixtral(), Storage.F32_SINGLE);
        try (Judge judge = Judges.create(config(model, Map.of("rubric.cache", "off")))) {
            AbsoluteVerdict v = judge.grade(AbsoluteGrading.of("Hi?", "Hello.", Rubrics.HONESTY)).join();
            assertThat(v.score()).isBetween(1, 5);
            assertThat(v.probabilities()).hasSize(5);
        }
    }

    @Test
    void theVerdictCacheServesTheSecondRunOfTheLocalJudge() {
        Path model = TinyCheckpoints.shared(Spec.tinyMistral(), Storage.F32_SINGLE);
        AbsoluteGrading grading = AbsoluteGrading.of("Q?", "A.", Rubrics.REASONING);
        AbsoluteVerdict fresh;
        try (Judge judge = Judges.create(config(model, Map.of()))) {
            fresh = judge.grade(grading).join();
        }
        try (Judge judge = Judges.create(config(model, Map.of()))) {
            AbsoluteVerdict cached = judge.grade(grading).join();
            assertThat(cached.cached()).isTrue();
            assertThat(cached.score()).isEqualTo(fresh.score());
            assertThat(cached.probabilities()).isEqualTo(fresh.probabilities());
        }
    }

    @Test
    void aMissingModelIsAClearJudgeErrorNotACrash(@TempDir Path empty) {
        assertThatThrownBy(() -> Judges.create(config(empty, Map.of())))
                .isInstanceOf(JudgeException.class)
                .satisfies(e -> assertThat(((JudgeException) e).reason()).isEqualTo(JudgeException.Reason.MODEL_FAILED_TO_LOAD))
                .hasMessageContaining("config.json");
    }

    @Test
    void askingForAGpuWhereThereIsNoneFailsTheFirstMissBeforeTheWeightsAreLookedFor() {
        assumeTrue(ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount() == 0, "this machine has a GPU");
        // a Hub model pinned to a commit that no cache holds: had the weights been looked for, the message would say
        String absent = "prometheus-eval/absent-judge@" + "e".repeat(40);

        try (Judge judge = Judges.create(config(Path.of(absent), Map.of("rubric.judge.device", "gpu")))) {
            CompletableFuture<AbsoluteVerdict> miss = judge.grade(AbsoluteGrading.of(
                    "Q?", "A.", Rubrics.HELPFULNESS));
            assertThatThrownBy(miss::join)
                    .hasCauseInstanceOf(JudgeException.class)
                    .hasMessageContaining("rubric.judge.device=gpu, but DJL's PyTorch sees no GPU")
                    .hasMessageContaining("the CPU build") // the tests' libtorch is pytorch-native-cpu
                    .hasMessageContaining("pytorch-native-cu128")
                    .hasMessageContaining("set rubric.judge.device=auto")
                    .hasMessageNotContaining("absent-judge"); // the Hub cache was never looked at
        }
    }
}
