package dev.rubric.judge.local;

import dev.rubric.core.JudgeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** The failure a grading ended in, for the judge tests: one way to wait for it, bounded, and to say what went wrong. */
public final class GradingFailures {

    /** How long a grading of a tiny or fake model may take to fail. */
    public static final Duration BOUND = Duration.ofSeconds(20);

    private GradingFailures() {
    }

    /** The JudgeException {@code grading} failed with, within {@link #BOUND}; an AssertionError otherwise. */
    public static JudgeException of(CompletableFuture<?> grading) {
        return of(grading, BOUND);
    }

    /** The JudgeException {@code grading} failed with, within {@code bound}; an AssertionError otherwise. */
    public static JudgeException of(CompletableFuture<?> grading, Duration bound) {
        try {
            grading.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return JudgeException.find(e).orElseThrow(() -> new AssertionError("not a JudgeException", e));
        } catch (Exception e) {
            throw new AssertionError("the grading neither failed nor finished in " + bound, e);
        }
        throw new AssertionError("the grading did not fail");
    }
}
