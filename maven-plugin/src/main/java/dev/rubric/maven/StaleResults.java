package dev.rubric.maven;

import dev.rubric.results.RunResults;

import java.time.Instant;
import java.util.List;

/**
 * Finds results files left over from an earlier build. When some runs finished during this Maven build and others
 * before it started, the older ones are from a build without {@code clean}: their tests may no longer exist.
 * When every run predates the build ({@code mvn test}, then {@code mvn rubric:check}) nothing is stale.
 */
final class StaleResults {

    private StaleResults() {
    }

    /** The run ids of the runs that finished before {@code buildStart}, if others finished after it; else none. */
    static List<String> of(List<RunResults> runs, Instant buildStart) {
        boolean anyFromThisBuild = runs.stream().anyMatch(r -> finished(r).isAfter(buildStart));
        if (!anyFromThisBuild) {
            return List.of();
        }
        return runs.stream().filter(r -> finished(r).isBefore(buildStart)).map(RunResults::runId).sorted().toList();
    }

    private static Instant finished(RunResults r) {
        return r.finishedAt() != null ? r.finishedAt() : r.startedAt() != null ? r.startedAt() : Instant.MIN;
    }
}
