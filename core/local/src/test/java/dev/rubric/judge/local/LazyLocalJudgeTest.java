package dev.rubric.judge.local;

import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.Grading;
import dev.rubric.core.Judge;
import dev.rubric.core.JudgeException;
import dev.rubric.core.JudgeFingerprint;
import dev.rubric.core.PairwiseGrading;
import dev.rubric.core.Rubrics;
import dev.rubric.core.Verdict;
import dev.rubric.hub.HubSettings;
import dev.rubric.hub.ModelLocator;
import dev.rubric.judge.JudgeConfig;
import dev.rubric.judge.Judges;
import dev.rubric.lm.fixtures.TinyCheckpoints;
import dev.rubric.lm.fixtures.TinyCheckpoints.Spec;
import dev.rubric.lm.fixtures.TinyCheckpoints.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The model is loaded on the first grading the verdict cache cannot answer, never before: a rerun whose gradings all
 * hit the cache loads nothing, downloads nothing and needs no weights on the machine.
 */
class LazyLocalJudgeTest {

    static final String REPO = "prometheus-eval/tiny-judge";
    static final String COMMIT = "d".repeat(40);

    @TempDir
    Path tmp;

    private static final List<Grading> GRADINGS = List.of(
            AbsoluteGrading.of("How do I get a refund?", "Open Orders.", Rubrics.HELPFULNESS),
            new PairwiseGrading("Which is better?", "Open Orders.", "No idea.", Rubrics.HELPFULNESS, null),
            AbsoluteGrading.of("Is it safe?", "Yes.", Rubrics.HARMLESSNESS));

    private JudgeConfig config(String model) {
        Map<String, String> p = new HashMap<>(Map.of(
                "rubric.judge", "local",
                "rubric.judge.model", model,
                "rubric.judge.share", "jvm",
                "rubric.judge.max-tokens", "8",
                "rubric.judge.device", "cpu",
                "rubric.cache.dir", tmp.resolve("verdicts").toString()));
        return JudgeConfig.from(k -> Optional.ofNullable(p.get(k)), Map.of("XDG_CACHE_HOME", tmp.resolve("xdg").toString()));
    }

    private static List<Verdict> gradeAll(Judge judge) {
        return judge.gradeAll(GRADINGS).stream().map(CompletableFuture::join).toList();
    }

    @Test
    void aRerunWhoseGradingsAllHitTheCacheLoadsNoModel() {
        JudgeConfig config = config(TinyCheckpoints.shared(Spec.tinyMistral(), Storage.F32_SINGLE).toString());

        LazyLocalJudge first = LazyLocalJudge.of(config, ModelIdentity.of(config));
        List<Verdict> fresh;
        try (Judge judge = Judges.withCache(first, config)) {
            assertThat(first.loads()).as("loads before the first grading").isZero();
            fresh = gradeAll(judge);
        }
        assertThat(first.loads()).isEqualTo(1);

        LazyLocalJudge rerun = LazyLocalJudge.of(config, ModelIdentity.of(config));
        List<Verdict> cached;
        try (Judge judge = Judges.withCache(rerun, config)) {
            cached = gradeAll(judge);
        }
        assertThat(rerun.loads()).as("models loaded by the fully cached rerun").isZero();
        assertThat(cached).allMatch(Verdict::cached);
        assertThat(cached.stream().map(Verdict::asCached).toList())
                .isEqualTo(fresh.stream().map(Verdict::asCached).toList());
    }

    @Test
    void aFullyCachedRunNeedsNoWeightsOnTheMachineNorTheHub() throws IOException {
        Path hfCache = tmp.resolve("hf-cache");
        Path snapshot = Files.createDirectories(hfCache.resolve("models--prometheus-eval--tiny-judge/snapshots/" + COMMIT));
        TinyCheckpoints.write(snapshot, Spec.tinyMistral(), Storage.F32_SINGLE);
        ModelLocator offline = new ModelLocator(HubSettings.fromEnvironment(Map.of("HF_HUB_CACHE", hfCache.toString(),
                "HF_HUB_OFFLINE", "1", "HF_HUB_DISABLE_PROGRESS_BARS", "1"), tmp.resolve("home")));
        JudgeConfig config = config(REPO + "@" + COMMIT); // pinned: named without the cache or the Hub

        ModelIdentity identity = ModelIdentity.of(config, offline);
        assertThat(identity.fingerprint(config.decoding()).model()).isEqualTo(REPO);
        assertThat(identity.revision()).isEqualTo(COMMIT);
        LazyLocalJudge withWeights = new LazyLocalJudge(identity.fingerprint(config.decoding()),
                () -> LocalJudge.open(config, identity, offline));
        List<Verdict> fresh;
        try (Judge judge = Judges.withCache(withWeights, config)) {
            fresh = gradeAll(judge);
        }

        deleteTree(hfCache); // the weights are gone: this machine could not load a model now

        List<Verdict> cached;
        try (Judge judge = Judges.create(config)) { // the way tests get their judge
            assertThat(judge.fingerprint()).isEqualTo(fresh.get(0).fingerprint());
            cached = gradeAll(judge);
        }
        assertThat(cached).allMatch(Verdict::cached);
        assertThat(cached.stream().map(Verdict::asCached).toList())
                .isEqualTo(fresh.stream().map(Verdict::asCached).toList());

        LazyLocalJudge noWeights = new LazyLocalJudge(identity.fingerprint(config.decoding()),
                () -> LocalJudge.open(config, identity, offline));
        try (Judge judge = Judges.withCache(noWeights, config)) {
            assertThat(gradeAll(judge)).allMatch(Verdict::cached);
            assertThat(noWeights.loads()).isZero();
            CompletableFuture<?> miss = judge.grade(AbsoluteGrading.of(
                    "New?", "Yes.", Rubrics.HONESTY));
            assertThat(GradingFailures.of(miss).reason()).isEqualTo(JudgeException.Reason.MODEL_FAILED_TO_LOAD);
            assertThat(noWeights.loads()).as("a miss does need the model").isEqualTo(1);
        }
    }

    // --- the lazy judge on a fake model: one load, shared by the gradings that wait for it

    private static JudgeFingerprint fakeFingerprint() {
        return LocalJudge.fingerprint(LocalJudgeFixtures.config(), "r1");
    }

    @Test
    void gradingsThatComeWhileTheModelLoadsWaitForTheOneLoad() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger built = new AtomicInteger();
        LazyLocalJudge lazy = new LazyLocalJudge(fakeFingerprint(), () -> {
            built.incrementAndGet();
            await(release);
            return new LocalJudge(LocalJudgeFixtures.model(), LocalJudgeFixtures.config(), "r1");
        });
        try (lazy) {
            List<CompletableFuture<Verdict>> waiting = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                waiting.add(lazy.grade((Grading) LocalJudgeFixtures.grading("s" + (i % 5 + 1))));
            }
            assertThat(waiting).noneMatch(CompletableFuture::isDone);
            release.countDown();
            for (int i = 0; i < 6; i++) {
                assertThat(waiting.get(i).get(20, TimeUnit.SECONDS).fingerprint()).isEqualTo(fakeFingerprint());
            }
            assertThat(built).hasValue(1);
            assertThat(lazy.loads()).isEqualTo(1);
        }
    }

    @Test
    void aFailedLoadFailsEveryGradingWithItsReasonAndTheWeightsAreNotLookedForAgain() {
        AtomicInteger attempts = new AtomicInteger();
        LazyLocalJudge lazy = new LazyLocalJudge(fakeFingerprint(), () -> {
            attempts.incrementAndGet();
            throw new JudgeException(JudgeException.Reason.MODEL_FAILED_TO_LOAD, "no weights in /models/x: fix it");
        });
        try (lazy) {
            assertThat(GradingFailures.of(lazy.grade(LocalJudgeFixtures.grading("s1"))).reason())
                    .isEqualTo(JudgeException.Reason.MODEL_FAILED_TO_LOAD);
            assertThatThrownBy(() -> lazy.grade(LocalJudgeFixtures.grading("s2")).join())
                    .hasMessageContaining("no weights in /models/x: fix it");
            assertThat(attempts).hasValue(1);
        }
    }

    @Test
    void closingWhileTheModelLoadsFailsTheWaitingGradingsAndFreesTheModelWhenItIsReady() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FakeModel model = LocalJudgeFixtures.model();
        LazyLocalJudge lazy = new LazyLocalJudge(fakeFingerprint(), () -> {
            await(release);
            return new LocalJudge(model, LocalJudgeFixtures.config(), "r1");
        });
        CompletableFuture<?> waiting = lazy.grade(LocalJudgeFixtures.grading("s3"));

        lazy.close();
        release.countDown();

        assertThat(GradingFailures.of(waiting).reason()).isEqualTo(JudgeException.Reason.CLOSED);
        assertThat(model.closed).isTrue();
        assertThat(GradingFailures.of(lazy.grade(LocalJudgeFixtures.grading("s3"))).reason()).isEqualTo(JudgeException.Reason.CLOSED);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError("the test never released the load");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
