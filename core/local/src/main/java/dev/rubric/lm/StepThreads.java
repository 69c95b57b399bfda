package dev.rubric.lm;

import ai.djl.pytorch.jni.JniUtils;

import java.util.HashMap;
import java.util.Map;

/**
 * How many libtorch intra-op threads a CPU decode step runs on: one, or libtorch's own count, whichever has been
 * faster for that many sequences on this machine lately. Prefill always runs on libtorch's own count.
 *
 * <p>Why: a decode step of a few sequences is a chain of short, memory-bound operations, and libtorch's OpenMP
 * threads meet at a barrier after each one. When other processes keep the cores busy, a thread waits (spinning) for a
 * partner the scheduler has put aside, at every barrier: measured on a shared 2-core machine, a batch-1 step of the
 * 174M-parameter benchmark model took 6.5 times longer on two threads than on one. On a quiet machine with cores to
 * spare, more threads read the weights faster. No fixed choice is right for both, so each batch size keeps the
 * recent step time of either choice and uses the faster, trying the other again now and then: the choice in use keeps
 * an exponential average of its steps, the other the time of its latest try (older ones say little about a machine
 * whose load has changed since). A try that confirms the choice doubles the steps until the next one (from
 * {@value #FIRST_INTERVAL} up to {@value #LONGEST_INTERVAL}), since on a busy machine a try on the slow choice can
 * cost several steps' time; a try that changes the choice starts over at {@value #FIRST_INTERVAL}. With one intra-op thread configured ({@code OMP_NUM_THREADS=1}) there is nothing to
 * choose. On a GPU the kernels do not use these threads, and nothing is changed.
 *
 * <p>libtorch reads the count per calling thread ({@code omp_set_num_threads}), so the choice holds for the thread
 * that drives the decoder, which sets it before each step and puts libtorch's own count back before each prefill.
 */
final class StepThreads {

    /** Steps of a batch size between tries of the choice not in use, at first and at most. */
    static final int FIRST_INTERVAL = 16;
    static final int LONGEST_INTERVAL = 256;
    private static final double WEIGHT_OF_NEW = 0.3;

    private final int configured;
    private final Map<Integer, Timings> bySize = new HashMap<>();

    /** @param configured libtorch's own intra-op thread count (0 or 1: nothing to choose) */
    StepThreads(int configured) {
        this.configured = configured;
    }

    /** On the CPU, with libtorch's count as configured now; on a GPU, a chooser that never changes anything. */
    static StepThreads forDevice(boolean gpu) {
        return new StepThreads(gpu ? 0 : JniUtils.getNumThreads());
    }

    /** Whether there is a choice to make. */
    boolean choosing() {
        return configured > 1;
    }

    /** The thread count for the next step of {@code sequences} sequences. */
    synchronized int forStep(int sequences) {
        if (!choosing()) {
            return configured;
        }
        return bySize.computeIfAbsent(sequences, n -> new Timings()).next(configured);
    }

    /** What a step of {@code sequences} sequences on {@code threads} threads took. */
    synchronized void took(int sequences, int threads, long nanos) {
        if (choosing()) {
            bySize.computeIfAbsent(sequences, n -> new Timings()).record(threads == 1, nanos);
        }
    }

    /** libtorch's own count, for a prefill. */
    int forPrefill() {
        return configured;
    }

    /** Sets the calling thread's intra-op count when it differs from {@code threads}. */
    static void use(int threads) {
        if (threads > 0 && JniUtils.getNumThreads() != threads) {
            JniUtils.setNumThreads(threads);
        }
    }

    /** Recent step times of one batch size on one thread and on the configured count. */
    private static final class Timings {
        private double single = -1;
        private double configured = -1;
        private int interval = FIRST_INTERVAL;
        private int untilTry = FIRST_INTERVAL;
        private boolean exploring;
        private boolean singleBefore;

        int next(int configuredThreads) {
            if (single < 0 || configured < 0) {
                exploring = true;
                return single < 0 ? 1 : configuredThreads;
            }
            boolean singleFaster = single <= configured;
            exploring = --untilTry == 0;
            if (exploring) {
                singleBefore = singleFaster;
            }
            return singleFaster != exploring ? 1 : configuredThreads;
        }

        void record(boolean onOne, long nanos) {
            if (onOne) {
                single = exploring ? nanos : single + WEIGHT_OF_NEW * (nanos - single);
            } else {
                configured = exploring ? nanos : configured + WEIGHT_OF_NEW * (nanos - configured);
            }
            if (exploring && untilTry == 0) {
                boolean changed = (single <= configured) != singleBefore;
                interval = changed ? FIRST_INTERVAL : Math.min(LONGEST_INTERVAL, 2 * interval);
                untilTry = interval;
            }
        }
    }
}
