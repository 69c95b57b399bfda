package dev.rubric.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layers lean downward only, no package cycles, and the public surface is marked: checked on the main classes of
 * every module (rubric-core, rubric-local, rubric-junit, the Maven plugin), as they are on this test's classpath.
 */
class ArchitectureTest {

    private static final JavaClasses RUBRIC = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.rubric");
    private static final RubricArchitecture ARCHITECTURE = new RubricArchitecture("dev.rubric");

    @Test
    void theRulesSeeTheClassesOfEveryModule() {
        // without this, a classpath that lost a module would let every rule below pass on nothing
        assertThat(RUBRIC.stream().map(c -> c.getPackageName()).distinct())
                .contains("dev.rubric.core", "dev.rubric.judge", "dev.rubric.judge.openai", "dev.rubric.results",
                        "dev.rubric.lm", "dev.rubric.hub", "dev.rubric.judge.local", "dev.rubric.junit",
                        "dev.rubric.junit.engine", "dev.rubric.maven");
        assertThat(RUBRIC.stream().filter(c -> c.getPackageName().startsWith("dev.rubric.architecture")))
                .as("the rules read main classes only").isEmpty();
    }

    @Test
    void eachPackageUsesOnlyTheLayersBelowIt() {
        check(ARCHITECTURE.layers());
    }

    @Test
    void everyPackageHasItsPlaceInTheLayers() {
        ARCHITECTURE.everyPackagePlaced().check(RUBRIC);
    }

    @Test
    void noPackagesDependOnEachOther() {
        ARCHITECTURE.noCycles().check(RUBRIC);
    }

    @Test
    void djlStaysInTheModelAndNoTestFrameworkBelowTheEngine() {
        check(ARCHITECTURE.confinedDependencies());
    }

    @Test
    void everyPublicTypeUsersMayMeetIsMarkedOrInternal() {
        ARCHITECTURE.markedSurface().check(RUBRIC);
    }

    private static void check(List<ArchRule> rules) {
        // every rule is checked, and all their violations are reported together
        StringBuilder failures = new StringBuilder();
        for (ArchRule rule : rules) {
            try {
                rule.check(RUBRIC);
            } catch (AssertionError e) {
                failures.append(e.getMessage()).append('\n');
            }
        }
        assertThat(failures).as("architecture violations").isEmpty();
    }
}
