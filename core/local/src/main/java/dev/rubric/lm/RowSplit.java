package dev.rubric.lm;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The weight products of a one-sequence CPU decode step, spread over cores by rows: each weight matrix is cut into
 * row blocks (views, no copy), the model thread multiplies by the first block and helper threads by the others, each
 * on one libtorch thread, and the outputs are joined along the last axis.
 *
 * <p>Why: a one-sequence step is a chain of matrix-vector products that read every weight once, and libtorch's own
 * threads do not make them faster: on the 2-core benchmark machine a 3584 x 1024 float32 product read 24.4 GB/s on one
 * libtorch thread and 24.3 on two, while two threads each multiplying by half the rows read 40.8 (medians of {@code
 * RowSplitBenchmark}; whole decode steps of the mid-size model 1.34x as fast). Each output element is the same dot
 * product of one weight row with the input, so the joined output is bit for bit libtorch's own ({@code RowSplitTest}),
 * and verdicts do not depend on the split.
 *
 * <p>Owned by the model's decoding thread, like the rest of the model: {@link #apply} is called from that one thread;
 * a call from a second thread while one runs (two decoders on one model at once) gets libtorch's own product instead,
 * never a share of the helpers.
 * The helpers only read the weights and the step's input, and their outputs are attached to the input's scope, as
 * libtorch's own product would be. A helper that waits for work spins briefly (the next product of a step comes
 * within microseconds), then sleeps. Whether a step splits at all is {@link StepThreads}' choice, by measured speed:
 * on a machine whose cores are busy with other work, one thread wins and the helpers sleep.
 */
final class RowSplit implements Transformer.Projection, AutoCloseable {

    /**
     * Blocks start at multiples of this many rows, and no block is smaller. libtorch's matrix-vector kernel sums
     * rows in groups (of 4 on the benchmark machine's AVX2) and a group's left-over rows another way, so a block
     * that starts inside a group would give its first rows other low bits than the whole product. 64 is a multiple of
     * the group widths of the vector kernels we know of (4, 8, 16; only AVX2 is tested), and below it, handing a block
     * over costs more than it saves.
     */
    static final int MIN_ROWS_PER_PART = 64;
    /** How long a waiting thread spins before it sleeps: about the gap between two products of a step. */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final Helper[] helpers;
    private final int minRowsPerPart;
    /** Each weight's row blocks, made on first use; read and written only by the thread holding {@link #inUse}. */
    private final Map<NDArray, NDArray[]> blocks = new IdentityHashMap<>();
    /** Held by the thread whose product the helpers compute now. */
    private final ReentrantLock inUse = new ReentrantLock();

    /** A split over {@code parts} threads: the caller's and {@code parts - 1} helpers, started now. */
    RowSplit(int parts) {
        this(parts, MIN_ROWS_PER_PART);
    }

    /** As {@link #RowSplit(int)}, with blocks aligned to {@code minRowsPerPart} rows (tests split tiny models). */
    RowSplit(int parts, int minRowsPerPart) {
        if (parts < 2 || minRowsPerPart < 1) {
            throw new IllegalArgumentException("a row split needs at least 2 parts of at least 1 row, got " + parts
                    + " parts of " + minRowsPerPart);
        }
        this.minRowsPerPart = minRowsPerPart;
        Engine.getEngine("PyTorch"); // libtorch's natives, loaded before a helper sets its thread count
        helpers = new Helper[parts - 1];
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = new Helper("rubric-lm-rows-" + (i + 1));
        }
    }

    /** How many threads share a product (at most). */
    int parts() {
        return helpers.length + 1;
    }

    /**
     * {@code x W^T}, split by rows when {@code x} is one row (a one-sequence step's token): a product of several rows
     * is a matrix product, whose kernel libtorch picks by its shape, so split it would sum in another order.
     */
    @Override
    public NDArray apply(NDArray x, NDArray weight) {
        Shape shape = x.getShape();
        if (shape.size() != shape.get(shape.dimension() - 1)) {
            return Transformer.WHOLE.apply(x, weight);
        }
        if (!inUse.tryLock()) {
            return Transformer.WHOLE.apply(x, weight);
        }
        try {
            return split(x, weight);
        } finally {
            inUse.unlock();
        }
    }

    private NDArray split(NDArray x, NDArray weight) {
        NDArray[] rows = blocks.computeIfAbsent(weight, this::cut);
        if (rows.length == 1) {
            return Transformer.WHOLE.apply(x, weight);
        }
        for (int i = 1; i < rows.length; i++) {
            helpers[i - 1].submit(x, rows[i]);
        }
        NDArray[] outputs = new NDArray[rows.length];
        RuntimeException failure = null;
        try {
            outputs[0] = Transformer.WHOLE.apply(x, rows[0]);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (int i = 1; i < rows.length; i++) { // every helper is awaited: none may still read x when it is freed
            try {
                outputs[i] = helpers[i - 1].await();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        try {
            if (failure != null) {
                throw failure;
            }
            return NDArrays.concat(new NDList(outputs), x.getShape().dimension() - 1);
        } finally {
            for (NDArray output : outputs) {
                if (output != null) {
                    output.close();
                }
            }
        }
    }

    /** {@code weight}'s row blocks: views of it (no copy), aligned to {@code minRowsPerPart}, kept with the weight. */
    private NDArray[] cut(NDArray weight) {
        long rows = weight.getShape().get(0);
        int parts = (int) Math.min(parts(), rows / minRowsPerPart);
        if (parts < 2) {
            return new NDArray[] {weight};
        }
        NDArray[] views = new NDArray[parts];
        long from = 0;
        for (int i = 0; i < parts; i++) {
            long to = i == parts - 1 ? rows : rows * (i + 1) / parts / minRowsPerPart * minRowsPerPart;
            views[i] = weight.get(new NDIndex("{}:{}", from, to));
            views[i].attach(weight.getManager());
            from = to;
        }
        return views;
    }

    /** Stops the helpers; the blocks are views, freed with their weights. */
    @Override
    public void close() {
        for (Helper helper : helpers) {
            helper.stop();
        }
    }

    /** One helper thread: takes one product at a time from the decoding thread and hands its output back. */
    private static final class Helper implements Runnable {
        private static final int IDLE = 0;
        private static final int SUBMITTED = 1;
        private static final int DONE = 2;

        private final Thread thread;
        private final AtomicInteger state = new AtomicInteger(IDLE);
        private volatile NDArray input;
        private volatile NDArray block;
        private volatile NDArray output;
        private volatile RuntimeException failure;
        private volatile Thread waiter;
        private volatile boolean stopped;

        Helper(String name) {
            thread = new Thread(this, name);
            thread.setDaemon(true); // a model never closed must not keep the JVM alive
            thread.start();
        }

        void submit(NDArray x, NDArray rows) {
            input = x;
            block = rows;
            state.set(SUBMITTED);
            LockSupport.unpark(thread);
        }

        NDArray await() {
            waiter = Thread.currentThread();
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (state.get() != DONE) {
                if (stopped || !thread.isAlive()) {
                    throw new IllegalStateException(thread.getName() + " has stopped" + (stopped
                            ? ": the model is closed" : " unexpectedly") + "; this product was not computed");
                }
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(10));
                }
            }
            NDArray result = output;
            RuntimeException error = failure;
            output = null;
            failure = null;
            input = null;
            block = null;
            state.set(IDLE);
            if (error != null) {
                throw error;
            }
            return result;
        }

        @Override
        public void run() {
            RuntimeException setUp = null;
            try {
                JniUtils.setNumThreads(1); // libtorch's count is per thread: this one's products run on itself alone
            } catch (RuntimeException | LinkageError e) {
                setUp = new IllegalStateException(thread.getName() + " could not set its libtorch threads: " + e, e);
            }
            while (true) {
                long spinUntil = System.nanoTime() + SPIN_NANOS;
                while (state.get() != SUBMITTED) {
                    if (stopped) {
                        return;
                    }
                    if (System.nanoTime() < spinUntil) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                }
                try {
                    if (setUp != null) {
                        throw setUp;
                    }
                    output = Transformer.WHOLE.apply(input, block);
                } catch (RuntimeException e) {
                    failure = e;
                } catch (Error e) {
                    failure = new IllegalStateException(thread.getName() + " failed: " + e, e);
                }
                state.set(DONE);
                Thread w = waiter;
                if (w != null) {
                    LockSupport.unpark(w);
                }
            }
        }

        void stop() {
            stopped = true;
            LockSupport.unpark(thread);
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5)); // a product in flight ends within a step's time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
