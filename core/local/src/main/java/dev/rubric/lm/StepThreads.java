package dev.rubric.lm;

import ai.djl.pytorch.jni.JniUtils;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * How many libtorch intra-op threads a CPU decode step runs on: one, or libtorch's own count, whichever has been
 * faster for that many sequences on this machine lately. Prefill always runs on libtorch's own count.
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
 * <p>For a one-sequence step, "more threads" does not mean libtorch's own threads, which do not make its
 * matrix-vector products faster (measured: 24.3 GB/s on two against 24.4 on one): it means the step's weight products
 * split by rows over as many threads, each on one libtorch thread ({@link RowSplit}, at most {@value #MAX_SPLIT}).
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

    private final int configured;
    private final Map<Integer, Timings> bySize = new HashMap<>();
    /** The split of one-sequence steps over threads; null where there is nothing to choose. */
    private final RowSplit split;

    /** @param configured libtorch's own intra-op thread count (0 or 1: nothing to choose); no row split */
    StepThreads(int configured) {
        this(configured, null, false);
    }

    /** Whether every step uses the configured count, without measuring: for tests that compare the two paths. */
    private final boolean fixed;

    private StepThreads(int configured, RowSplit split, boolean fixed) {
        this.configured = configured;
        this.split = split;
        this.fixed = fixed;
    }

    /**
     * On the CPU, with libtorch's count as configured now, and one-sequence steps split over that many threads (at
     * most {@value #MAX_SPLIT}); on a GPU, a chooser that never changes anything.
     */
    static StepThreads forDevice(boolean gpu) {
        int configured = gpu ? 0 : JniUtils.getNumThreads();
        return new StepThreads(configured, configured > 1 ? new RowSplit(Math.min(configured, MAX_SPLIT)) : null,
                false);
    }

    /** A chooser whose every one-sequence step is split by {@code split}, its prefills as configured now: for tests. */
    static StepThreads splittingEveryStep(RowSplit split) {
        return new StepThreads(JniUtils.getNumThreads(), split, true);
    }

    /** Whether there is a choice to make. */
    boolean choosing() {
        return configured > 1;
    }

    /** The thread count for the next step of {@code sequences} sequences. */
    synchronized int forStep(int sequences) {
        if (fixed) {
            return split.parts();
        }
        if (!choosing()) {
            return configured;
        }
        return bySize.computeIfAbsent(sequences, n -> new Timings()).next(configured);
    }

    /** What a step of {@code sequences} sequences on {@code threads} threads took. */
    synchronized void took(int sequences, int threads, long nanos) {
        if (choosing() && !fixed) {
            bySize.computeIfAbsent(sequences, n -> new Timings()).record(threads == 1, nanos);
        }
    }

    /** libtorch's own count, for a prefill. */
    int forPrefill() {
        return configured;
    }

    /** How a step of {@code sequences} sequences on {@code threads} threads multiplies by the weights. */
    Transformer.Projection projection(int sequences, int threads) {
        return splits(sequences, threads) ? split : Transformer.WHOLE;
    }

    /** The libtorch count the decoding thread sets for that step: one when its products are split over threads. */
    int libtorchThreads(int sequences, int threads) {
        return splits(sequences, threads) ? 1 : threads;
    }

    private boolean splits(int sequences, int threads) {
        return split != null && sequences == 1 && threads > 1;
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
     * Recent step times of one batch size on one thread and on the configured count, each the median of that choice's
     * latest steps (up to {@value #RECENT_STEPS}): the choice in use adds each of its steps, a try of the other starts
     * its count over with {@value #TRY_STEPS} steps. A median, not an average: one step that waited for a thread the
     * scheduler had put aside takes two or three times as long, and must not decide.
     */
    private static final class Timings {
        private final Recent single = new Recent();
        private final Recent configured = new Recent();
        private int interval = FIRST_INTERVAL;
        private int untilTry = FIRST_INTERVAL;
        private int tryLeft;
        private boolean tryingSingle;
        /** Whether the try under way checks the choice in use (not one of the two first measurements). */
        private boolean checking;
        private boolean singleBefore;

        int next(int configuredThreads) {
            if (tryLeft == 0) {
                if (single.isEmpty()) {
                    startTry(true, false);
                } else if (configured.isEmpty()) {
                    startTry(false, false);
                } else if (--untilTry <= 0) {
                    singleBefore = singleFaster();
                    startTry(!singleBefore, true);
                }
            }
            return (tryLeft > 0 ? tryingSingle : singleFaster()) ? 1 : configuredThreads;
        }

        private boolean singleFaster() {
            return single.median() <= configured.median();
        }

        private void startTry(boolean onOne, boolean check) {
            tryLeft = TRY_STEPS;
            tryingSingle = onOne;
            checking = check;
            (onOne ? single : configured).clear();
        }

        void record(boolean onOne, long nanos) {
            (onOne ? single : configured).add(nanos);
            if (tryLeft > 0 && onOne == tryingSingle && --tryLeft == 0 && checking) {
                boolean changed = singleFaster() != singleBefore;
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
