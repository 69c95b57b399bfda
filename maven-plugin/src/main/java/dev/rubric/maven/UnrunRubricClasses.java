package dev.rubric.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The compiled test classes that declare {@code @RubricTest} methods but have no result in any results file: most
 * often a class Surefire never ran because its name does not match Surefire's includes ({@code SupportQuality}
 * instead of {@code SupportQualityTest}), whose rubric tests would otherwise silently not count.
 */
final class UnrunRubricClasses {

    /** How the {@code @RubricTest} annotation's type appears in the constant pool of a class whose method has it. */
    static final String RUBRIC_TEST_DESCRIPTOR = "Ldev/rubric/junit/RubricTest;";
    /** Larger files are skipped: no test class comes near this. */
    static final long MAX_CLASS_FILE_BYTES = 16L * 1024 * 1024;

    private UnrunRubricClasses() {
    }

    /**
     * The concrete top-level classes under {@code testClasses} that have {@code @RubricTest} methods, by binary name,
     * sorted. Nested classes are left out: they run through their enclosing class. Empty when the folder is missing.
     */
    static List<String> rubricTestClasses(Path testClasses) throws IOException {
        if (!Files.isDirectory(testClasses)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(testClasses)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".class"))
                    .filter(f -> !f.getFileName().toString().contains("$"))
                    .map(UnrunRubricClasses::header)
                    .flatMap(Optional::stream)
                    .filter(h -> h.concrete() && !h.nested() && h.found().contains(RUBRIC_TEST_DESCRIPTOR))
                    .map(ClassFileHeader::name)
                    .sorted()
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Those of {@code rubricTestClasses} that no result names. */
    static List<String> withoutResults(List<String> rubricTestClasses, Collection<String> classesWithResults) {
        Set<String> ran = Set.copyOf(classesWithResults);
        return rubricTestClasses.stream().filter(c -> !ran.contains(c)).toList();
    }

    /** Whether Surefire's default includes ({@code *Test, Test*, *Tests, *TestCase}) take a class of this name. */
    static boolean surefireIncludesByDefault(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return simple.startsWith("Test") || simple.endsWith("Test") || simple.endsWith("Tests")
                || simple.endsWith("TestCase");
    }

    /** Whether Failsafe's default includes ({@code *IT, IT*, *ITCase}) take a class of this name. */
    static boolean failsafeIncludesByDefault(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return simple.startsWith("IT") || simple.endsWith("IT") || simple.endsWith("ITCase");
    }

    /**
     * The warning for one class that did not run: for a name Surefire's defaults leave out, those defaults and the two
     * fixes; for a name Failsafe's defaults take, Failsafe; for a name Surefire's take, the other ways a class is left
     * out.
     */
    static String warning(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        if (failsafeIncludesByDefault(className)) {
            return "Rubric: " + className + " has @RubricTest methods but no results: its name is one for Failsafe "
                    + "(*IT, IT*, *ITCase), which runs in the integration-test phase: check that maven-failsafe-plugin "
                    + "runs (goals integration-test and verify) and that -DskipITs is not set";
        }
        if (surefireIncludesByDefault(className)) {
            return "Rubric: " + className + " has @RubricTest methods but no results, though Surefire's default "
                    + "includes take its name: check that Surefire's <includes>/<excludes>, <groups> or "
                    + "<excludeJUnit5Engines> do not leave it (or the rubric engine) out, that rubric-junit is a test "
                    + "dependency, and that the class is not stale (mvn clean)";
        }
        return "Rubric: " + className + " has @RubricTest methods but no results: Surefire did not run it. Surefire"
                + " runs only classes named *Test, Test*, *Tests or *TestCase by default: rename it (e.g. " + simple
                + "Test), or add <include>**/" + simple + ".java</include> to maven-surefire-plugin's <includes>"
                + " (which replace the defaults: list those too)";
    }

    /** One sentence for the no-results message, naming the classes that did not run. */
    static String sentence(List<String> unrun) {
        String said = "These test classes have @RubricTest methods but did not run: " + String.join(", ", unrun) + ".";
        if (unrun.stream().allMatch(UnrunRubricClasses::surefireIncludesByDefault)) {
            return said + " Their names match Surefire's default includes, so the rubric engine itself did not run.";
        }
        if (unrun.stream().allMatch(c -> surefireIncludesByDefault(c) || failsafeIncludesByDefault(c))) {
            return said + " Their names match Surefire's or Failsafe's (*IT, IT*, *ITCase) default includes: check "
                    + "that maven-failsafe-plugin runs (goals integration-test and verify, no -DskipITs).";
        }
        return said + " Surefire runs only classes named *Test, Test*, *Tests or *TestCase by default: rename them, or"
                + " add them to maven-surefire-plugin's <includes> (which replace the defaults: list those too).";
    }

    private static Optional<ClassFileHeader> header(Path file) {
        try {
            if (Files.size(file) > MAX_CLASS_FILE_BYTES) {
                return Optional.empty();
            }
            return ClassFileHeader.read(Files.readAllBytes(file), Set.of(RUBRIC_TEST_DESCRIPTOR));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
