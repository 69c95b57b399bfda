package dev.rubric.maven.baseline;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A committed snapshot of a suite's results that later builds compare against ({@code mvn rubric:baseline}).
 * It keeps outcomes and scores only: no timings, latencies, run ids, feedback or machine details, so that it changes
 * only when the quality does. It keeps what a paired comparison with a later run needs: per test its verdict, its
 * mean score (overall and per rubric), every verdict's score or winner (every sample's too) and a sampled test's
 * sample counts.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}; version 1 files (without verdicts and sample counts) still read
 * @param judges        the judges' descriptions (model, revision, format, decoding): a baseline made with another
 *                      judge is not comparable
 * @param rubrics       per rubric: its numbers when the baseline was made
 * @param tests         every test, sorted by unique id
 */
public record Baseline(int schemaVersion, List<String> judges, Map<String, RubricSnapshot> rubrics,
                       List<TestSnapshot> tests) {

    public static final int SCHEMA_VERSION = 2;

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
     * @param passRate  passed tests over decided ones, each test by its own verdict (in version 1 files a sampled test
     *                  added its samples' fraction instead), or {@code null}
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
     * @param outcome     PASSED, FAILED, ABORTED or SKIPPED: a sampled test's own verdict on its pass rate
     * @param meanScore   the test's mean absolute score over all rubrics, or {@code null}
     * @param scores      per rubric name: the test's mean absolute score
     * @param outcomes    per rubric name, for a test that used several rubrics: its outcome by that rubric's
     *                    assertions alone (a test that failed on harmlessness passed on helpfulness); empty otherwise
     * @param samples     a sampled test's sample counts, else {@code null}
     * @param verdicts    every verdict of the test (of each sample, in order), score or winner only; empty in version
     *                    1 files
     */
    public record TestSnapshot(String id, String className, String methodName, String displayName, List<String> tags,
                               String outcome, Double meanScore, Map<String, Double> scores,
                               @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> outcomes,
                               SampleSnapshot samples, List<VerdictSnapshot> verdicts) {

        public TestSnapshot {
            tags = tags == null ? List.of() : List.copyOf(tags);
            scores = scores == null ? Map.of() : Map.copyOf(scores);
            outcomes = outcomes == null ? Map.of() : Map.copyOf(outcomes);
            verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
        }

        /** The test's outcome on one rubric: its own when it used only that one. */
        public String outcome(String rubric) {
            return outcomes.getOrDefault(rubric, outcome);
        }
    }

    /**
     * A sampled test's samples.
     *
     * @param planned      N
     * @param run          samples run
     * @param passed       samples that passed
     * @param stoppedEarly the test stopped once its outcome was settled: {@code passed / run} is not a full run's rate
     */
    public record SampleSnapshot(int planned, int run, int passed, boolean stoppedEarly) {
    }

    /**
     * One verdict: its rubric and its score (absolute) or winner (pairwise, A or B as shown to the judge).
     *
     * @param sampleScores with several judge samples ({@code rubric.judge.samples}), each score; else {@code null}
     */
    public record VerdictSnapshot(String rubric, Integer score, String winner, List<Integer> sampleScores) {

        public VerdictSnapshot {
            sampleScores = sampleScores == null || sampleScores.isEmpty() ? null : List.copyOf(sampleScores);
        }
    }
}
