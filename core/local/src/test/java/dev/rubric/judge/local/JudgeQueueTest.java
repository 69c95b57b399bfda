package dev.rubric.judge.local;

import dev.rubric.core.JudgeException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JudgeQueueTest {

    /** Items are their own lengths; a negative item blocks the worker until {@link #gate} opens. */
    private final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch blocked = new CountDownLatch(1);
    private final CountDownLatch gate = new CountDownLatch(1);

    private List<String> echo(List<Integer> batch) throws InterruptedException {
        batches.add(List.copyOf(batch));
        if (batch.stream().anyMatch(i -> i < 0)) {
            blocked.countDown();
            gate.await(20, TimeUnit.SECONDS);
        }
        return batch.stream().map(i -> "v" + i).toList();
    }

    private JudgeQueue<Integer, String> queue(int batchSize, Duration fillWait) {
        return new JudgeQueue<>("test-queue", batchSize, fillWait, i -> i, this::echo);
    }

    @Test
    void aLoneItemWaitsForItsBatchToFillButAFullBatchGoesAtOnce() throws Exception {
        try (JudgeQueue<Integer, String> q = queue(2, Duration.ofMillis(300))) {
            long start = System.nanoTime();
            assertThat(q.submit(1).get(20, TimeUnit.SECONDS)).isEqualTo("v1");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(290));
        }
        try (JudgeQueue<Integer, String> q = queue(2, Duration.ofSeconds(30))) {
            CompletableFuture<String> a = q.submit(1);
            CompletableFuture<String> b = q.submit(2);
            assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo("v1");
            assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo("v2");
        }
    }

    @Test
    void theOldestWaitingItemGoesWithTheItemsClosestToItInLength() throws Exception {
        try (JudgeQueue<Integer, String> q = queue(2, Duration.ZERO)) {
            CompletableFuture<String> blocker = q.submit(-1);
            assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<String>> waiting = List.of(q.submit(50), q.submit(10), q.submit(11), q.submit(49));
            gate.countDown();

            blocker.get(10, TimeUnit.SECONDS);
            assertThat(waiting.stream().map(CompletableFuture::join).toList()).containsExactly("v50", "v10", "v11", "v49");
        }
        assertThat(batches).containsExactly(List.of(-1), List.of(49, 50), List.of(10, 11));
    }

    @Test
    void callbacksRunOffTheWorkerSoTheyMayWaitForAnotherItem() throws Exception {
        try (JudgeQueue<Integer, String> q = queue(4, Duration.ZERO)) {
            CompletableFuture<String> chained = q.submit(1).thenApply(v -> {
                assertThat(Thread.currentThread().getName()).isNotEqualTo("test-queue");
                return v + "+" + q.submit(2).join();
            });
            assertThat(chained.get(10, TimeUnit.SECONDS)).isEqualTo("v1+v2");
        }
    }

    @Test
    void aBackendThatLosesResultsFailsTheBatchAndTheQueueGoesOn() throws Exception {
        try (JudgeQueue<Integer, String> q = new JudgeQueue<>("short-queue", 2, Duration.ofSeconds(10), i -> i,
                batch -> batch.size() == 2 ? List.of("only one") : List.of("ok"))) {
            CompletableFuture<String> a = q.submit(1);
            CompletableFuture<String> b = q.submit(2);
            for (CompletableFuture<String> f : List.of(a, b)) {
                assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOfSatisfying(JudgeException.class, e -> {
                            assertThat(e.reason()).isEqualTo(JudgeException.Reason.SERVER_ERROR);
                            assertThat(e.getMessage()).contains("short-queue").contains("1 results for a batch of 2");
                        });
            }
        }
    }

    @Test
    void closingFailsWaitingItemsAndRefusesNewOnes() throws Exception {
        JudgeQueue<Integer, String> q = queue(1, Duration.ZERO);
        CompletableFuture<String> blocker = q.submit(-1);
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> waiting = q.submit(3);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(q::close);

        assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(JudgeException.class,
                        e -> assertThat(e.reason()).isEqualTo(JudgeException.Reason.CLOSED));
        gate.countDown();
        closing.get(10, TimeUnit.SECONDS);
        assertThat(blocker.get(10, TimeUnit.SECONDS)).as("the batch in flight finished").isEqualTo("v-1");
        assertThat(q.isClosed()).isTrue();
        assertThat(q.submit(4)).isCompletedExceptionally();
    }
}
