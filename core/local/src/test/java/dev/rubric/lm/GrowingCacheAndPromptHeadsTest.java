package dev.rubric.lm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rubric.lm.fixtures.TinyCheckpoints;
import dev.rubric.lm.fixtures.TinyCheckpoints.Spec;
import dev.rubric.lm.fixtures.TinyCheckpoints.Storage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The KV cache that grows as sequences do, and prompt heads computed once: both must give what the whole-reserved,
 * whole-prompt path gives.
 *
 * <p>Growing copies the written slots as they are, so its logits are bit for bit those of a cache reserved whole.
 * A shared head is another matter: computed for one sequence alone, its keys and values come out of matrix products
 * of another shape than the batch's, which libtorch may sum in another order, and a batch's padding then sits between
 * head and tail instead of before the prompt. Those are float32 rounding differences: the logits reach about 10,
 * where one float32 step is 1e-6, and they differ by up to 4.3e-6 (a few steps, after two layers). The comparisons
 * allow {@value #SAME}, as the batching tests do, and the greedy tokens must be the same; a head at wrong positions,
 * padding left visible or a row not copied moves logits by 0.1 or more.
 */
class GrowingCacheAndPromptHeadsTest {

    static final double SAME = 1e-5;
    static final int STEPS = 24;

    static CausalLm withHeads;
    static CausalLm withoutHeads;

    @BeforeAll
    static void load() {
        Path dir = TinyCheckpoints.shared(Spec.tinyMixtral(), Storage.BF16_SINGLE);
        withHeads = CausalLm.load(dir, new LoadOptions(DeviceChoice.CPU));
        withoutHeads = CausalLm.load(dir, new LoadOptions(DeviceChoice.CPU).withSharedPromptHeads(false));
    }

    @AfterAll
    static void close() {
        withHeads.close();
        withoutHeads.close();
    }

    /** A 40-token head that every prompt starts with (as Prometheus' system prompt and task description do). */
    static final int[] HEAD = IntStream.range(0, 40).map(i -> i == 0 ? 1 : 3 + (i * 37) % 130).toArray();

    static int[] prompt(int... tail) {
        int[] p = Arrays.copyOf(HEAD, HEAD.length + tail.length);
        System.arraycopy(tail, 0, p, HEAD.length, tail.length);
        return p;
    }

    static final int[][] PROMPTS = {
        prompt(62, 102, 64, 3, 23),
        prompt(70),
        prompt(90, 100, 110, 120, 130, 5, 6, 40, 41, 42, 43),
        prompt(50, 51, 52),
    };

    @Test
    void aCacheThatGrowsStepByStepGivesTheLogitsOfOneReservedWhole() {
        int longest = 51;
        try (KvBatchDecoder growing = withoutHeads.newBatch(PROMPTS.length, longest + STEPS,
                withoutHeads.memoryPlan(PROMPTS.length, STEPS), KvBatchDecoder.SCORES_PER_GROUP, 3);
                KvBatchDecoder whole = withoutHeads.newBatch(PROMPTS.length, longest + STEPS,
                        withoutHeads.memoryPlan(PROMPTS.length, STEPS), KvBatchDecoder.SCORES_PER_GROUP,
                        longest + STEPS)) {
            List<float[][]> a = greedy(growing, PROMPTS);
            List<float[][]> b = greedy(whole, PROMPTS);
            for (int s = 0; s < a.size(); s++) {
                for (int r = 0; r < PROMPTS.length; r++) {
                    assertThat(a.get(s)[r]).as("step %d, sequence %d", s, r).containsExactly(b.get(s)[r]);
                }
            }
            assertThat(growing.cacheGrowths()).as("3 slots reserved ahead, 3 more at a time").isEqualTo(7);
            assertThat(growing.cacheCapacity()).isEqualTo(longest + STEPS);
            assertThat(whole.cacheGrowths()).isZero();
        }
    }

    @Test
    void theCacheReservesThePromptAndOneBlockAndGrowsInBlocksUpToTheMost() {
        try (KvBatchDecoder decoder = withoutHeads.newBatch(2, 600, KvBatchDecoder.SCORES_PER_GROUP)) {
            decoder.prefill(new int[][] {PROMPTS[0], PROMPTS[1]});
            assertThat(decoder.cacheCapacity()).isEqualTo(45 + KvCache.BLOCK);
            int[] next = {5, 5};
            for (int s = 0; s < KvCache.BLOCK; s++) {
                decoder.step(next);
            }
            assertThat(decoder.cacheGrowths()).isZero();
            decoder.step(next);
            assertThat(decoder.cacheGrowths()).isEqualTo(1);
            assertThat(decoder.cacheCapacity()).isEqualTo(45 + 2 * KvCache.BLOCK);
            while (decoder.remainingCapacity() > 0) {
                decoder.step(next);
            }
            assertThat(decoder.cacheCapacity()).as("never past the most the batch was made for").isEqualTo(600);
        }
    }

    @Test
    void aHeadComputedOnceGivesEachPromptItsOwnLogits() {
        List<float[][]> shared;
        int computed;
        try (BatchDecoder decoder = fresh().newBatch(PROMPTS.length, 51 + STEPS)) {
            shared = greedy(decoder, PROMPTS);
            computed = decoder.prefilledTokens();
        }
        List<float[][]> whole;
        int wholeComputed;
        try (BatchDecoder decoder = withoutHeads.newBatch(PROMPTS.length, 51 + STEPS)) {
            whole = greedy(decoder, PROMPTS);
            wholeComputed = decoder.prefilledTokens();
        }
        assertSame(shared, whole);
        assertThat(wholeComputed).as("4 prompts padded to 51").isEqualTo(4 * 51);
        assertThat(computed).as("the 40-token head once, then 4 tails padded to 11").isEqualTo(40 + 4 * 11);
    }

    @Test
    void theNextBatchCopiesTheHeadItShares() {
        CausalLm lm = fresh();
        try (BatchDecoder first = lm.newBatch(2, 60)) {
            first.prefill(new int[][] {PROMPTS[0], PROMPTS[1]});
            assertThat(first.prefilledTokens()).isEqualTo(40 + 2 * 5);
        }
        assertThat(lm.keptPromptHead()).isEqualTo(40);

        int[][] later = {PROMPTS[2], PROMPTS[3]};
        List<float[][]> reused;
        try (BatchDecoder second = lm.newBatch(2, 51 + STEPS)) {
            reused = greedy(second, later);
            assertThat(second.prefilledTokens()).as("no head computed: 2 tails padded to 11").isEqualTo(2 * 11);
        }
        try (BatchDecoder decoder = withoutHeads.newBatch(2, 51 + STEPS)) {
            assertSame(reused, greedy(decoder, later));
        }
    }

    @Test
    void afterTheDeviceRanOutOfMemoryTheHeadIsFreedAndComputedAgainWhenNeeded() {
        CausalLm lm = fresh();
        int arraysWithoutHead = lm.liveArrays();
        try (BatchDecoder first = lm.newBatch(2, 60)) {
            first.prefill(new int[][] {PROMPTS[0], PROMPTS[1]});
        }
        assertThat(lm.keptPromptHead()).isEqualTo(40);
        assertThat(lm.liveArrays()).as("the head's keys and values").isGreaterThan(arraysWithoutHead);

        lm.releaseSpareMemory(); // what the judge does when the device ran out of memory
        assertThat(lm.keptPromptHead()).isZero();
        assertThat(lm.liveArrays()).as("the head's arrays freed").isEqualTo(arraysWithoutHead);

        try (BatchDecoder next = lm.newBatch(2, 60)) {
            next.prefill(new int[][] {PROMPTS[2], PROMPTS[3]});
            assertThat(next.prefilledTokens()).as("the head computed again, once").isEqualTo(40 + 2 * 11);
        }
        assertThat(lm.keptPromptHead()).isEqualTo(40);
    }

    @Test
    void oneGradingAtATimeComputesOnlyWhatItDoesNotShareWithTheOneBefore() {
        CausalLm lm = fresh();
        int[] computed = new int[PROMPTS.length];
        for (int i = 0; i < PROMPTS.length; i++) {
            List<float[][]> alone;
            try (BatchDecoder decoder = lm.newBatch(1, 51 + STEPS)) {
                alone = greedy(decoder, new int[][] {PROMPTS[i]});
                computed[i] = decoder.prefilledTokens();
            }
            try (BatchDecoder decoder = withoutHeads.newBatch(1, 51 + STEPS)) {
                assertSame(alone, greedy(decoder, new int[][] {PROMPTS[i]}));
            }
        }
        // the first computes its whole prompt (a head of all but its last token, and that token); each later one
        // its tokens after the 40 it shares with the one before
        assertThat(computed).containsExactly(45, 1, 11, 3);
    }

    @Test
    void promptsThatShareLessThanTheMinimumAreComputedWhole() {
        int[][] different = {{1, 3, 62, 102, 64, 3, 23}, {1, 70, 71, 80, 3, 90, 100, 110, 120}};
        try (BatchDecoder decoder = fresh().newBatch(2, 20)) {
            decoder.prefill(different);
            assertThat(decoder.prefilledTokens()).isEqualTo(2 * 9);
        }
    }

    /** A model of its own, so that no head kept by another test is there to copy. */
    private static CausalLm fresh() {
        CausalLm lm = CausalLm.load(TinyCheckpoints.shared(Spec.tinyMixtral(), Storage.BF16_SINGLE),
                new LoadOptions(DeviceChoice.CPU));
        OPENED.add(lm);
        return lm;
    }

    private static final List<CausalLm> OPENED = new ArrayList<>();

    @AfterAll
    static void closeFresh() {
        OPENED.forEach(CausalLm::close);
    }

    private static void assertSame(List<float[][]> actual, List<float[][]> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        double worst = 0;
        for (int s = 0; s < actual.size(); s++) {
            for (int r = 0; r < actual.get(s).length; r++) {
                double d = Probabilities.maxAbsDifference(actual.get(s)[r], expected.get(s)[r]);
                worst = Math.max(worst, d);
                assertThat(d).as("step %d, sequence %d", s, r).isLessThanOrEqualTo(SAME);
                assertThat(Probabilities.argmax(actual.get(s)[r])).isEqualTo(Probabilities.argmax(expected.get(s)[r]));
            }
        }
        System.out.printf("prompt heads against whole prompts: max |d logit| = %.3g%n", worst);
    }

    /** Logits after prefill and after each of STEPS greedy steps. */
    private static List<float[][]> greedy(BatchDecoder decoder, int[][] prompts) {
        return Greedy.logits(decoder, prompts, STEPS);
    }
}
