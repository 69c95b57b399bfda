package dev.rubric.junit.engine;

import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.Grading;
import dev.rubric.core.Judge;
import dev.rubric.core.JudgeException;
import dev.rubric.core.Verdict;
import dev.rubric.junit.JudgeAbortedException;
import dev.rubric.results.AssertionRecord;
import dev.rubric.results.VerdictRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Where an assertion's gradings go: inside the rubric engine, the run's judge and the current test's record (bound
 * to the thread running the test); in a plain Jupiter test, the JVM-wide judge from system properties and no record.
 * Assertions call {@link #current()}; the engine binds a scope with {@link #bind}.
 */
public final class GradingScope {

    private static final ThreadLocal<GradingScope> CURRENT = new ThreadLocal<>();

    private final SharedJudge judge;
    private final TestRecord record;
    private final ProgressReporter progress;
    /** The clock of the timeout the test runs under, if any: it stops while the test waits for the judge. */
    private volatile TimeoutClock timeoutClock;

    GradingScope(SharedJudge judge, TestRecord record, ProgressReporter progress) {
        this.judge = Objects.requireNonNull(judge, "judge");
        this.record = record;
        this.progress = progress;
    }

    /** The scope bound to this thread, or the JVM-wide standalone one. */
    public static GradingScope current() {
        GradingScope s = CURRENT.get();
        return s != null ? s : StandaloneJudge.scope();
    }

    /** Binds this scope to the current thread until the returned handle is closed. */
    public Binding bind() {
        GradingScope previous = CURRENT.get();
        CURRENT.set(this);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** Undoes {@link #bind()}. */
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }

    /** From now on, time spent waiting for the judge does not count against {@code clock}'s timeout (null: none). */
    void timeoutClock(TimeoutClock clock) {
        this.timeoutClock = clock;
    }

    /**
     * Grades all requests together (so a batching judge takes them in one batch) and waits for every verdict.
     *
     * <p>The time spent waiting here does not count against the test's {@code @Timeout}: the judge has timeouts of its
     * own, and a batching judge under load must not fail tests that are themselves quick.
     *
     * @throws JudgeAbortedException when the judge cannot give a verdict: the test is aborted, never passed or failed
     */
    public List<Verdict> gradeAll(List<? extends Grading> gradings) {
        try (TimeoutClock.Pause ignored = TimeoutClock.pause(timeoutClock)) {
            return gradeAllUntimed(gradings);
        }
    }

    private List<Verdict> gradeAllUntimed(List<? extends Grading> gradings) {
        Judge j;
        try {
            j = judge.get();
        } catch (JudgeException e) {
            throw aborted(e);
        }
        if (progress != null) {
            progress.submitted(gradings.size());
        }
        List<CompletableFuture<Verdict>> futures;
        try {
            futures = j.gradeAll(gradings);
        } catch (RuntimeException e) {
            if (progress != null) {
                progress.completed(gradings.size());
            }
            throw aborted(JudgeException.find(e).orElseGet(() -> new JudgeException(JudgeException.Reason.SERVER_ERROR,
                    "the judge refused the gradings: " + e, e)));
        }
        List<Verdict> verdicts = new ArrayList<>(gradings.size());
        JudgeException failure = null;
        for (int i = 0; i < futures.size(); i++) {
            try {
                Verdict v = futures.get(i).get();
                if (v == null || (gradings.get(i) instanceof AbsoluteGrading) != (v instanceof AbsoluteVerdict)) {
                    throw new ExecutionException(new JudgeException(JudgeException.Reason.UNPARSEABLE_OUTPUT,
                            "the judge answered a " + gradings.get(i).mode() + " grading with "
                                    + (v == null ? "nothing" : v.getClass().getSimpleName())
                                    + ": the judge implementation is broken"));
                }
                verdicts.add(v);
                if (record != null) {
                    record.add(VerdictRecord.of(gradings.get(i), v));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JudgeAbortedException(new JudgeException(JudgeException.Reason.CLOSED,
                        "interrupted while waiting for the judge: the test run was cancelled"));
            } catch (ExecutionException | CompletionException e) {
                JudgeException je = JudgeException.find(e).orElseGet(() -> new JudgeException(
                        JudgeException.Reason.SERVER_ERROR, "the judge failed: " + e.getCause(), e.getCause()));
                failure = failure == null ? je : failure;
            } finally {
                if (progress != null) {
                    progress.completed(1);
                }
            }
        }
        if (failure != null) {
            throw aborted(failure);
        }
        return verdicts;
    }

    /** Notes an assertion in the current test's record (nothing outside the engine). */
    public void record(AssertionRecord assertion) {
        if (record != null) {
            record.add(assertion);
        }
    }

    private static JudgeAbortedException aborted(JudgeException e) {
        return new JudgeAbortedException(e);
    }
}
