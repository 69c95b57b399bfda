package dev.rubric.results.batch;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Gradings for a judge in another process: what a build tool writes for {@code dev.rubric.judge.batch.JudgeBatchMain} to grade (re-judging
 * stored answers, calibration, benchmarks). See docs/results-format.md, "Grading batches".
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param gradings      the gradings, ids unique
 */
@API(status = INTERNAL, since = "0.1")
public record GradingBatch(int schemaVersion, List<GradingRequest> gradings) {

    /** 2: gradings may carry a pre-filled prompt ({@link GradingRequest#filledPrompt}), which version 1 readers drop. */
    public static final int SCHEMA_VERSION = 2;

    public GradingBatch {
        gradings = gradings == null ? List.of() : List.copyOf(gradings);
        Set<String> ids = new HashSet<>();
        for (GradingRequest g : gradings) {
            if (!ids.add(g.id())) {
                throw new IllegalArgumentException("the grading id " + g.id() + " appears twice in the batch");
            }
        }
    }

    public static GradingBatch of(List<GradingRequest> gradings) {
        return new GradingBatch(SCHEMA_VERSION, gradings);
    }
}
