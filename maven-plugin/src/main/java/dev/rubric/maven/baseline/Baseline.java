package dev.rubric.maven.baseline;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A committed snapshot of a suite's results that later builds compare against ({@code mvn rubric:baseline}).
 * It keeps outcomes and scores only: no timings, latencies, run ids, feedback or machine details, so that it changes
 * only when the quality does.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param judges        the judges' descriptions (model, revision, format, decoding): a baseline made with another
 *                      judge is not comparable
 * @param rubrics       per rubric: its numbers when the baseline was made
 * @param tests         every test, sorted by unique id
 */
public record Baseline(int schemaVersion, List<String> judges, Map<String, RubricSnapshot> rubrics,
                       List<TestSnapshot> tests) {

    public static final int SCHEMA_VERSION = 1;

    public Baseline {
        judges = judges == null ? List.of() : List.copyOf(judges);
        rubrics = rubrics == null ? Map.of() : Map.copyOf(rubrics);
        tests = tests == null ? List.of() : List.copyOf(tests);
    }

    public Optional<TestSnapshot> test(String id) {
        return tests.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /**
     * One rubric in the baseline.
     *
     * @param tests     tests that used it
     * @param passRate  its pass rate, or {@code null}
     * @param meanScore its mean absolute score, or {@code null}
     */
    public record RubricSnapshot(int tests, Double passRate, Double meanScore) {
    }

    /**
     * One test in the baseline.
     *
     * @param id          JUnit unique id
     * @param className   test class
     * @param methodName  test method
     * @param displayName display name
     * @param tags        tags, sorted
     * @param outcome     PASSED, FAILED, ABORTED or SKIPPED
     * @param passRate    a sampled test's pass rate, else {@code null}
     * @param meanScore   the test's mean absolute score over all rubrics, or {@code null}
     * @param scores      per rubric name: the test's mean absolute score
     */
    public record TestSnapshot(String id, String className, String methodName, String displayName, List<String> tags,
                               String outcome, Double passRate, Double meanScore, Map<String, Double> scores) {

        public TestSnapshot {
            tags = tags == null ? List.of() : List.copyOf(tags);
            scores = scores == null ? Map.of() : Map.copyOf(scores);
        }
    }
}
