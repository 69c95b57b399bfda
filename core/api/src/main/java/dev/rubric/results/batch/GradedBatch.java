package dev.rubric.results.batch;

import dev.rubric.results.JudgeRecord;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * What the judge made of a {@link GradingBatch}: one outcome per grading, in the batch's order, and the judge that
 * graded them ({@code null} when it could not be built: every outcome then carries that failure).
 *
 * @param schemaVersion {@link GradingBatch#SCHEMA_VERSION}
 * @param judge         the judge's fingerprint and settings (never secrets), or {@code null}
 * @param outcomes      one per grading of the batch
 */
@API(status = INTERNAL, since = "0.1")
public record GradedBatch(int schemaVersion, JudgeRecord judge, List<GradingOutcome> outcomes) {

    public GradedBatch {
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }

    /** The outcomes by grading id. */
    public Map<String, GradingOutcome> byId() {
        return outcomes.stream().collect(Collectors.toMap(GradingOutcome::id, Function.identity(), (a, b) -> b));
    }
}
