package dev.rubric.results.batch;

import dev.rubric.results.AbortRecord;
import dev.rubric.results.VerdictRecord;

import java.util.Objects;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * What the judge made of one grading of a batch: its verdict, or why it gave none (never both, never neither).
 *
 * @param id      the grading's id in the batch
 * @param verdict the verdict as the results file keeps it, or {@code null}
 * @param failure why the judge gave no verdict (unreachable, unparseable output, not buildable...), or {@code null}
 */
@API(status = INTERNAL, since = "0.1")
public record GradingOutcome(String id, VerdictRecord verdict, AbortRecord failure) {

    public GradingOutcome {
        Objects.requireNonNull(id, "id");
        if ((verdict == null) == (failure == null)) {
            throw new IllegalArgumentException("the outcome of grading " + id + " must carry a verdict or a failure,"
                    + " not " + (verdict == null ? "neither" : "both"));
        }
    }
}
