package dev.rubric.lm.reference;

import java.nio.ByteBuffer;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The memory bandwidth this machine gives a Java process, best of five on 256 MiB (far beyond the caches): a copy of
 * one direct buffer into another (bytes read plus bytes written, one thread), and a read of a {@code long[]} summed by
 * every core at once (bytes read) - the one that bounds a decode step, which reads every weight once.
 */
record MemoryBandwidth(double copyBytesPerSecond, double readBytesPerSecond, int readThreads) {

    private static final int BYTES = 256 << 20;

    static MemoryBandwidth measure() throws InterruptedException, ExecutionException {
        int threads = Runtime.getRuntime().availableProcessors();
        return new MemoryBandwidth(copy(), read(threads), threads);
    }

    private static double copy() {
        ByteBuffer a = ByteBuffer.allocateDirect(BYTES);
        ByteBuffer b = ByteBuffer.allocateDirect(BYTES);
        double best = 0;
        for (int i = 0; i < 5; i++) {
            a.clear();
            b.clear();
            long start = System.nanoTime();
            b.put(a);
            best = Math.max(best, 2.0 * BYTES / ((System.nanoTime() - start) / 1e9));
        }
        return best;
    }

    private static double read(int threads) throws InterruptedException, ExecutionException {
        long[] data = new long[BYTES / Long.BYTES];
        for (int i = 0; i < data.length; i++) {
            data[i] = i;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            double best = 0;
            long check = 0;
            for (int round = 0; round < 5; round++) {
                List<Future<Long>> parts = new ArrayList<>();
                int chunk = data.length / threads;
                long start = System.nanoTime();
                for (int t = 0; t < threads; t++) {
                    int from = t * chunk;
                    int to = t == threads - 1 ? data.length : from + chunk;
                    parts.add(pool.submit(() -> sum(data, from, to)));
                }
                for (Future<Long> part : parts) {
                    check += part.get();
                }
                best = Math.max(best, (double) BYTES / ((System.nanoTime() - start) / 1e9));
            }
            if (check == 42) {
                System.out.println(); // keeps the sums alive
            }
            return best;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A SIMD sum (the Vector API), so that the loop waits on memory, not on one add per element. */
    private static long sum(long[] data, int from, int to) {
        VectorSpecies<Long> species = LongVector.SPECIES_PREFERRED;
        LongVector a = LongVector.zero(species);
        LongVector b = LongVector.zero(species);
        int step = species.length();
        int i = from;
        for (; i + 2 * step <= to; i += 2 * step) {
            a = a.add(LongVector.fromArray(species, data, i));
            b = b.add(LongVector.fromArray(species, data, i + step));
        }
        long s = a.add(b).reduceLanes(VectorOperators.ADD);
        for (; i < to; i++) {
            s += data[i];
        }
        return s;
    }
}
