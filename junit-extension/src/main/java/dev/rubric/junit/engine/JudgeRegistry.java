package dev.rubric.junit.engine;

import dev.rubric.core.Judge;
import dev.rubric.judge.JudgeConfig;
import dev.rubric.judge.Judges;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The judges of one JVM, one per distinct {@link JudgeConfig}: the rubric engine's runs and the assertions of plain
 * Jupiter tests that are configured alike share one judge (for {@code rubric.judge=local}, one loaded model) instead
 * of building two. Each user holds a {@link Lease}; the judge is closed when the last lease is closed.
 */
final class JudgeRegistry {

    /** The registry of this JVM. */
    static final JudgeRegistry JVM = new JudgeRegistry(Judges::create);

    private final Function<JudgeConfig, Judge> factory;
    private final Map<JudgeConfig, Entry> entries = new HashMap<>();

    JudgeRegistry(Function<JudgeConfig, Judge> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /**
     * The judge for {@code config}: the one already open for an equal configuration, else a new one. Users of the
     * same configuration that come while it is being built wait for it instead of building another.
     *
     * @throws RuntimeException what building the judge threw ({@link dev.rubric.core.JudgeException} usually); a
     *                          later call tries again
     */
    Lease acquire(JudgeConfig config) {
        Entry entry = join(config);
        try {
            return new Lease(entry, entry.judge());
        } catch (RuntimeException | Error e) {
            release(entry);
            throw e;
        }
    }

    /**
     * Keeps the judge for {@code config} open, once some user has it built, until the hold is closed; builds nothing
     * itself. The tests of one launcher run hold their configuration for the whole run, so that an engine run that
     * ends before them leaves its judge (for a local judge, the loaded model) to them instead of closing it.
     */
    Hold hold(JudgeConfig config) {
        Entry entry = join(config);
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                release(entry);
            }
        };
    }

    /** A {@link #hold}; closing it (once; again does nothing) may close the judge. */
    interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    /** The entry of {@code config}, with one more user. */
    private Entry join(JudgeConfig config) {
        Objects.requireNonNull(config, "config");
        synchronized (entries) {
            Entry entry = entries.computeIfAbsent(config, Entry::new);
            entry.users++;
            return entry;
        }
    }

    /** How many judges are open: for tests and diagnostics. */
    int openJudges() {
        synchronized (entries) {
            return (int) entries.values().stream().filter(e -> e.builtJudge() != null).count();
        }
    }

    private void release(Entry entry) {
        Judge toClose = null;
        synchronized (entries) {
            if (--entry.users == 0) {
                entries.remove(entry.config);
                toClose = entry.builtJudge();
            }
        }
        if (toClose != null) {
            toClose.close();
        }
    }

    /**
     * One configuration's judge and how many leases hold it. Guarded: users by the map, building by the entry; the
     * built judge is read without the entry's lock, so a release never waits for another thread's (long) build.
     */
    private final class Entry {
        final JudgeConfig config;
        int users;
        private volatile Judge judge;

        Entry(JudgeConfig config) {
            this.config = config;
        }

        synchronized Judge judge() {
            if (judge == null) {
                judge = factory.apply(config);
            }
            return judge;
        }

        /** The judge, or null when it was not built (yet, or because building failed). */
        Judge builtJudge() {
            return judge;
        }
    }

    /** One user's hold on a shared judge; closing it (once; again does nothing) may close the judge. */
    final class Lease implements AutoCloseable {
        private final Entry entry;
        private final Judge judge;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Lease(Entry entry, Judge judge) {
            this.entry = entry;
            this.judge = judge;
        }

        Judge judge() {
            return judge;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release(entry);
            }
        }
    }
}
