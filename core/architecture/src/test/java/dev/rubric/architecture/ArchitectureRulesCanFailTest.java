package dev.rubric.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of {@link ArchitectureTest}, shown failing on fixture packages ({@code fixtures.rubric.*}) that break
 * them: a reversed arrow (hub reads the judge's configuration), a cycle (judge and lm), a package with no layer and
 * an unmarked public type.
 */
class ArchitectureRulesCanFailTest {

    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages("fixtures.rubric");
    private static final RubricArchitecture ARCHITECTURE = new RubricArchitecture("fixtures.rubric");

    @Test
    void aReversedArrowIsNamedWithTheClassesOnBothEnds() {
        String report = violations(ARCHITECTURE.layers().toArray(ArchRule[]::new));

        assertThat(report).contains("fixtures.rubric.hub (rubric-local) uses only core, secret",
                "fixtures.rubric.hub.Downloader", "fixtures.rubric.judge.Config");
        assertThat(report).contains("fixtures.rubric.lm (rubric-local) uses only core", "fixtures.rubric.lm.Model");
        assertThat(report).contains("<fixtures.rubric.judge.Backends.model> has type <fixtures.rubric.lm.Model>")
                .as("judge -> core is an arrow downward").doesNotContain("fixtures.rubric.core.Grading");
    }

    @Test
    void aCycleBetweenTwoPackagesIsFound() {
        assertThat(violations(ARCHITECTURE.noCycles())).contains("Cycle detected", "fixtures.rubric.judge",
                "fixtures.rubric.lm");
    }

    @Test
    void aPackageWithoutALayerIsFound() {
        assertThat(violations(ARCHITECTURE.everyPackagePlaced())).contains("fixtures.rubric.misc.Helper")
                .doesNotContain("fixtures.rubric.hub.Downloader");
    }

    @Test
    void anUnmarkedPublicTypeIsFoundAndAMarkedOrPackagePrivateOneIsNot() {
        String report = violations(ARCHITECTURE.markedSurface());

        assertThat(report).contains("fixtures.rubric.lm.Model")
                .doesNotContain("fixtures.rubric.hub.Downloader", "fixtures.rubric.judge.Backends");
    }

    private static String violations(ArchRule... rules) {
        StringBuilder report = new StringBuilder();
        for (ArchRule rule : rules) {
            EvaluationResult result = rule.evaluate(FIXTURES);
            if (result.hasViolation()) {
                report.append(result.getFailureReport()).append('\n');
            }
        }
        return report.toString();
    }
}
