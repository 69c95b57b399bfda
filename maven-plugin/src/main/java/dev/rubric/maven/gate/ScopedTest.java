package dev.rubric.maven.gate;

import dev.rubric.maven.merge.GatedTest;

import dev.rubric.results.Outcome;

import java.util.List;

/**
 * A test as one scope counts it.
 *
 * @param test    the test
 * @param outcome its outcome within the scope (for a rubric: by that rubric's assertions; a sampled test: its own
 *                verdict on its pass rate)
 * @param scores  the absolute scores in scope
 */
public record ScopedTest(GatedTest test, Outcome outcome, List<Double> scores) {

    public ScopedTest {
        scores = List.copyOf(scores);
    }

    public boolean decided() {
        return outcome == Outcome.PASSED || outcome == Outcome.FAILED;
    }

    public boolean passed() {
        return outcome == Outcome.PASSED;
    }

    /** The mean of this test's scores in scope, or NaN when it has none. */
    public double meanScore() {
        return scores.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
