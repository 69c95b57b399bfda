package dev.rubric.junit;

import dev.rubric.junit.engine.GradingScope;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The test that rubric checks on this thread are recorded against, captured to carry it to another thread. Rubric
 * records a check against the test whose thread makes it; a check on a thread that runs no test (an executor, a
 * {@code CompletableFuture} stage, a parallel stream) fails while tests run, unless it carries its test:
 * <pre>{@code
 * RubricContext test = RubricContext.current();             // in the test method
 * CompletableFuture<Void> check = CompletableFuture.runAsync(test.wrap(() ->
 *         assertThat(Response.of(q, bot.answer(q))).scoresAtLeast(4)));
 * check.join();                                             // wait: checks after the test ended are refused
 * }</pre>
 * The checks are graded by the test's judge and recorded in its results entry. Wait in the test for the work it
 * hands out: a check made after its test ended fails.
 */
public final class RubricContext {

    private final GradingScope scope;

    private RubricContext(GradingScope scope) {
        this.scope = scope;
    }

    /**
     * The test this thread runs (outside a test run: the JVM-wide judge of plain assertions).
     *
     * @throws IllegalStateException on a thread that runs no test while tests run
     */
    public static RubricContext current() {
        return new RubricContext(GradingScope.current());
    }

    /** Makes the captured test this thread's until the handle is closed (on this thread). */
    public Bound bind() {
        GradingScope.Binding binding = scope.bind();
        return binding::close;
    }

    /** The task, run with the captured test bound to whichever thread runs it (executors, {@code runAsync}). */
    public Runnable wrap(Runnable task) {
        Objects.requireNonNull(task, "task");
        return () -> {
            try (Bound ignored = bind()) {
                task.run();
            }
        };
    }

    /**
     * The task, run with the captured test bound to whichever thread runs it (for
     * {@code CompletableFuture.supplyAsync}). Not an overload of {@link #wrap(Runnable)}: a check such as
     * {@code () -> assertThat(r).scoresAtLeast(4)} returns its assertion, and would be taken for a Supplier.
     */
    public <T> Supplier<T> wrapSupplier(Supplier<T> task) {
        Objects.requireNonNull(task, "task");
        return () -> {
            try (Bound ignored = bind()) {
                return task.get();
            }
        };
    }

    /** The task, run with the captured test bound to whichever thread runs it (for {@code ExecutorService.submit}). */
    public <T> Callable<T> wrapCallable(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        return () -> {
            try (Bound ignored = bind()) {
                return task.call();
            }
        };
    }

    /** Undoes {@link #bind()}; closing again does nothing. */
    public interface Bound extends AutoCloseable {
        @Override
        void close();
    }
}
