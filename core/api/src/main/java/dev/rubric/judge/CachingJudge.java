package dev.rubric.judge;

import dev.rubric.core.ConfigKeys;
import dev.rubric.core.Grading;
import dev.rubric.core.Judge;
import dev.rubric.core.JudgeFingerprint;
import dev.rubric.core.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A judge with the verdict cache in front: a grading the same judge already answered (same fingerprint, same
 * exact prompt) is served from the cache, marked {@link Verdict#cached()}; the others go to the delegate and
 * their verdicts are stored. A failed grading is never cached.
 */
final class CachingJudge implements Judge {

    private final Judge delegate;
    private final VerdictCache cache;
    private final CacheMode mode;

    /**
     * @param mode READWRITE, READ (never writes) or WRITE (never reads: refreshes entries); OFF is not a caching
     *             judge: use the delegate itself
     */
    public CachingJudge(Judge delegate, VerdictCache cache, CacheMode mode) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.mode = Objects.requireNonNull(mode, "mode");
        if (mode == CacheMode.OFF) {
            throw new IllegalArgumentException("a CachingJudge with " + ConfigKeys.CACHE
                    + "=off would not cache: use the delegate judge itself");
        }
    }

    @Override
    public JudgeFingerprint fingerprint() {
        return delegate.fingerprint();
    }

    @Override
    public CompletableFuture<Verdict> grade(Grading grading) {
        VerdictCache.Key key = VerdictCache.Key.of(delegate.fingerprint(), grading);
        Optional<Verdict> hit = lookup(key);
        if (hit.isPresent()) {
            return CompletableFuture.completedFuture(hit.get().asCached());
        }
        return store(key, delegate.grade(grading));
    }

    /** Hits are answered at once; the misses go to the delegate together, so that it can batch them. */
    @Override
    public List<CompletableFuture<Verdict>> gradeAll(List<? extends Grading> gradings) {
        JudgeFingerprint fingerprint = delegate.fingerprint();
        List<CompletableFuture<Verdict>> results = new ArrayList<>(gradings.size());
        List<Grading> missed = new ArrayList<>();
        List<VerdictCache.Key> missedKeys = new ArrayList<>();
        List<Integer> missedAt = new ArrayList<>();
        for (Grading grading : gradings) {
            VerdictCache.Key key = VerdictCache.Key.of(fingerprint, grading);
            Optional<Verdict> hit = lookup(key);
            if (hit.isPresent()) {
                results.add(CompletableFuture.completedFuture(hit.get().asCached()));
            } else {
                missedAt.add(results.size());
                results.add(null);
                missed.add(grading);
                missedKeys.add(key);
            }
        }
        if (!missed.isEmpty()) {
            List<CompletableFuture<Verdict>> answered = delegate.gradeAll(missed);
            for (int i = 0; i < missed.size(); i++) {
                results.set(missedAt.get(i), store(missedKeys.get(i), answered.get(i)));
            }
        }
        return results;
    }

    /** The cache's hit and miss counts, for reports. */
    public VerdictCache cache() {
        return cache;
    }

    public CacheMode mode() {
        return mode;
    }

    public Judge delegate() {
        return delegate;
    }

    @Override
    public void close() {
        delegate.close();
    }

    private Optional<Verdict> lookup(VerdictCache.Key key) {
        return mode.reads() ? cache.get(key) : Optional.empty();
    }

    private CompletableFuture<Verdict> store(VerdictCache.Key key, CompletableFuture<Verdict> answer) {
        if (!mode.writes()) {
            return answer;
        }
        return answer.thenApply(verdict -> {
            cache.put(key, verdict);
            return verdict;
        });
    }
}
