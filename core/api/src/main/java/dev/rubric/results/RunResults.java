package dev.rubric.results;

import org.apiguardian.api.API;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * One results file: what one test JVM's rubric engine ran and what the judge said. Written by the engine
 * ({@code target/rubric/results-<unique>.json}), read by the Maven plugin. Documented in docs/results-format.md.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} when written; readers refuse newer major versions
 * @param runId         unique per JVM run
 * @param judge         the judge's fingerprint and settings (never secrets), or {@code null} if no judge was built
 * @param startedAt     when the engine started
 * @param finishedAt    when the engine finished
 * @param cacheHits     verdicts served from the verdict cache
 * @param cacheMisses   verdicts asked of the judge
 * @param tests         every test (and every sample or case) the engine ran
 */
@API(status = INTERNAL, since = "0.1")
public record RunResults(int schemaVersion, String runId, JudgeRecord judge, Instant startedAt, Instant finishedAt,
                         long cacheHits, long cacheMisses, List<TestResult> tests) {

    public static final int SCHEMA_VERSION = 1;

    public RunResults {
        Objects.requireNonNull(runId, "runId");
        tests = tests == null ? List.of() : List.copyOf(tests);
    }

    /**
     * The results of one run that ends now: a new run id (its start time and a random part, unique across forks) and
     * cache counts taken from the verdicts.
     */
    public static RunResults of(JudgeRecord judge, Instant startedAt, Instant finishedAt, List<TestResult> tests) {
        long hits = 0;
        long misses = 0;
        for (TestResult t : tests) {
            for (VerdictRecord v : t.verdicts()) {
                if (v.cached()) {
                    hits++;
                } else {
                    misses++;
                }
            }
        }
        String runId = startedAt.toString().replace(":", "").replace("-", "").replace(".", "")
                + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new RunResults(SCHEMA_VERSION, runId, judge, startedAt, finishedAt, hits, misses, tests);
    }

    /**
     * The nodes below {@code node} (its samples or cases, and theirs), in the file's order. Linear in the file's
     * tests; to ask this of many nodes, build one {@link ResultsTree}.
     */
    public List<TestResult> descendants(TestResult node) {
        java.util.Set<TestResult> below = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        below.addAll(ResultsTree.of(this).descendants(node));
        return tests.stream().filter(below::contains).toList();
    }
}
