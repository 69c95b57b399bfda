package dev.rubric.judge;

import dev.rubric.core.AbsoluteGrading;

import java.nio.file.Path;

/**
 * Run in a separate JVM by {@link VerdictCacheTest}: writes and reads the same keys as the other writers, many
 * times, and exits 3 if it ever reads back an entry it could not trust.
 */
public final class CacheWriterMain {

    private CacheWriterMain() {
    }

    public static void main(String[] args) {
        VerdictCache cache = VerdictCache.open(Path.of(args[0]));
        int rounds = Integer.parseInt(args[1]);
        int keys = Integer.parseInt(args[2]);
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < keys; k++) {
                AbsoluteGrading g = VerdictCacheTest.grading(k);
                VerdictCache.Key key = VerdictCache.Key.of(VerdictCacheTest.FINGERPRINT, g);
                cache.put(key, CountingJudge.verdictFor(g, VerdictCacheTest.FINGERPRINT));
                cache.get(key);
            }
        }
        System.out.println("corrupt=" + cache.corruptEntries() + " failures=" + cache.writeFailures());
        System.exit(cache.corruptEntries() == 0 && cache.writeFailures() == 0 ? 0 : 3);
    }

}
