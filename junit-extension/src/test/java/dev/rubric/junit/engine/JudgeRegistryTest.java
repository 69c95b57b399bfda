package dev.rubric.junit.engine;

import dev.rubric.core.DecodingSettings;
import dev.rubric.core.Grading;
import dev.rubric.core.Judge;
import dev.rubric.core.JudgeException;
import dev.rubric.core.JudgeFingerprint;
import dev.rubric.core.Verdict;
import dev.rubric.judge.JudgeConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JudgeRegistryTest {

    /** A judge that only counts its closes. */
    private static final class CountingJudge implements Judge {
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public JudgeFingerprint fingerprint() {
            return new JudgeFingerprint("counting", "m", "1", "test", DecodingSettings.GREEDY);
        }

        @Override
        public CompletableFuture<Verdict> grade(Grading grading) {
            throw new UnsupportedOperationException("not graded in these tests");
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    private final List<CountingJudge> built = new ArrayList<>();
    private final JudgeRegistry registry = new JudgeRegistry(config -> {
        CountingJudge j = new CountingJudge();
        synchronized (built) {
            built.add(j);
        }
        return j;
    });

    private static JudgeConfig config(String maxTokens) {
        Map<String, String> p = Map.of("rubric.judge", "com.example.Judge", "rubric.cache", "off",
                "rubric.judge.max-tokens", maxTokens);
        return JudgeConfig.from(k -> Optional.ofNullable(p.get(k)), Map.of());
    }

    @Test
    void equalConfigurationsShareOneJudgeClosedWithItsLastLease() {
        JudgeRegistry.Lease first = registry.acquire(config("512"));
        JudgeRegistry.Lease second = registry.acquire(config("512"));

        assertThat(second.judge()).isSameAs(first.judge());
        assertThat(built).hasSize(1);
        first.close();
        first.close(); // twice is once
        assertThat(built.get(0).closes).hasValue(0);
        second.close();
        assertThat(built.get(0).closes).hasValue(1);
        assertThat(registry.openJudges()).isZero();
    }

    @Test
    void aHoldKeepsAJudgeOthersBuiltOpenUntilItIsReleasedAndBuildsNothingItself() {
        JudgeRegistry.Hold hold = registry.hold(config("512"));
        assertThat(built).as("a hold builds no judge").isEmpty();

        registry.acquire(config("512")).close(); // an engine run that ends before the held tests
        assertThat(built).hasSize(1);
        assertThat(built.get(0).closes).as("held: not closed with its last lease").hasValue(0);
        try (JudgeRegistry.Lease later = registry.acquire(config("512"))) {
            assertThat(later.judge()).as("the held tests get the same judge").isSameAs(built.get(0));
        }

        hold.close();
        hold.close();
        assertThat(built.get(0).closes).hasValue(1);
        assertThat(registry.openJudges()).isZero();
    }

    @Test
    void aHoldOnAnotherConfigurationKeepsNothing() {
        try (JudgeRegistry.Hold ignored = registry.hold(config("1024"))) {
            registry.acquire(config("512")).close();
            assertThat(built.get(0).closes).hasValue(1);
        }
    }

    @Test
    void differentConfigurationsGetJudgesOfTheirOwn() {
        try (JudgeRegistry.Lease a = registry.acquire(config("512"));
             JudgeRegistry.Lease b = registry.acquire(config("1024"))) {
            assertThat(a.judge()).isNotSameAs(b.judge());
            assertThat(registry.openJudges()).isEqualTo(2);
        }
        assertThat(built).allSatisfy(j -> assertThat(j.closes).hasValue(1));
    }

    @Test
    void aJudgeReleasedByEveryoneIsBuiltAfreshForTheNextUser() {
        registry.acquire(config("512")).close();
        try (JudgeRegistry.Lease again = registry.acquire(config("512"))) {
            assertThat(again.judge()).isSameAs(built.get(1));
        }
        assertThat(built).hasSize(2);
    }

    @Test
    void aFailedBuildIsNotKeptAndTheNextUserTriesAgain() {
        AtomicInteger attempts = new AtomicInteger();
        JudgeRegistry failingOnce = new JudgeRegistry(config -> {
            if (attempts.incrementAndGet() == 1) {
                throw new JudgeException(JudgeException.Reason.MODEL_FAILED_TO_LOAD, "no weights");
            }
            return new CountingJudge();
        });

        assertThatThrownBy(() -> failingOnce.acquire(config("512"))).hasMessageContaining("no weights");
        assertThat(failingOnce.openJudges()).isZero();
        try (JudgeRegistry.Lease lease = failingOnce.acquire(config("512"))) {
            assertThat(lease.judge()).isNotNull();
        }
        assertThat(attempts).hasValue(2);
    }

    @Test
    void usersArrivingWhileTheJudgeIsBuiltWaitForItInsteadOfBuildingAnother() throws Exception {
        CountDownLatch building = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicInteger builds = new AtomicInteger();
        JudgeRegistry slow = new JudgeRegistry(config -> {
            builds.incrementAndGet();
            building.countDown();
            try {
                finish.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new CountingJudge();
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<JudgeRegistry.Lease>> leases = new ArrayList<>();
            leases.add(pool.submit(() -> slow.acquire(config("512"))));
            assertThat(building.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 3; i++) {
                leases.add(pool.submit(() -> slow.acquire(config("512"))));
            }
            finish.countDown();
            Judge first = leases.get(0).get(10, TimeUnit.SECONDS).judge();
            for (Future<JudgeRegistry.Lease> f : leases) {
                assertThat(f.get(10, TimeUnit.SECONDS).judge()).isSameAs(first);
            }
            assertThat(builds).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
