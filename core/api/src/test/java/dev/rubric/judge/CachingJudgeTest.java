package dev.rubric.judge;

import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.ConfigKeys;
import dev.rubric.core.Grading;
import dev.rubric.core.Judge;
import dev.rubric.core.JudgeException;
import dev.rubric.core.PairwiseGrading;
import dev.rubric.core.PairwiseVerdict;
import dev.rubric.core.Rubrics;
import dev.rubric.core.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingJudgeTest {

    @TempDir
    Path dir;

    private final AbsoluteGrading grading = new AbsoluteGrading("How do I get a refund?",
            "Open the order page and press Refund.", Rubrics.HELPFULNESS, null);

    private CachingJudge caching(CountingJudge delegate, CacheMode mode) {
        return new CachingJudge(delegate, VerdictCache.open(dir), mode);
    }

    @Test
    void aSecondIdenticalGradingMakesNoDelegateCall() {
        CountingJudge delegate = new CountingJudge();
        CachingJudge judge = caching(delegate, CacheMode.READWRITE);

        AbsoluteVerdict first = judge.grade(grading).join();
        AbsoluteVerdict second = judge.grade(grading).join();

        assertThat(delegate.calls()).isEqualTo(1);
        assertThat(first.cached()).isFalse();
        assertThat(second.cached()).isTrue();
        assertThat(second).isEqualTo(first.asCached());
        assertThat(judge.cache().hits()).isEqualTo(1);
        assertThat(judge.cache().misses()).isEqualTo(1);
    }

    @Test
    void aCacheSurvivesTheJudgeAndIsSharedThroughItsDirectory() {
        caching(new CountingJudge(), CacheMode.READWRITE).grade(grading).join();
        CountingJudge later = new CountingJudge();

        Verdict verdict = caching(later, CacheMode.READWRITE).grade(grading).join();

        assertThat(later.calls()).isZero();
        assertThat(verdict.cached()).isTrue();
    }

    @Test
    void pairwiseGradingsAreCachedToo() {
        CountingJudge delegate = new CountingJudge();
        CachingJudge judge = caching(delegate, CacheMode.READWRITE);
        PairwiseGrading pairwise = new PairwiseGrading("Q", "long answer", "short", Rubrics.HONESTY, null);

        PairwiseVerdict first = judge.grade(pairwise).join();
        PairwiseVerdict second = judge.grade(pairwise).join();
        PairwiseVerdict swapped = judge.grade(pairwise.swapped()).join();

        assertThat(delegate.calls()).isEqualTo(2);
        assertThat(second).isEqualTo(first.asCached());
        assertThat(swapped.cached()).isFalse();
    }

    @Test
    void aDifferentModelMisses() {
        caching(new CountingJudge(CountingJudge.fingerprint("org/judge-7b", 1024)), CacheMode.READWRITE)
                .grade(grading).join();
        CountingJudge other = new CountingJudge(CountingJudge.fingerprint("org/judge-8x7b", 1024));

        Verdict verdict = caching(other, CacheMode.READWRITE).grade(grading).join();

        assertThat(other.calls()).isEqualTo(1);
        assertThat(verdict.cached()).isFalse();
        assertThat(verdict.fingerprint().model()).isEqualTo("org/judge-8x7b");
    }

    @Test
    void differentMaxTokensMiss() {
        caching(new CountingJudge(CountingJudge.fingerprint("org/judge-7b", 1024)), CacheMode.READWRITE)
                .grade(grading).join();
        CountingJudge shorter = new CountingJudge(CountingJudge.fingerprint("org/judge-7b", 256));

        caching(shorter, CacheMode.READWRITE).grade(grading).join();

        assertThat(shorter.calls()).isEqualTo(1);
    }

    @Test
    void aDifferentPromptMisses() {
        CountingJudge delegate = new CountingJudge();
        CachingJudge judge = caching(delegate, CacheMode.READWRITE);
        judge.grade(grading).join();

        judge.grade(new AbsoluteGrading(grading.instruction(), grading.response() + " ", grading.rubric(), null)).join();
        judge.grade(grading.withReference("Refunds take 5 days.")).join();
        judge.grade(new AbsoluteGrading(grading.instruction(), grading.response(), Rubrics.HONESTY, null)).join();

        assertThat(delegate.calls()).isEqualTo(4);
    }

    @Test
    void aCorruptEntryIsIgnoredAndRewritten() throws IOException {
        CountingJudge delegate = new CountingJudge();
        CachingJudge judge = caching(delegate, CacheMode.READWRITE);
        Verdict first = judge.grade(grading).join();
        Path entry = judge.cache().fileOf(VerdictCache.Key.of(delegate.fingerprint(), grading));
        String valid = Files.readString(entry);
        Files.writeString(entry, valid.substring(0, valid.length() - 10));

        Verdict regraded = judge.grade(grading).join();
        Verdict third = judge.grade(grading).join();

        assertThat(regraded.cached()).isFalse();
        assertThat(delegate.calls()).isEqualTo(2);
        assertThat(judge.cache().corruptEntries()).isEqualTo(1);
        assertThat(Files.readString(entry)).isEqualTo(valid);
        assertThat(third).isEqualTo(first.asCached());
    }

    @Test
    void aFailedGradingIsNeverCached() {
        CountingJudge delegate = new CountingJudge().failNext(1);
        CachingJudge judge = caching(delegate, CacheMode.READWRITE);

        CompletableFuture<AbsoluteVerdict> failed = judge.grade(grading);
        assertThatThrownBy(failed::join).hasCauseInstanceOf(JudgeException.class);
        assertThat(judge.cache().writes()).isZero();

        Verdict retried = judge.grade(grading).join();
        assertThat(retried.cached()).isFalse();
        assertThat(delegate.calls()).isEqualTo(2);
    }

    @Test
    void readOnlyModeReadsButNeverWrites() throws IOException {
        CountingJudge delegate = new CountingJudge();
        CachingJudge readOnly = caching(delegate, CacheMode.READ);

        readOnly.grade(grading).join();
        readOnly.grade(grading).join();
        assertThat(delegate.calls()).isEqualTo(2);
        assertThat(entries()).isEmpty();

        caching(new CountingJudge(), CacheMode.READWRITE).grade(grading).join();
        assertThat(readOnly.grade(grading).join().cached()).isTrue();
        assertThat(delegate.calls()).isEqualTo(2);
    }

    @Test
    void writeOnlyModeWritesButNeverReads() throws IOException {
        CountingJudge delegate = new CountingJudge();
        CachingJudge writeOnly = caching(delegate, CacheMode.WRITE);

        writeOnly.grade(grading).join();
        Verdict second = writeOnly.grade(grading).join();

        assertThat(delegate.calls()).isEqualTo(2);
        assertThat(second.cached()).isFalse();
        assertThat(writeOnly.cache().hits() + writeOnly.cache().misses()).isZero();
        assertThat(entries()).hasSize(1);
    }

    @Test
    void gradeAllAnswersHitsAtOnceAndSendsOnlyTheMissesToTheDelegateInOrder() {
        CountingJudge delegate = new CountingJudge();
        CachingJudge judge = caching(delegate, CacheMode.READWRITE);
        AbsoluteGrading cachedOne = grading;
        judge.grade(cachedOne).join();
        AbsoluteGrading newOne = new AbsoluteGrading("Q2", "xy", Rubrics.HELPFULNESS, null);
        PairwiseGrading pairwise = new PairwiseGrading("Q3", "a", "bb", Rubrics.HELPFULNESS, null);

        List<Grading> batch = List.of(newOne, cachedOne, pairwise);
        List<Verdict> verdicts = judge.gradeAll(batch).stream().map(CompletableFuture::join).toList();

        assertThat(delegate.gradeAllCalls.get()).isEqualTo(1);
        assertThat(delegate.asked).containsExactly(cachedOne, newOne, pairwise);
        assertThat(verdicts).extracting(Verdict::cached).containsExactly(false, true, false);
        assertThat(verdicts.get(0)).isEqualTo(CountingJudge.verdictFor(newOne, delegate.fingerprint()));
        assertThat(verdicts.get(2)).isInstanceOf(PairwiseVerdict.class);
        assertThat(judge.gradeAll(batch)).allMatch(f -> f.join().cached());
        assertThat(delegate.calls()).isEqualTo(3);
    }

    @Test
    void theFingerprintIsTheDelegatesAndCloseClosesIt() {
        CountingJudge delegate = new CountingJudge();
        CachingJudge judge = caching(delegate, CacheMode.READWRITE);
        assertThat(judge.fingerprint()).isSameAs(delegate.fingerprint());
        judge.close();
        assertThat(delegate.closed).isTrue();
    }

    @Test
    void offIsNotACachingMode() {
        assertThatThrownBy(() -> caching(new CountingJudge(), CacheMode.OFF))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rubric.cache=off");
    }

    @Test
    void judgesCreatePutsTheCacheInFrontUnlessItIsOff() {
        Map<String, String> params = Map.of(
                ConfigKeys.JUDGE, CountingJudge.class.getName(),
                ConfigKeys.CACHE_DIR, dir.toString());
        try (Judge judge = Judges.create(JudgeConfig.from(k -> Optional.ofNullable(params.get(k)), Map.of()))) {
            assertThat(judge).isInstanceOf(CachingJudge.class);
            CachingJudge caching = (CachingJudge) judge;
            assertThat(caching.mode()).isEqualTo(CacheMode.READWRITE);
            assertThat(caching.delegate()).isInstanceOf(CountingJudge.class);
            assertThat(caching.cache().directory()).isEqualTo(dir);
        }
        Map<String, String> readOnly = Map.of(ConfigKeys.JUDGE, CountingJudge.class.getName(),
                ConfigKeys.CACHE_DIR, dir.toString(), ConfigKeys.CACHE, "read");
        try (Judge judge = Judges.create(JudgeConfig.from(k -> Optional.ofNullable(readOnly.get(k)), Map.of()))) {
            assertThat(((CachingJudge) judge).mode()).isEqualTo(CacheMode.READ);
        }
        Map<String, String> off = Map.of(ConfigKeys.JUDGE, CountingJudge.class.getName(), ConfigKeys.CACHE, "off");
        try (Judge judge = Judges.create(JudgeConfig.from(k -> Optional.ofNullable(off.get(k)), Map.of()))) {
            assertThat(judge).isInstanceOf(CountingJudge.class);
        }
    }

    @Test
    void judgesCreateReportsAnUnusableCacheDirectoryAsMisconfigured() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        Map<String, String> params = Map.of(ConfigKeys.JUDGE, CountingJudge.class.getName(),
                ConfigKeys.CACHE_DIR, file.resolve("verdicts").toString());
        assertThatThrownBy(() -> Judges.create(JudgeConfig.from(k -> Optional.ofNullable(params.get(k)), Map.of())))
                .isInstanceOfSatisfying(JudgeException.class,
                        e -> assertThat(e.reason()).isEqualTo(JudgeException.Reason.MISCONFIGURED))
                .hasMessageContaining(file.resolve("verdicts").toString())
                .hasMessageContaining("rubric.cache=off");
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
