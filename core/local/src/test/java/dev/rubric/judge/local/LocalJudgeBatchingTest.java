package dev.rubric.judge.local;

import dev.rubric.core.AbsoluteVerdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static dev.rubric.judge.local.LocalJudgeFixtures.batches;
import static dev.rubric.judge.local.LocalJudgeFixtures.config;
import static dev.rubric.judge.local.LocalJudgeFixtures.grading;
import static org.assertj.core.api.Assertions.assertThat;

class LocalJudgeBatchingTest {

    @Test
    void gradingsFromManyThreadsShareFewBatchesOnOneModelThread() throws Exception {
        FakeModel model = LocalJudgeFixtures.model();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        Map<Integer, CompletableFuture<AbsoluteVerdict>> futures = new ConcurrentHashMap<>();
        try (LocalJudge judge = new LocalJudge(model, config(), "r", batches(8, 500))) {
            CountDownLatch start = new CountDownLatch(1);
            for (int t = 0; t < 8; t++) {
                int thread = t;
                threads.execute(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = thread; i < 20; i += 8) {
                        futures.put(i, judge.grade(grading("s" + (i % 5 + 1))));
                    }
                });
            }
            start.countDown();
            threads.shutdown();
            assertThat(threads.awaitTermination(20, TimeUnit.SECONDS)).isTrue();

            assertThat(futures).hasSize(20);
            for (var e : futures.entrySet()) {
                assertThat(e.getValue().get(20, TimeUnit.SECONDS).score()).isEqualTo(e.getKey() % 5 + 1);
            }
        }
        assertThat(model.prefills()).as("prefill calls for 20 gradings in batches of 8").isBetween(3, 4);
        assertThat(model.prefillLengths).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(8));
        assertThat(model.prefillLengths.stream().mapToInt(List::size).sum()).isEqualTo(20);
        assertThat(model.callingThreads).containsExactly("rubric-local-judge");
    }

    @Test
    void waitingGradingsOfSimilarLengthRunTogetherAndEachGetsItsOwnVerdict() throws Exception {
        FakeModel model = LocalJudgeFixtures.model();
        String longAnswer = "Go to the orders page, choose the order, press refund and wait. ".repeat(8);
        try (LocalJudge judge = new LocalJudge(model, config(), "r", batches(4, 0))) {
            CompletableFuture<AbsoluteVerdict> blocker = judge.grade(grading("block"));
            assertThat(model.blocked.await(10, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<AbsoluteVerdict>> shorts = new ArrayList<>();
            List<CompletableFuture<AbsoluteVerdict>> longs = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                shorts.add(judge.grade(grading("s" + i, "Ask support.")));
                longs.add(judge.grade(grading("s" + (i + 1), longAnswer)));
            }
            model.release();

            blocker.get(20, TimeUnit.SECONDS);
            for (int i = 0; i < 4; i++) {
                assertThat(shorts.get(i).get(20, TimeUnit.SECONDS).score()).isEqualTo(i + 1);
                assertThat(longs.get(i).get(20, TimeUnit.SECONDS).score()).isEqualTo(i + 2);
            }
        }
        assertThat(model.prefillLengths).hasSize(3);
        List<Integer> first = model.prefillLengths.get(1);
        List<Integer> second = model.prefillLengths.get(2);
        assertThat(first).hasSize(4);
        assertThat(second).hasSize(4);
        assertThat(Collections.max(first)).as("the short ones first (the oldest is short)")
                .isLessThan(Collections.min(second));
        assertThat(Collections.max(first) - Collections.min(first)).isLessThan(5);
        assertThat(Collections.max(second) - Collections.min(second)).isLessThan(5);
    }
}
