package dev.rubric.judge.local;

import dev.rubric.core.JudgeException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToIntFunction;

/**
 * The batching front of a judge whose backend works best on many requests at once (the local model): callers on any
 * thread submit items; ONE worker thread takes them in batches and hands each batch to the backend, so the backend
 * (DJL, PyTorch) is only ever called from that thread.
 *
 * <p>Forming a batch: the worker waits until {@code batchSize} items are waiting, or until the oldest waiting item has
 * waited {@code fillWait}. If more are waiting than fit, it takes the oldest item and the others closest to it in
 * length (the window of the length-sorted items around the oldest with the smallest spread), so similar lengths run
 * together and nothing starves.
 *
 * <p>Futures are completed off the worker thread (on the common pool), so callbacks that block on another grading
 * cannot stall the backend. A failing batch fails only its own futures; the worker goes on with the next one.
 *
 * @param <I> what is queued (a tokenized grading)
 * @param <O> what the backend returns for each item (a verdict)
 */
final class JudgeQueue<I, O> implements AutoCloseable {

    /** Runs one batch on the backend. */
    @FunctionalInterface
    public interface BatchHandler<I, O> {

        /**
         * @return one result per item, in the order of {@code batch}
         * @throws Exception failing every item of this batch; a {@link JudgeException} is passed on as it is
         */
        List<O> handle(List<I> batch) throws Exception;
    }

    private record Waiting<I, O>(I item, int length, long arrivalNanos, CompletableFuture<O> future) {
    }

    private final String name;
    private final int batchSize;
    private final long fillWaitNanos;
    private final ToIntFunction<I> length;
    private final BatchHandler<I, O> handler;
    private final Executor completions = ForkJoinPool.commonPool();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** In arrival order. Guarded by {@link #lock}. */
    private final List<Waiting<I, O>> waiting = new ArrayList<>();
    private volatile boolean closed;
    private final Thread worker;
    private final AtomicLong itemsRun = new AtomicLong();
    private final AtomicLong batchesRun = new AtomicLong();

    /**
     * Starts the worker thread (a daemon named {@code name}).
     *
     * @param name      names the thread and appears in error messages, e.g. "rubric-local-judge"
     * @param batchSize the most items per batch
     * @param fillWait  how long the oldest waiting item may wait for a batch to fill up
     * @param length    an item's length (prompt tokens): items of similar length are batched together
     * @param handler   the backend, called from the worker thread only
     */
    public JudgeQueue(String name, int batchSize, Duration fillWait, ToIntFunction<I> length,
                      BatchHandler<I, O> handler) {
        this.name = Objects.requireNonNull(name, "name");
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size of " + name + " must be at least 1, got " + batchSize);
        }
        if (fillWait == null || fillWait.isNegative()) {
            throw new IllegalArgumentException("the fill wait of " + name + " must be zero or positive, got " + fillWait);
        }
        this.batchSize = batchSize;
        this.fillWaitNanos = fillWait.toNanos();
        this.length = Objects.requireNonNull(length, "length");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.worker = new Thread(this::work, name);
        worker.setDaemon(true);
        worker.start();
    }

    /** Queues an item; the future fails with {@link JudgeException.Reason#CLOSED} if the queue is or gets closed first. */
    public CompletableFuture<O> submit(I item) {
        int itemLength = length.applyAsInt(item);
        CompletableFuture<O> future = new CompletableFuture<>();
        lock.lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(closedBeforeTaken());
            }
            waiting.add(new Waiting<>(item, itemLength, System.nanoTime(), future));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        return future;
    }

    /** True once {@link #close()} began: a backend checks this between steps to give up a batch in flight. */
    public boolean isClosed() {
        return closed;
    }

    public int batchSize() {
        return batchSize;
    }

    /**
     * Stops taking work: waiting items fail at once with {@link JudgeException.Reason#CLOSED}, then this waits for
     * the batch in flight (which may give up early through {@link #isClosed()}). Idempotent.
     */
    @Override
    public void close() {
        List<Waiting<I, O>> dropped = new ArrayList<>();
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                dropped.addAll(waiting);
                waiting.clear();
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        for (Waiting<I, O> w : dropped) {
            w.future().completeExceptionally(closedBeforeTaken());
        }
        if (Thread.currentThread() != worker) {
            joinWorker();
        }
    }

    private void joinWorker() {
        boolean interrupted = false;
        while (worker.isAlive()) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private JudgeException closedBeforeTaken() {
        return new JudgeException(JudgeException.Reason.CLOSED, "the judge (" + name
                + ") was closed before this grading was judged: grade before closing the judge");
    }

    private void work() {
        while (true) {
            List<Waiting<I, O>> batch;
            try {
                batch = nextBatch();
            } catch (InterruptedException e) {
                return;
            }
            if (batch == null) {
                return;
            }
            run(batch);
        }
    }

    /** The next batch, or null once closed. */
    private List<Waiting<I, O>> nextBatch() throws InterruptedException {
        lock.lock();
        try {
            while (waiting.isEmpty() && !closed) {
                changed.await();
            }
            long deadline = closed ? 0 : waiting.get(0).arrivalNanos() + fillWaitNanos;
            while (!closed && waiting.size() < batchSize) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                changed.awaitNanos(left);
            }
            return closed ? null : takeSimilar();
        } finally {
            lock.unlock();
        }
    }

    /** Removes and returns the oldest waiting item with the batchSize-1 others closest to it in length. */
    private List<Waiting<I, O>> takeSimilar() {
        if (waiting.size() <= batchSize) {
            List<Waiting<I, O>> all = new ArrayList<>(waiting);
            waiting.clear();
            return all;
        }
        Waiting<I, O> oldest = waiting.get(0);
        List<Waiting<I, O>> sorted = new ArrayList<>(waiting);
        sorted.sort(Comparator.comparingInt((Waiting<I, O> w) -> w.length()).thenComparingLong(Waiting::arrivalNanos));
        int at = indexOf(sorted, oldest);
        int best = -1;
        int bestSpread = Integer.MAX_VALUE;
        for (int start = Math.max(0, at - batchSize + 1); start <= Math.min(at, sorted.size() - batchSize); start++) {
            int spread = sorted.get(start + batchSize - 1).length() - sorted.get(start).length();
            if (spread < bestSpread) {
                bestSpread = spread;
                best = start;
            }
        }
        List<Waiting<I, O>> batch = new ArrayList<>(sorted.subList(best, best + batchSize));
        for (Waiting<I, O> taken : batch) {
            waiting.remove(indexOf(waiting, taken));
        }
        return batch;
    }

    private static <T> int indexOf(List<T> list, T item) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == item) {
                return i;
            }
        }
        throw new IllegalStateException("item not in the list");
    }

    private void run(List<Waiting<I, O>> batch) {
        List<I> items = batch.stream().map(Waiting::item).toList();
        itemsRun.addAndGet(items.size());
        batchesRun.incrementAndGet();
        List<O> results;
        try {
            results = handler.handle(items);
            if (results == null || results.size() != items.size()) {
                throw new IllegalStateException("the backend returned " + (results == null ? "null" : results.size()
                        + " results") + " for a batch of " + items.size());
            }
        } catch (Throwable t) {
            JudgeException failure = t instanceof JudgeException je ? je
                    : new JudgeException(JudgeException.Reason.SERVER_ERROR, "the judge (" + name
                    + ") failed on a batch of " + items.size() + " gradings: " + t, t);
            for (Waiting<I, O> w : batch) {
                completions.execute(() -> w.future().completeExceptionally(failure));
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            CompletableFuture<O> future = batch.get(i).future();
            O result = results.get(i);
            completions.execute(() -> future.complete(result));
        }
    }

    /** The items handed to the backend so far. */
    long itemsRun() {
        return itemsRun.get();
    }

    /** In how many batches the items so far were handed to the backend. */
    long batchesRun() {
        return batchesRun.get();
    }

    @Override
    public String toString() {
        return name + " (batch size " + batchSize + ", fill wait " + TimeUnit.NANOSECONDS.toMillis(fillWaitNanos)
                + " ms)";
    }
}
