package dev.rubric.judge.local;

import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.JudgeException;
import dev.rubric.core.Rubrics;
import dev.rubric.judge.JudgeConfig;
import dev.rubric.lm.CausalLm;
import dev.rubric.lm.DeviceChoice;
import dev.rubric.lm.LanguageModel;
import dev.rubric.lm.LoadOptions;
import dev.rubric.lm.MemoryPlan;
import dev.rubric.lm.fixtures.TinyCheckpoints;
import dev.rubric.lm.fixtures.TinyCheckpoints.Spec;
import dev.rubric.lm.fixtures.TinyCheckpoints.Storage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static dev.rubric.judge.local.LocalJudgeFixtures.batches;
import static dev.rubric.judge.local.LocalJudgeFixtures.config;
import static dev.rubric.judge.local.LocalJudgeFixtures.grading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The device running out of memory, as DJL reports it, lowers the memory plan and judges the same gradings again in
 * smaller batches: the same verdicts, one log line per lowering, and only a grading that does not fit alone fails.
 */
class OutOfMemoryRecoveryTest {

    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger logger = Logger.getLogger(LocalJudge.class.getName());

    @BeforeEach
    void listen() {
        logger.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(handler);
    }

    private List<String> warnings() {
        return logged.stream().filter(r -> r.getLevel() == Level.WARNING).map(LogRecord::getMessage).toList();
    }

    /** Eight gradings at once, each naming the score the fake model gives it. */
    private static List<AbsoluteVerdict> judgeEight(LanguageModel model) throws Exception {
        try (LocalJudge judge = new LocalJudge(model, config(), "r", batches(8, 2_000))) {
            List<CompletableFuture<AbsoluteVerdict>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(judge.grade(grading("s" + (i % 5 + 1), "answer " + "x".repeat(i * 7))));
            }
            List<AbsoluteVerdict> verdicts = new ArrayList<>();
            for (CompletableFuture<AbsoluteVerdict> f : futures) {
                verdicts.add(f.get(20, TimeUnit.SECONDS));
            }
            return verdicts;
        }
    }

    @Test
    void outOfMemoryInThePrefillHalvesTheBatchUntilItFitsWithTheSameVerdicts() throws Exception {
        List<AbsoluteVerdict> expected = judgeEight(LocalJudgeFixtures.model());
        logged.clear();
        OutOfMemoryModel tight = new OutOfMemoryModel(LocalJudgeFixtures.model(), 3, OutOfMemoryModel.Phase.PREFILL,
                null);

        List<AbsoluteVerdict> actual = judgeEight(tight);

        assertThat(tight.batches).containsExactly("8 out of memory", "4 out of memory", "2", "2", "2", "2");
        assertThat(tight.released).as("the model's kept prompt head freed after each out-of-memory").hasValue(2);
        assertSameVerdicts(actual, expected);
        assertThat(warnings()).as("one line per lowering").hasSize(2);
        assertThat(warnings().get(0)).contains("ran out of memory judging 8 gradings", "CUDA out of memory",
                "judged again, at most 4 at a time", "same verdicts");
        assertThat(warnings().get(1)).contains("judging 4 gradings", "at most 2 at a time");
    }

    @Test
    void outOfMemoryAtAStepIsRecoveredTheSameWay() throws Exception {
        List<AbsoluteVerdict> expected = judgeEight(LocalJudgeFixtures.model());
        logged.clear();
        OutOfMemoryModel tight = new OutOfMemoryModel(LocalJudgeFixtures.model(), 4,
                OutOfMemoryModel.Phase.FIRST_STEP, null);

        List<AbsoluteVerdict> actual = judgeEight(tight);

        assertThat(tight.batches).containsExactly("8", "8 out of memory at a step", "4", "4");
        assertSameVerdicts(actual, expected);
        assertThat(warnings()).hasSize(1);
    }

    @Test
    void batchesAreCutToWhatThePlanFitsBeforeAnythingRunsOut() throws Exception {
        OutOfMemoryModel planned = new OutOfMemoryModel(LocalJudgeFixtures.model(), 8, OutOfMemoryModel.Phase.PREFILL,
                MemoryPlan.unplanned(3, 100));

        judgeEight(planned);

        assertThat(planned.batches).containsExactly("3", "3", "2");
        assertThat(warnings()).isEmpty();
        assertThat(logged).extracting(LogRecord::getMessage).filteredOn(m -> m.contains("memory plan"))
                .as("the plan, said once").hasSize(1);
    }

    @Test
    void aGradingThatDoesNotFitAloneFailsWithTheWayOut() throws Exception {
        OutOfMemoryModel none = new OutOfMemoryModel(LocalJudgeFixtures.model(), 0, OutOfMemoryModel.Phase.PREFILL,
                null);
        try (LocalJudge judge = new LocalJudge(none, config(), "r", batches(2, 0))) {
            CompletableFuture<AbsoluteVerdict> f = judge.grade(grading("s3"));
            JudgeException e = GradingFailures.of(f);
            assertThat(e.reason()).isEqualTo(JudgeException.Reason.SERVER_ERROR);
            assertThat(e).hasMessageContaining("ran out of memory judging one grading of")
                    .hasMessageContaining("Lower rubric.judge.max-tokens").hasMessageContaining("rubric.judge=openai");
        }
    }

    @Test
    void otherModelErrorsAreNotMistakenForOutOfMemory() throws Exception {
        FakeModel model = LocalJudgeFixtures.model();
        try (LocalJudge judge = new LocalJudge(model, config(), "r", batches(2, 0))) {
            JudgeException e = GradingFailures.of(judge.grade(grading("explode")));
            assertThat(e).hasMessageContaining("fake CUDA error");
        }
        assertThat(model.prefills()).as("not retried").isEqualTo(1);
        assertThat(warnings()).isEmpty();
    }

    @Test
    void theRealModelGivesTheSameVerdictsAfterRecovering() throws Exception {
        var dir = TinyCheckpoints.shared(Spec.tinyMistral(), Storage.F32_SINGLE);
        JudgeConfig config = config("rubric.judge.max-tokens", "10");
        List<AbsoluteGrading> gradings = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            gradings.add(AbsoluteGrading.of("How do I get refund number " + i + "?",
                    "Open Orders" + ", then refund".repeat(i), Rubrics.HELPFULNESS));
        }
        List<AbsoluteVerdict> expected = judge(CausalLm.load(dir, new LoadOptions(DeviceChoice.CPU)), config,
                gradings);
        OutOfMemoryModel tight = new OutOfMemoryModel(CausalLm.load(dir, new LoadOptions(DeviceChoice.CPU)), 2,
                OutOfMemoryModel.Phase.FIRST_STEP, null);
        List<AbsoluteVerdict> actual = judge(tight, config, gradings);

        assertThat(tight.batches).containsExactly("6", "6 out of memory at a step", "3", "3 out of memory at a step",
                "1", "1", "1", "1", "1", "1");
        for (int i = 0; i < gradings.size(); i++) {
            assertThat(actual.get(i).score()).isEqualTo(expected.get(i).score());
            assertThat(actual.get(i).feedback()).isEqualTo(expected.get(i).feedback());
            assertThat(actual.get(i).forced()).isEqualTo(expected.get(i).forced());
            for (int s = 0; s < 5; s++) {
                // another batch pads differently: float32 rounding, as in the batching tests
                assertThat(actual.get(i).probabilities().get(s))
                        .isCloseTo(expected.get(i).probabilities().get(s), within(1e-5));
            }
        }
    }

    private static List<AbsoluteVerdict> judge(LanguageModel model, JudgeConfig config, List<AbsoluteGrading> gradings)
            throws Exception {
        try (LocalJudge judge = new LocalJudge(model, config, "r", batches(gradings.size(), 2_000))) {
            List<CompletableFuture<AbsoluteVerdict>> futures = gradings.stream().map(judge::grade).toList();
            List<AbsoluteVerdict> verdicts = new ArrayList<>();
            for (CompletableFuture<AbsoluteVerdict> f : futures) {
                verdicts.add(f.get(60, TimeUnit.SECONDS));
            }
            return verdicts;
        }
    }

    private static void assertSameVerdicts(List<AbsoluteVerdict> actual, List<AbsoluteVerdict> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            assertThat(actual.get(i).score()).isEqualTo(expected.get(i).score());
            assertThat(actual.get(i).feedback()).isEqualTo(expected.get(i).feedback());
            assertThat(actual.get(i).probabilities()).isEqualTo(expected.get(i).probabilities());
        }
    }
}
