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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where an assertion's gradings go: the judge of the run and the record of the test whose thread makes the check.
 * Internal to Rubric (public for its assertions and its launcher listener); users carry a test with
 * {@link dev.rubric.junit.RubricContext}.
 * A test's scope is bound to the thread running it (by the rubric engine for a {@code @RubricTest}, by the launcher
 * listener for a Jupiter test); assertions find it with {@link #current()}.
 *
 * <p>While any test runs in this JVM, a check on a thread without a scope (a thread the test started, a parallel
 * stream, {@code @BeforeAll}) fails at once and says how to carry the test's scope there: it would otherwise count
 * for no test, and be graded by a judge configured elsewhere. Only when no test runs at all (a main method, a
 * launcher without Rubric's listener) do checks use the JVM-wide {@link StandaloneJudge}.
 */
public final class GradingScope {

    private static final ThreadLocal<GradingScope> CURRENT = new ThreadLocal<>();

    /** Test scopes bound by their tests, plus launcher runs in progress: above zero while tests run in this JVM. */
    private static final AtomicInteger RUNNING = new AtomicInteger();

    /**
     * The prefix of the system properties that mark a launcher run in progress, one per run, named after the class
     * loader of the Rubric classes that record it. System properties are the one place that every copy of these
     * classes sees: a framework that loads test classes (and Rubric with them) in a class loader of its own, such as
     * Quarkus, runs checks in a second copy, whose thread-local scopes and counters are empty.
     */
    static final String RUN_MARKER = "dev.rubric.internal.tests-running.";
    private static final AtomicInteger MARKERS = new AtomicInteger();

    private final SharedJudge judge;
    private final TestRecord record;
    private final ProgressReporter progress;
    private final String test;
    private final AtomicBoolean owned = new AtomicBoolean();
    private volatile boolean ended;
    /** The clock of the timeout the test runs under, if any: it stops while the test waits for the judge. */
    private volatile TimeoutClock timeoutClock;

    /**
     * A test's scope (with its record) or, without a record, one that grades without recording. The first
     * {@link #bind()} of a test's scope is its test's own: when that binding closes, the test has ended.
     */
    GradingScope(SharedJudge judge, TestRecord record, ProgressReporter progress) {
        this(judge, record, progress, null);
    }

    private GradingScope(SharedJudge judge, TestRecord record, ProgressReporter progress, String test) {
        this.judge = Objects.requireNonNull(judge, "judge");
        this.record = record;
        this.progress = progress;
        this.test = test;
    }

    /** The scope of one test of another engine (Jupiter), named in messages by {@code test}. */
    public static GradingScope ofTest(SharedJudge judge, TestRecord record, ProgressReporter progress, String test) {
        return new GradingScope(judge, Objects.requireNonNull(record, "record"), progress,
                Objects.requireNonNull(test, "test"));
    }

    /**
     * The scope bound to this thread; when there is none, the JVM-wide standalone one, unless tests are running.
     *
     * @throws IllegalStateException on a thread that runs no test while tests run: the message says what to do
     */
    public static GradingScope current() {
        GradingScope s = CURRENT.get();
        if (s != null) {
            return s;
        }
        if (RUNNING.get() > 0) {
            throw new IllegalStateException(outsideTests());
        }
        String otherCopy = runRecordedByAnotherCopy();
        if (otherCopy != null) {
            throw new IllegalStateException(reloaded(otherCopy));
        }
        return StandaloneJudge.scope();
    }

    /**
     * Binds this scope to the current thread until the returned handle is closed (on this thread). The first binding
     * of a test's scope belongs to the test: closing it ends the scope, and a binding made later (a thread that the
     * test handed its scope to) can no longer grade.
     */
    public Binding bind() {
        boolean owner = record != null && owned.compareAndSet(false, true);
        GradingScope previous = CURRENT.get();
        Thread thread = Thread.currentThread();
        CURRENT.set(this);
        if (owner) {
            RUNNING.incrementAndGet();
        }
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            if (Thread.currentThread() == thread) { // another thread's binding cannot be undone from here
                if (previous == null) {
                    CURRENT.remove();
                } else {
                    CURRENT.set(previous);
                }
            }
            if (owner) {
                ended = true;
                RUNNING.decrementAndGet();
            }
        };
    }

    /**
     * Marks a launcher run in progress until the handle is closed: checks on threads without a scope then fail
     * instead of using the standalone judge, also between tests (in {@code @BeforeAll}, say).
     */
    public static Binding testsRunning() {
        RUNNING.incrementAndGet();
        String marker = RUN_MARKER + loaderId() + "." + MARKERS.incrementAndGet();
        System.setProperty(marker, describe(GradingScope.class.getClassLoader()));
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                System.clearProperty(marker);
                RUNNING.decrementAndGet();
            }
        };
    }

    private static String describe(ClassLoader loader) {
        if (loader == null) {
            return "the boot class loader";
        }
        return loader.getName() == null ? loader.toString() : "\"" + loader.getName() + "\" (" + loader + ")";
    }

    private static String loaderId() {
        return Integer.toHexString(System.identityHashCode(GradingScope.class.getClassLoader()));
    }

    /** The class loader of the Rubric classes that record a launcher run in progress, when it is not ours. */
    private static String runRecordedByAnotherCopy() {
        String own = RUN_MARKER + loaderId() + ".";
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith(RUN_MARKER) && !key.startsWith(own)) {
                return System.getProperty(key, "another class loader");
            }
        }
        return null;
    }

    /** From now on, time spent waiting for the judge does not count against {@code clock}'s timeout (null: none). */
    void timeoutClock(TimeoutClock clock) {
        this.timeoutClock = clock;
    }

    /** Undoes {@link #bind()} or {@link #testsRunning()}; closing again does nothing. */
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }

    /** What the judge made of one grading: a verdict, or the reason there is none. */
    public sealed interface Graded permits Judged, NotJudged {
    }

    public record Judged(Verdict verdict) implements Graded {
        public Judged {
            Objects.requireNonNull(verdict, "verdict");
        }
    }

    public record NotJudged(JudgeException reason) implements Graded {
        public NotJudged {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Hands gradings to the judge, all in one call (so a batching judge takes them in one batch), without waiting.
     *
     * @throws IllegalStateException when the test this scope belongs to has ended
     */
    public Submission submit(List<? extends Grading> gradings) {
        List<Grading> all = List.copyOf(gradings);
        if (ended) {
            throw new IllegalStateException("a rubric check on thread \"" + Thread.currentThread().getName()
                    + "\" came after its test" + (test == null ? "" : " " + test) + " had ended, so its verdict could"
                    + " not be recorded: wait in the test (join the future) for the work it hands to other threads");
        }
        Judge j;
        try {
            j = judge.get();
        } catch (JudgeException e) {
            return new Submission(all, null, e);
        }
        if (progress != null) {
            progress.submitted(all.size());
        }
        try {
            return new Submission(all, j.gradeAll(all), null);
        } catch (RuntimeException e) {
            if (progress != null) {
                progress.completed(all.size());
            }
            return new Submission(all, null, JudgeException.find(e).orElseGet(() -> new JudgeException(
                    JudgeException.Reason.SERVER_ERROR, "the judge refused the gradings: " + e, e)));
        }
    }

    /** Gradings handed to the judge; {@link #await()} collects what it made of each. */
    public final class Submission {
        private final List<Grading> gradings;
        private final List<CompletableFuture<Verdict>> futures;
        private final JudgeException refused;

        private Submission(List<Grading> gradings, List<CompletableFuture<Verdict>> futures, JudgeException refused) {
            this.gradings = gradings;
            this.futures = futures;
            this.refused = refused;
        }

        /**
         * Waits for every verdict, records each in the test's record, and returns one result per grading in order.
         *
         * <p>The time spent waiting here does not count against the test's {@code @Timeout}: the judge has timeouts
         * of its own, and a batching judge under load must not fail tests that are themselves quick. This covers
         * immediate checks and soft ones alike, since both wait here.
         *
         * @throws JudgeAbortedException when interrupted while waiting (the test run was cancelled)
         */
        public List<Graded> await() {
            try (TimeoutClock.Pause ignored = TimeoutClock.pause(timeoutClock)) {
                return awaitUntimed();
            }
        }

        private List<Graded> awaitUntimed() {
            List<Graded> results = new ArrayList<>(gradings.size());
            if (refused != null) {
                gradings.forEach(g -> results.add(new NotJudged(refused)));
                return results;
            }
            for (int i = 0; i < futures.size(); i++) {
                try {
                    Verdict v = futures.get(i).get();
                    if (v == null || (gradings.get(i) instanceof AbsoluteGrading) != (v instanceof AbsoluteVerdict)) {
                        throw new ExecutionException(new JudgeException(JudgeException.Reason.UNPARSEABLE_OUTPUT,
                                "the judge answered a " + gradings.get(i).mode() + " grading with "
                                        + (v == null ? "nothing" : v.getClass().getSimpleName())
                                        + ": the judge implementation is broken"));
                    }
                    results.add(new Judged(v));
                    if (record != null) {
                        record.add(VerdictRecord.of(gradings.get(i), v));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new JudgeAbortedException(new JudgeException(JudgeException.Reason.CLOSED,
                            "interrupted while waiting for the judge: the test run was cancelled"));
                } catch (ExecutionException | CompletionException e) {
                    results.add(new NotJudged(JudgeException.find(e).orElseGet(() -> new JudgeException(
                            JudgeException.Reason.SERVER_ERROR, "the judge failed: " + e.getCause(), e.getCause()))));
                } finally {
                    if (progress != null) {
                        progress.completed(1);
                    }
                }
            }
            return results;
        }
    }

    /**
     * Grades all requests together (so a batching judge takes them in one batch) and waits for every verdict (time
     * that does not count against the test's {@code @Timeout}, see {@link Submission#await()}).
     *
     * @throws JudgeAbortedException when the judge cannot give a verdict: the test is aborted, never passed or failed
     */
    public List<Verdict> gradeAll(List<? extends Grading> gradings) {
        List<Verdict> verdicts = new ArrayList<>(gradings.size());
        for (Graded g : submit(gradings).await()) {
            if (g instanceof NotJudged n) {
                throw aborted(n.reason());
            }
            verdicts.add(((Judged) g).verdict());
        }
        return verdicts;
    }

    /** Notes an assertion in the current test's record (nothing outside a test). */
    public void record(AssertionRecord assertion) {
        if (record != null) {
            record.add(assertion);
        }
    }

    /**
     * How a test that got no verdict ends: aborted with the reason, never passed or failed (and never skipped, as a
     * failed assumption is: the reason travels as a type to the results file and the gate).
     */
    public static JudgeAbortedException aborted(JudgeException e) {
        return new JudgeAbortedException(e);
    }

    private static String outsideTests() {
        return "a rubric check on thread \"" + Thread.currentThread().getName() + "\", which runs no test, while"
                + " tests run in this JVM: Rubric records each check against the test whose thread makes it, so this"
                + " one would count for no test. Make the check on the test's own thread (wait for the other thread's"
                + " answer, then assert), or carry the test to the other thread: take"
                + " RubricContext test = RubricContext.current() in the test, then run the check as"
                + " test.wrap(() -> ...) (an executor task, a CompletableFuture stage) or inside"
                + " try (var bound = test.bind()) { ... }. Checks in @BeforeAll or @AfterAll belong in a test.";
    }

    private static String reloaded(String recordingLoader) {
        return "a rubric check in a second copy of Rubric's classes, loaded by "
                + describe(GradingScope.class.getClassLoader())
                + ", while the tests run and are recorded with the copy loaded by " + recordingLoader + ": a framework"
                + " loads the test classes, and Rubric with them, in a class loader of its own, so this check would"
                + " count for no test and be graded by a second judge. Load Rubric from one class loader: for"
                + " Quarkus, add"
                + " quarkus.class-loading.parent-first-artifacts=dev.rubric:rubric-junit,dev.rubric:rubric-core,"
                + "dev.rubric:rubric-local"
                + " to application.properties (src/test/resources works too).";
    }
}
