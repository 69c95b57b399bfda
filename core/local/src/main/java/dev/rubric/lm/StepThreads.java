package dev.rubric.lm;

import ai.djl.pytorch.jni.JniUtils;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * How a CPU decode step runs: on one libtorch intra-op thread, on libtorch's own count, or (one sequence) split over
 * threads, whichever has been fastest for that many sequences on this machine lately. Prefill always runs on
 * libtorch's own count.
 *
 * <p>Why: a decode step of a few sequences is a chain of short, memory-bound operations, and libtorch's OpenMP threads
 * meet at a barrier after each one. When other processes keep the cores busy, a thread waits (spinning) for a partner
 * the scheduler has put aside, at every barrier: measured on a shared 2-core machine, a batch-1 step of the
 * 174M-parameter benchmark model took 6.5 times longer on two threads than on one. On a quiet machine with cores to
 * spare, more threads read the weights faster. No fixed choice is right for both, so each batch size keeps the recent
 * step time of either choice and uses the faster, trying the other again now and then: the choice in use keeps the
 * median of its latest {@value #RECENT_STEPS} steps, the other the median of its latest try of {@value #TRY_STEPS}
 * steps (older ones say little about a machine whose load has changed since). A try that confirms the choice doubles
 * the steps until the next one (from {@value #FIRST_INTERVAL} up to {@value #LONGEST_INTERVAL}), since on a busy
 * machine a try on the slow choice can cost several steps' time; a try that changes the choice starts over at
 * {@value #FIRST_INTERVAL}. With one intra-op thread configured ({@code OMP_NUM_THREADS=1}) there is nothing to
 * choose. On a GPU the kernels do not use these threads, and nothing is changed.
 *
 * <p>libtorch reads the count per calling thread ({@code omp_set_num_threads}), so the choice holds for the thread
 * that drives the decoder, which sets it before each step and puts libtorch's own count back before each prefill.
 *
 * <p>For a one-sequence step the other way is not libtorch's own threads but its weight products split by rows over
 * as many threads, each on one libtorch thread ({@link RowSplit}, at most {@value #MAX_SPLIT}): the same parallel
 * matrix-vector product libtorch's threads would compute, without their barrier. On the 2-core benchmark machine
 * libtorch's own threads did not make those products faster (24.3 GB/s on two against 24.4 on one) and the split did
 * (40.8). libtorch's threads as a third way for one sequence were tried: two runs of the decoder benchmark gave
 * 0.92-0.97x Jlama's decode, against 1.07-1.25x without (within this machine's noise), and each try of them can cost
 * several steps' time where other processes keep the cores busy; so they are not a way for one sequence.
 */
final class StepThreads implements AutoCloseable {

    /** The most threads a one-sequence step's products are split over: beyond it, the memory bus is the limit. */
    static final int MAX_SPLIT = 8;

    /** Steps of a batch size between tries of the choice not in use, at first and at most. */
    static final int FIRST_INTERVAL = 16;
    static final int LONGEST_INTERVAL = 256;
    /** Steps of one try of a choice; the try's time is their median. */
    static final int TRY_STEPS = 3;
    /** Steps of the choice in use whose median is its time. */
    static final int RECENT_STEPS = 5;

    /** How a decode step runs. */
    enum Way {
        /** On one libtorch thread. */
        ONE,
        /** On libtorch's own thread count. */
        OWN,
        /** A one-sequence step's weight products split by rows over threads of one libtorch thread each. */
        SPLIT
    }

    private static final Way[] ONE_OR_OWN = {Way.ONE, Way.OWN};
    private static final Way[] ONE_OR_SPLIT = {Way.ONE, Way.SPLIT};

    private final int configured;
    private final Map<Integer, Timings> bySize = new HashMap<>();
    /** The split of one-sequence steps over threads; null where there is nothing to choose. */
    private final RowSplit split;
    /** Whether every one-sequence step is split, without measuring: for tests that compare the two paths. */
    private final boolean fixed;

    /** @param configured libtorch's own intra-op thread count (0 or 1: nothing to choose); no row split */
    StepThreads(int configured) {
        this(configured, null, false);
    }

    private StepThreads(int configured, RowSplit split, boolean fixed) {
        this.configured = configured;
        this.split = split;
        this.fixed = fixed;
    }

    /**
     * On the CPU, with libtorch's count as configured now, and one-sequence steps that may also be split over that
     * many threads (at most {@value #MAX_SPLIT}); on a GPU, a chooser that never changes anything.
     */
    static StepThreads forDevice(boolean gpu) {
        int configured = gpu ? 0 : JniUtils.getNumThreads();
        // libtorch sizes its count from the host's cores; the JVM's count honours a container's CPU quota, and helper
        // threads beyond it would only wait for a core
        int parts = Math.min(Math.min(configured, MAX_SPLIT), Runtime.getRuntime().availableProcessors());
        return withSplit(configured, parts > 1 ? new RowSplit(parts) : null);
    }

    /** A chooser on {@code configured} threads whose one-sequence steps may also be split by {@code split}. */
    static StepThreads withSplit(int configured, RowSplit split) {
        return new StepThreads(configured, split, false);
    }

    /** A chooser whose every one-sequence step is split by {@code split}, its prefills as configured now: for tests. */
    static StepThreads splittingEveryStep(RowSplit split) {
        return new StepThreads(JniUtils.getNumThreads(), split, true);
    }

    /** Whether there is a choice to make. */
    boolean choosing() {
        return configured > 1;
    }

    /** How the next step of {@code sequences} sequences runs. */
    synchronized Way forStep(int sequences) {
        if (fixed && sequences == 1) {
            return Way.SPLIT;
        }
        if (fixed || !choosing()) {
            return Way.OWN;
        }
        return bySize.computeIfAbsent(sequences, n -> new Timings(n == 1 && split != null ? ONE_OR_SPLIT : ONE_OR_OWN))
                .next();
    }

    /** What a step of {@code sequences} sequences run {@code way} took. */
    synchronized void took(int sequences, Way way, long nanos) {
        Timings timings = bySize.get(sequences);
        if (timings != null) {
            timings.record(way, nanos);
        }
    }

    /** libtorch's own count, for a prefill. */
    int forPrefill() {
        return configured;
    }

    /** How a step run {@code way} multiplies by the weights. */
    Transformer.Projection projection(Way way) {
        return way == Way.SPLIT ? split : Transformer.WHOLE;
    }

    /** The libtorch count the decoding thread sets for a step run {@code way}: one, except on libtorch's own. */
    int libtorchThreads(Way way) {
        return way == Way.OWN ? configured : 1;
    }

    /** Stops the split's helper threads. */
    @Override
    public void close() {
        if (split != null) {
            split.close();
        }
    }

    /** Sets the calling thread's intra-op count when it differs from {@code threads}. */
    static void use(int threads) {
        if (threads > 0 && JniUtils.getNumThreads() != threads) {
            JniUtils.setNumThreads(threads);
        }
    }

    /**
     * Recent step times of one batch size, per way it can run, each the median of that way's latest steps (up to
     * {@value #RECENT_STEPS}): the way in use adds each of its steps, a try of another starts its count over with
     * {@value #TRY_STEPS} steps. Tries go round the ways not in use. A median, not an average: one step that waited
     * for a thread the scheduler had put aside takes two or three times as long, and must not decide.
     */
    private static final class Timings {
        private final Way[] ways;
        private final Recent[] recent;
        private int interval = FIRST_INTERVAL;
        private int untilTry = FIRST_INTERVAL;
        private int tryLeft;
        private int trying;
        /** Whether the try under way checks the way in use (not a first measurement). */
        private boolean checking;
        private int bestBefore;
        private int lastTried;

        Timings(Way[] ways) {
            this.ways = ways;
            this.recent = new Recent[ways.length];
            for (int i = 0; i < ways.length; i++) {
                recent[i] = new Recent();
            }
        }

        Way next() {
            if (tryLeft == 0) {
                int unmeasured = unmeasured();
                if (unmeasured >= 0) {
                    startTry(unmeasured, false);
                } else if (--untilTry <= 0) {
                    bestBefore = best();
                    startTry(nextOther(bestBefore), true);
                }
            }
            return ways[tryLeft > 0 ? trying : best()];
        }

        private int unmeasured() {
            for (int i = 0; i < ways.length; i++) {
                if (recent[i].isEmpty()) {
                    return i;
                }
            }
            return -1;
        }

        /** The way with the shortest median; the first of equal ones. */
        private int best() {
            int best = 0;
            for (int i = 1; i < ways.length; i++) {
                if (recent[i].median() < recent[best].median()) {
                    best = i;
                }
            }
            return best;
        }

        /** The next way after the last one tried that is not {@code best}: tries go round the others. */
        private int nextOther(int best) {
            int i = lastTried;
            do {
                i = (i + 1) % ways.length;
            } while (i == best);
            return i;
        }

        private void startTry(int way, boolean check) {
            tryLeft = TRY_STEPS;
            trying = way;
            lastTried = way;
            checking = check;
            recent[way].clear();
        }

        void record(Way way, long nanos) {
            int i = Arrays.asList(ways).indexOf(way);
            if (i < 0) {
                return;
            }
            recent[i].add(nanos);
            if (tryLeft > 0 && i == trying && --tryLeft == 0 && checking) {
                boolean changed = best() != bestBefore;
                interval = changed ? FIRST_INTERVAL : Math.min(LONGEST_INTERVAL, 2 * interval);
                untilTry = interval;
            }
        }
    }

    /** The latest step times of one choice, up to {@value #RECENT_STEPS}. */
    private static final class Recent {
        private final long[] times = new long[RECENT_STEPS];
        private int count;
        private int next;

        void add(long nanos) {
            times[next] = nanos;
            next = (next + 1) % RECENT_STEPS;
            count = Math.min(count + 1, RECENT_STEPS);
        }

        void clear() {
            count = 0;
            next = 0;
        }

        boolean isEmpty() {
            return count == 0;
        }

        long median() {
            long[] sorted = Arrays.copyOf(times, count);
            Arrays.sort(sorted);
            return sorted[count / 2];
        }
    }
}
