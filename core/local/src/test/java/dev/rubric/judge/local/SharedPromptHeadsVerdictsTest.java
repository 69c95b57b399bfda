package dev.rubric.judge.local;

import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.Grading;
import dev.rubric.core.PairwiseGrading;
import dev.rubric.core.PairwiseVerdict;
import dev.rubric.core.Rubrics;
import dev.rubric.core.Verdict;
import dev.rubric.judge.JudgeConfig;
import dev.rubric.lm.BatchDecoder;
import dev.rubric.lm.CausalLm;
import dev.rubric.lm.DeviceChoice;
import dev.rubric.lm.LanguageModel;
import dev.rubric.lm.LoadOptions;
import dev.rubric.lm.fixtures.TinyCheckpoints;
import dev.rubric.lm.fixtures.TinyCheckpoints.Spec;
import dev.rubric.lm.fixtures.TinyCheckpoints.Storage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.rubric.judge.local.LocalJudgeFixtures.batches;
import static dev.rubric.judge.local.LocalJudgeFixtures.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Shared prompt heads seen where users meet them, through {@link LocalJudge} on the real tiny model: the verdicts
 * (score or winner, feedback, forced or not, probabilities) of gradings judged with the heads computed once equal
 * those of whole prompts, in one batch (the head of the batch) and one grading at a time (the head kept from the
 * batch before), for distinct instructions (sharing the system prompt and task description), the samples of one
 * grading (sharing all of it) and both orders of a pairwise grading; and the prefill computes fewer positions.
 */
class SharedPromptHeadsVerdictsTest {

    /** Sampled, so that the samples of a grading differ and each keeps its own seed whatever its batch. */
    private static final JudgeConfig CONFIG = config("rubric.judge.max-tokens", "6", "rubric.judge.samples", "2",
            "rubric.judge.temperature", "1.0", "rubric.judge.top-p", "0.9");

    @ParameterizedTest(name = "batches of {0}")
    @ValueSource(ints = {1, 16})
    void headsComputedOnceGiveTheVerdictsOfWholePrompts(int batchSize) throws Exception {
        Path dir = TinyCheckpoints.shared(Spec.tinyMistral(), Storage.F32_SINGLE);
        List<Grading> gradings = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            gradings.add(AbsoluteGrading.of("How do I get refund number " + i + "?",
                    "Open Orders" + ", then refund".repeat(i), Rubrics.HELPFULNESS));
        }
        gradings.add(new PairwiseGrading("Which reply explains refunds better?", "Open Orders.", "No idea.",
                Rubrics.HELPFULNESS, "Open Orders and press 'Request refund'."));

        CountingModel whole = new CountingModel(CausalLm.load(dir, new LoadOptions(DeviceChoice.CPU)
                .withSharedPromptHeads(false)));
        CountingModel heads = new CountingModel(CausalLm.load(dir, new LoadOptions(DeviceChoice.CPU)));
        List<Verdict> expected = judge(whole, gradings, batchSize);
        List<Verdict> actual = judge(heads, gradings, batchSize);

        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            if (expected.get(i) instanceof AbsoluteVerdict e) {
                AbsoluteVerdict a = (AbsoluteVerdict) actual.get(i);
                assertThat(a.score()).as("grading %d", i).isEqualTo(e.score());
                assertThat(a.sampleScores()).isEqualTo(e.sampleScores());
                assertThat(a.feedback()).isEqualTo(e.feedback());
                assertThat(a.forced()).isEqualTo(e.forced());
                for (int s = 0; s < 5; s++) {
                    // a head computed alone sums in another order: float32 rounding, as in the batching tests
                    assertThat(a.probabilities().get(s)).isCloseTo(e.probabilities().get(s), within(1e-5));
                }
            } else {
                PairwiseVerdict e = (PairwiseVerdict) expected.get(i);
                PairwiseVerdict a = (PairwiseVerdict) actual.get(i);
                assertThat(a.winner()).isEqualTo(e.winner());
                assertThat(a.feedback()).isEqualTo(e.feedback());
                assertThat(a.forced()).isEqualTo(e.forced());
                assertThat(a.probabilityA()).isCloseTo(e.probabilityA(), within(1e-5));
            }
        }
        System.out.printf("batches of %d: %d prefill positions computed with shared heads, %d for whole prompts%n",
                batchSize, heads.prefilled.get(), whole.prefilled.get());
        assertThat(heads.prefilled.get()).as("positions computed with shared heads, against whole prompts")
                .isLessThan(whole.prefilled.get());
    }

    private static List<Verdict> judge(LanguageModel model, List<Grading> gradings, int batchSize) throws Exception {
        List<Verdict> verdicts = new ArrayList<>();
        try (LocalJudge judge = new LocalJudge(model, CONFIG, "r", batches(batchSize, 2_000))) {
            List<CompletableFuture<Verdict>> futures = gradings.stream().map(judge::grade).toList();
            for (CompletableFuture<Verdict> f : futures) {
                verdicts.add(f.get(60, TimeUnit.SECONDS));
            }
        }
        return verdicts;
    }

    /** The model in front of a loaded one, adding up the positions each prefill computed. */
    private static final class CountingModel extends ForwardingModel {
        final AtomicLong prefilled = new AtomicLong();

        CountingModel(LanguageModel model) {
            super(model);
        }

        @Override
        protected BatchDecoder wrap(BatchDecoder inner, int batchSize) {
            return new ForwardingDecoder(inner) {
                @Override
                public float[][] prefill(int[][] prompts) {
                    float[][] logits = inner.prefill(prompts);
                    prefilled.addAndGet(inner.prefilledTokens());
                    return logits;
                }
            };
        }
    }
}
