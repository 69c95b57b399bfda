package dev.rubric.judge.batch;

import dev.rubric.results.batch.GradedBatch;
import dev.rubric.results.batch.GradingBatch;
import dev.rubric.results.batch.GradingOutcome;
import dev.rubric.results.batch.GradingRequest;
import dev.rubric.core.Grading;
import dev.rubric.core.Judge;
import dev.rubric.core.JudgeException;
import dev.rubric.core.Verdict;
import dev.rubric.results.AbortRecord;
import dev.rubric.results.JudgeRecord;
import dev.rubric.results.VerdictRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Grades a batch with a judge: every grading handed over at once (a batching judge takes them together), each
 * outcome a verdict or the typed reason the judge gave none. A verdict is never made up: a grading the judge failed
 * on, or answered with the wrong kind of verdict, is a failure with its reason.
 */
@API(status = INTERNAL, since = "0.1")
public final class BatchGrader {

    private BatchGrader() {
    }

    /**
     * @param judge    the judge (with the verdict cache in front, as {@code Judges.create} builds it)
     * @param settings the judge's non-secret settings, for the outcome file
     * @param progress told "graded 12 of 40" now and then
     */
    public static GradedBatch grade(Judge judge, Map<String, String> settings, GradingBatch batch,
                                    Consumer<String> progress) {
        List<Grading> gradings = new ArrayList<>();
        for (GradingRequest r : batch.gradings()) {
            gradings.add(r.toGrading());
        }
        List<CompletableFuture<Verdict>> futures;
        try {
            futures = judge.gradeAll(gradings);
        } catch (RuntimeException e) {
            AbortRecord failure = failure(e);
            return new GradedBatch(GradingBatch.SCHEMA_VERSION, JudgeRecord.of(judge.fingerprint(), settings),
                    batch.gradings().stream().map(r -> new GradingOutcome(r.id(), null, failure)).toList());
        }
        List<GradingOutcome> outcomes = new ArrayList<>(gradings.size());
        int step = Math.max(1, gradings.size() / 10);
        for (int i = 0; i < gradings.size(); i++) {
            String id = batch.gradings().get(i).id();
            outcomes.add(outcome(id, gradings.get(i), futures.get(i)));
            if ((i + 1) % step == 0 || i + 1 == gradings.size()) {
                progress.accept("graded " + (i + 1) + " of " + gradings.size());
            }
        }
        return new GradedBatch(GradingBatch.SCHEMA_VERSION, JudgeRecord.of(judge.fingerprint(), settings), outcomes);
    }

    /** Every grading failed for one reason: the judge could not be built. */
    public static GradedBatch unjudged(GradingBatch batch, JudgeException why) {
        AbortRecord failure = new AbortRecord(why.reason(), message(why));
        return new GradedBatch(GradingBatch.SCHEMA_VERSION, null,
                batch.gradings().stream().map(r -> new GradingOutcome(r.id(), null, failure)).toList());
    }

    private static GradingOutcome outcome(String id, Grading grading, CompletableFuture<Verdict> future) {
        try {
            Verdict v = future.get();
            if (v == null || v.getClass() != expected(grading)) {
                return new GradingOutcome(id, null, new AbortRecord(JudgeException.Reason.UNPARSEABLE_OUTPUT,
                        "the judge answered a " + grading.mode() + " grading with "
                                + (v == null ? "nothing" : v.getClass().getSimpleName())
                                + ": the judge implementation is broken"));
            }
            return new GradingOutcome(id, VerdictRecord.of(grading, v), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new GradingOutcome(id, null, new AbortRecord(JudgeException.Reason.CLOSED,
                    "interrupted while waiting for the judge"));
        } catch (ExecutionException | RuntimeException e) {
            return new GradingOutcome(id, null, failure(e));
        }
    }

    private static Class<?> expected(Grading grading) {
        return switch (grading.mode()) {
            case ABSOLUTE -> dev.rubric.core.AbsoluteVerdict.class;
            case PAIRWISE -> dev.rubric.core.PairwiseVerdict.class;
        };
    }

    private static AbortRecord failure(Throwable t) {
        return JudgeException.find(t).map(je -> new AbortRecord(je.reason(), message(je)))
                .orElseGet(() -> new AbortRecord(JudgeException.Reason.SERVER_ERROR, "the judge failed: "
                        + (t.getCause() != null ? t.getCause() : t)));
    }

    /** What a test aborted for the same reason would say (the engine's wording of a judge failure). */
    private static String message(JudgeException e) {
        return "the judge gave no verdict (" + e.reason() + "): " + e.getMessage();
    }
}
