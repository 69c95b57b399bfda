package dev.rubric.junit;

import dev.rubric.core.Grading;
import dev.rubric.junit.engine.GradingScope;
import org.assertj.core.api.AbstractSoftAssertions;
import org.assertj.core.api.StandardSoftAssertionsProvider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * AssertJ's soft assertions, with rubric checks that are graded together: each check made through
 * {@link #assertThat(Response)} or {@link #assertThatAnswer(String)} only notes its gradings; {@link #assertAll()}
 * hands every noted grading to the judge in one submission (a batching judge takes them in one batch, so five checks
 * wait for one batch instead of five round trips), decides every check, records each in the test's results entry and
 * reports every failure at once, together with the failures of AssertJ's own soft assertions made here.
 * <pre>{@code
 * RubricSoftAssertions.assertSoftly(softly -> {
 *     softly.assertThat(Response.of(q1, bot.answer(q1))).scoresAtLeast(4);
 *     softly.assertThat(Response.of(q2, bot.answer(q2))).on(Rubrics.HARMLESSNESS).scoresAtLeast(5);
 *     softly.assertThat(bot.answer(q1)).contains("refund");          // AssertJ's own, collected alike
 * });
 * }</pre>
 * or {@code try (var softly = new RubricSoftAssertions()) { ... }}, or {@code softly.assertAll()} at the end. Checks
 * that got no verdict (the judge failed) are recorded as such; when nothing failed, the test is aborted with the
 * judge's reason, never passed; when something failed, the failure names them too.
 *
 * <p>Unlike AssertJ's {@code SoftAssertions}, rubric checks are decided only by {@code assertAll()} (or
 * {@code close()}): with AssertJ's {@code SoftAssertionsExtension}, call {@code softly.assertAll()} yourself.
 */
public class RubricSoftAssertions extends AbstractSoftAssertions implements StandardSoftAssertionsProvider,
        AutoCloseable {

    private final List<PendingCheck> pending = new ArrayList<>();

    /** Collects the soft assertions that {@code softly} makes, then asserts them all. */
    public static void assertSoftly(Consumer<RubricSoftAssertions> softly) {
        RubricSoftAssertions assertions = new RubricSoftAssertions();
        softly.accept(assertions);
        assertions.assertAll();
    }

    /** A soft rubric assertion on what the system under test answered to an instruction. */
    public ResponseAssert assertThat(Response response) {
        return new ResponseAssert(response).collectedBy(this);
    }

    /** A soft rubric assertion on a plain answer; name its instruction with {@link ResponseAssert#to(String)}. */
    public ResponseAssert assertThatAnswer(String answer) {
        return ResponseAssert.ofAnswer(answer).collectedBy(this);
    }

    void add(PendingCheck check) {
        synchronized (pending) {
            pending.add(check);
        }
    }

    /**
     * Grades the rubric checks noted so far (one submission per test), then throws one error with every failure,
     * rubric or not; or, when nothing failed but some checks got no verdict, aborts the test with the judge's reason.
     */
    @Override
    public void assertAll() {
        List<PendingCheck.NoVerdict> noVerdicts = new ArrayList<>();
        RuntimeException error = decidePending(noVerdicts);
        if (error != null) {
            throw error;
        }
        if (!assertionErrorsCollected().isEmpty()) {
            for (PendingCheck.NoVerdict n : noVerdicts) {
                collectAssertionError(new AssertionError(n.check() + ": no verdict, the judge failed ("
                        + n.reason().reason() + "): " + n.reason().getMessage()));
            }
            super.assertAll();
        }
        if (!noVerdicts.isEmpty()) {
            RuntimeException aborted = GradingScope.aborted(noVerdicts.get(0).reason());
            if (noVerdicts.size() > 1) {
                aborted.addSuppressed(new IllegalStateException((noVerdicts.size() - 1) + " more rubric checks got"
                        + " no verdict: " + noVerdicts.stream().skip(1).map(PendingCheck.NoVerdict::check).toList()));
            }
            throw aborted;
        }
    }

    /** Asserts all: for {@code try (RubricSoftAssertions softly = new RubricSoftAssertions()) { ... }}. */
    @Override
    public void close() {
        assertAll();
    }

    /**
     * Decides every pending check, failures collected; returns the first error a check could not be decided with
     * (the others suppressed in it), or null.
     */
    private RuntimeException decidePending(List<PendingCheck.NoVerdict> noVerdicts) {
        List<PendingCheck> checks;
        synchronized (pending) {
            checks = List.copyOf(pending);
            pending.clear();
        }
        Map<GradingScope, List<PendingCheck>> byTest = new LinkedHashMap<>();
        checks.forEach(c -> byTest.computeIfAbsent(c.scope(), s -> new ArrayList<>()).add(c));
        RuntimeException error = null;
        for (Map.Entry<GradingScope, List<PendingCheck>> test : byTest.entrySet()) {
            List<Grading> gradings = new ArrayList<>();
            test.getValue().forEach(c -> gradings.addAll(c.gradings()));
            List<GradingScope.Graded> graded = test.getKey().submit(gradings).await();
            int from = 0;
            for (PendingCheck c : test.getValue()) {
                List<GradingScope.Graded> own = graded.subList(from, from + c.gradings().size());
                from += c.gradings().size();
                try {
                    PendingCheck.Resolution r = c.resolve(own);
                    if (r instanceof PendingCheck.Failed f) {
                        collectAssertionError(f.error());
                    } else if (r instanceof PendingCheck.NoVerdict n) {
                        noVerdicts.add(n);
                    }
                } catch (RuntimeException e) {
                    if (error == null) {
                        error = e;
                    } else {
                        error.addSuppressed(e);
                    }
                }
            }
        }
        return error;
    }
}
