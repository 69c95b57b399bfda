package dev.rubric.maven.gate;

import dev.rubric.maven.merge.GatedTest;

import dev.rubric.results.Outcome;

import java.util.List;

/**
 * A test as one scope counts it.
 *
 * @param test       the test
 * @param outcome    its outcome within the scope (for a rubric: by that rubric's assertions)
 * @param passWeight 1 or 0, or a sampled test's pass rate
 * @param scores     the absolute scores in scope
 */
public record ScopedTest(GatedTest test, Outcome outcome, double passWeight, List<Double> scores) {

    public ScopedTest {
        scores = List.copyOf(scores);
    }

    public boolean decided() {
        return outcome == Outcome.PASSED || outcome == Outcome.FAILED;
    }

    /** The mean of this test's scores in scope, or NaN when it has none. */
    public double meanScore() {
        return scores.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
