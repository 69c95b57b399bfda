package dev.rubric.maven.gate;

import java.util.List;

/**
 * The limits of a gate.
 *
 * @param minPassRate       every test together: the lowest pass rate, or {@code null}
 * @param minMeanScore      every test together: the lowest mean score, or {@code null}
 * @param maxAborted        every test together: the most aborted tests
 * @param maxMeanScoreDrop  each rubric: how far its mean score may fall against the baseline, or {@code null}
 * @param failOnNewFailures fail when a test that passed in the baseline fails now
 * @param rules             rules per rubric, test class or tag
 */
public record GateSettings(Double minPassRate, Double minMeanScore, int maxAborted, Double maxMeanScoreDrop,
                           boolean failOnNewFailures, List<Rule> rules) {

    public GateSettings {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** No limits but the default one: no aborted test. */
    public static GateSettings defaults() {
        return new GateSettings(null, null, 0, null, false, List.of());
    }
}
