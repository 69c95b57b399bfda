package dev.rubric.judge.local;

import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.DecodingSettings;
import dev.rubric.core.JudgeException;
import dev.rubric.core.JudgeFingerprint;
import dev.rubric.core.PairwiseVerdict;
import dev.rubric.core.Winner;
import dev.rubric.judge.JudgeConfig;
import dev.rubric.judge.LocalModelSettings;
import dev.rubric.lm.DeviceChoice;
import dev.rubric.prometheus.PrometheusFormat;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.rubric.judge.local.LocalJudgeFixtures.batches;
import static dev.rubric.judge.local.LocalJudgeFixtures.config;
import static dev.rubric.judge.local.LocalJudgeFixtures.grading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LocalJudgeTest {

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    @Test
    void gradesTheExactPrometheusPromptAndKeepsTheScoreProbabilities() throws Exception {
        FakeModel model = LocalJudgeFixtures.model();
        JudgeConfig config = config("rubric.judge.max-tokens", "64");
        try (LocalJudge judge = new LocalJudge(model, config, "abc123")) {
            AbsoluteVerdict v = await(judge.grade(grading("default")));

            assertThat(v.score()).isEqualTo(4);
            assertThat(v.feedback()).isEqualTo("Good answer.");
            assertThat(v.forced()).isFalse();
            double[] logits = {0.5, 1, 2, 3, 1.5};
            double z = 0;
            for (double l : logits) {
                z += Math.exp(l);
            }
            double expectedScore = 0;
            for (int i = 0; i < 5; i++) {
                assertThat(v.probabilities().get(i)).isCloseTo(Math.exp(logits[i]) / z, within(1e-9));
                expectedScore += (i + 1) * Math.exp(logits[i]) / z;
            }
            assertThat(v.expectedScore().orElseThrow()).isCloseTo(expectedScore, within(1e-9));
            assertThat(v.fingerprint()).isEqualTo(new JudgeFingerprint("local", JudgeConfig.DEFAULT_MODEL, "abc123",
                    PrometheusFormat.VERSION, DecodingSettings.GREEDY.withMaxTokens(64)));
            assertThat(v.latency()).isPositive();
            int[] expectedPrompt = model.tokenizer.encode(
                    PrometheusFormat.get().modelInput(grading("default")), true);
            assertThat(model.prefillLengths).containsExactly(List.of(expectedPrompt.length));
        }
    }

    @Test
    void pairwiseVerdictCarriesTheProbabilityOfA() throws Exception {
        try (LocalJudge judge = new LocalJudge(LocalJudgeFixtures.model(), config(), "r")) {
            PairwiseVerdict v = await(judge.grade(LocalJudgeFixtures.pairwise()));

            assertThat(v.winner()).isEqualTo(Winner.A);
            assertThat(v.probabilityA()).isCloseTo(1 / (1 + Math.exp((double) 0.3f - (double) 1.2f)), within(1e-9));
            assertThat(v.feedback()).isEqualTo("A is better.");
        }
    }

    @Test
    void aFeedbackThatRunsOutOfTokensStillEndsInAForcedVerdict() throws Exception {
        try (LocalJudge judge = new LocalJudge(LocalJudgeFixtures.model(), config("rubric.judge.max-tokens", "10"),
                "r")) {
            AbsoluteVerdict v = await(judge.grade(grading("babble")));

            assertThat(v.forced()).isTrue();
            assertThat(v.feedback().split(" ")).hasSize(10);
            assertThat(v.probabilities()).containsOnly(0.2);
        }
    }

    @Test
    void aPromptTooLongForTheModelIsRejectedWithoutRunningIt() {
        FakeModel model = LocalJudgeFixtures.model(1000, "fake cpu");
        try (LocalJudge judge = new LocalJudge(model, config("rubric.judge.max-tokens", "64"), "r")) {
            JudgeException e = GradingFailures.of(judge.grade(grading("default")));

            assertThat(e.reason()).isEqualTo(JudgeException.Reason.REJECTED);
            assertThat(e.getMessage()).contains("at most " + (1000 - 64 - 6)).contains("rubric.judge.max-tokens");
            assertThat(model.prefills()).isZero();
        }
    }

    @Test
    void greedySamplesAreDecodedOnceAndCountedKTimes() throws Exception {
        FakeModel model = LocalJudgeFixtures.model();
        try (LocalJudge judge = new LocalJudge(model, config("rubric.judge.samples", "3"), "r")) {
            AbsoluteVerdict v = await(judge.grade(grading("s2")));

            assertThat(v.sampleScores()).containsExactly(2, 2, 2);
            assertThat(model.prefillLengths).hasSize(1);
            assertThat(model.prefillLengths.get(0)).hasSize(1);
        }
    }

    @Test
    void sampledSamplesUseConsecutiveSeedsAndRepeatExactly() throws Exception {
        JudgeConfig sampling = config("rubric.judge.samples", "3", "rubric.judge.temperature", "1.0",
                "rubric.judge.top-p", "0.9", "rubric.judge.repetition-penalty", "1.03", "rubric.judge.seed", "7",
                "rubric.judge.max-tokens", "12");
        FakeModel model = LocalJudgeFixtures.model();
        AbsoluteVerdict first;
        try (LocalJudge judge = new LocalJudge(model, sampling, "r", batches(8, 200))) {
            first = await(judge.grade(grading("babble")));
        }
        AbsoluteVerdict again;
        try (LocalJudge judge = new LocalJudge(LocalJudgeFixtures.model(), sampling, "r", batches(8, 200))) {
            again = await(judge.grade(grading("babble")));
        }
        AbsoluteVerdict otherSeed;
        try (LocalJudge judge = new LocalJudge(LocalJudgeFixtures.model(),
                config("rubric.judge.samples", "3", "rubric.judge.temperature", "1.0", "rubric.judge.seed", "8",
                        "rubric.judge.max-tokens", "12"), "r", batches(8, 200))) {
            otherSeed = await(judge.grade(grading("babble")));
        }

        assertThat(model.prefillLengths).hasSize(1);
        assertThat(model.prefillLengths.get(0)).as("three samples, three rows of one batch").hasSize(3);
        assertThat(first.sampleScores()).hasSize(3);
        assertThat(again.sampleScores()).isEqualTo(first.sampleScores());
        assertThat(again.feedback()).isEqualTo(first.feedback());
        assertThat(again.probabilities()).isEqualTo(first.probabilities());
        assertThat(otherSeed.feedback()).isNotEqualTo(first.feedback());
        assertThat(first.forced()).isTrue();
    }

    @Test
    void aModelFailureFailsOnlyItsOwnBatch() throws Exception {
        FakeModel model = LocalJudgeFixtures.model();
        try (LocalJudge judge = new LocalJudge(model, config(), "r", batches(4, 0))) {
            CompletableFuture<AbsoluteVerdict> blocker = judge.grade(grading("block"));
            assertThat(model.blocked.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<AbsoluteVerdict> exploding = judge.grade(grading("explode"));
            CompletableFuture<AbsoluteVerdict> sameBatch = judge.grade(grading("s5"));
            model.release();

            assertThat(await(blocker)).isInstanceOf(AbsoluteVerdict.class);
            JudgeException e = GradingFailures.of(exploding);
            assertThat(e.reason()).isEqualTo(JudgeException.Reason.SERVER_ERROR);
            assertThat(e.getMessage()).contains("fake CUDA error: out of memory").contains("batch of 2 gradings");
            assertThat(GradingFailures.of(sameBatch)).isSameAs(e);

            AbsoluteVerdict later = await(judge.grade(grading("s5")));
            assertThat(later.score()).isEqualTo(5);
        }
    }

    @Test
    void closeFailsWaitingGradingsStopsTheBatchInFlightAndClosesTheModel() throws Exception {
        FakeModel model = LocalJudgeFixtures.model();
        LocalJudge judge = new LocalJudge(model, config(), "r", batches(2, 0));
        CompletableFuture<AbsoluteVerdict> inFlight = judge.grade(grading("block"));
        assertThat(model.blocked.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<AbsoluteVerdict>> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiting.add(judge.grade(grading("s" + (i + 1))));
        }

        CompletableFuture<Void> closing = CompletableFuture.runAsync(judge::close);
        for (CompletableFuture<AbsoluteVerdict> w : waiting) {
            assertThat(GradingFailures.of(w).reason()).isEqualTo(JudgeException.Reason.CLOSED);
        }
        assertThat(closing).isNotDone();   // still waiting for the batch in flight
        model.release();
        closing.get(20, TimeUnit.SECONDS);

        assertThat(GradingFailures.of(inFlight).reason()).isEqualTo(JudgeException.Reason.CLOSED);
        assertThat(model.closed).isTrue();
        assertThat(GradingFailures.of(judge.grade(grading("s1"))).reason()).isEqualTo(JudgeException.Reason.CLOSED);
        judge.close();   // idempotent
    }

    @Test
    void aTokenizerThatCannotConstrainTheVerdictFailsTheJudgeAndClosesTheModel() {
        List<String> vocabulary = new ArrayList<>(FakeTokenizer.MISTRAL_LIKE);
        vocabulary.add("▁3");
        FakeModel model = new FakeModel(new FakeTokenizer(vocabulary), p -> null, 4096, "odd model on cpu");

        assertThatThrownBy(() -> new LocalJudge(model, config(), "r"))
                .isInstanceOfSatisfying(JudgeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(JudgeException.Reason.MODEL_FAILED_TO_LOAD);
                    assertThat(e.getMessage()).contains("[RESULT] 1").contains("odd model on cpu");
                });
        assertThat(model.closed).isTrue();
    }

    @Test
    void aFeedbackBudgetLargerThanTheModelIsAConfigurationError() {
        FakeModel model = LocalJudgeFixtures.model(512, "fake cpu");

        assertThatThrownBy(() -> new LocalJudge(model, config("rubric.judge.max-tokens", "600"), "r"))
                .isInstanceOfSatisfying(JudgeException.class,
                        e -> assertThat(e.reason()).isEqualTo(JudgeException.Reason.MISCONFIGURED));
        assertThat(model.closed).isTrue();
    }

    @Test
    void batchSizeDefaultsToEightOnCpuAndThirtyTwoOnGpu() {
        FakeModel cpu = LocalJudgeFixtures.model(4096, "Mistral 7B from prometheus-gpu-copy on cpu(), float32");
        FakeModel gpu = LocalJudgeFixtures.model(4096, "Mistral 7B on gpu(0), float16, libtorch cu124");

        assertThat(LocalJudge.Scheduling.of(config(), cpu).batchSize()).isEqualTo(8);
        assertThat(LocalJudge.Scheduling.of(config(), gpu).batchSize()).isEqualTo(32);
        assertThat(LocalJudge.Scheduling.of(config("rubric.judge.device", "gpu"), cpu).batchSize()).isEqualTo(32);
        assertThat(LocalJudge.Scheduling.of(config("rubric.judge.device", "cpu"), gpu).batchSize()).isEqualTo(8);
        assertThat(LocalJudge.Scheduling.of(config("rubric.judge.batch-size", "5"), gpu).batchSize()).isEqualTo(5);
        assertThat(LocalJudge.Scheduling.of(config(), cpu).fillWait()).isEqualTo(LocalJudge.DEFAULT_FILL_WAIT);
    }

    @Test
    void eachConfiguredDeviceBecomesTheLoadersChoiceOfTheSameName() {
        for (LocalModelSettings.Device device : LocalModelSettings.Device.values()) {
            assertThat(LocalJudge.deviceChoice(device).name()).isEqualTo(device.name());
        }
        assertThat(DeviceChoice.values()).hasSameSizeAs(LocalModelSettings.Device.values());
    }
}
