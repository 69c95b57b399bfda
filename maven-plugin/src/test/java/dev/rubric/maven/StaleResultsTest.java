package dev.rubric.maven;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.rubric.maven.Fixtures.run;
import static dev.rubric.maven.Fixtures.scored;
import static org.assertj.core.api.Assertions.assertThat;

class StaleResultsTest {

    private static final Instant BUILD_START = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void runsOfAnEarlierBuildNextToThisBuildsAreStale() {
        var old = run("old", BUILD_START.minusSeconds(3600), List.of(scored("A", "removed", "helpfulness", 4, 5)));
        var fresh = run("fresh", BUILD_START.plusSeconds(90), List.of(scored("A", "kept", "helpfulness", 4, 5)));

        assertThat(StaleResults.of(List.of(fresh, old), BUILD_START)).containsExactly("old");
    }

    @Test
    void runsThatAllPredateTheBuildAreNot() {
        // mvn test, then mvn rubric:check: every run is older than the second build
        var fork1 = run("fork-1", BUILD_START.minusSeconds(60), List.of(scored("A", "a", "helpfulness", 4, 5)));
        var fork2 = run("fork-2", BUILD_START.minusSeconds(50), List.of(scored("B", "b", "helpfulness", 4, 5)));

        assertThat(StaleResults.of(List.of(fork1, fork2), BUILD_START)).isEmpty();
    }
}
