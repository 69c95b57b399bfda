package dev.rubric.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Rubric's architecture as rules over compiled classes: which packages each package may use (the layers, bottom
 * first), no package cycles, where third-party worlds may be touched, and which public types must carry {@link API}.
 *
 * <p>The rules are built for a root package ({@code dev.rubric} for the real classes) so that a test can show them
 * failing on small fixture packages that break them ({@code ArchitectureRulesCanFailTest}).
 */
final class RubricArchitecture {

    /** One package of the map (with {@code ..}: and its sub-packages), its module, and what it may use. */
    private record Layer(String pkg, String module, List<String> mayUse) {
    }

    /** Modules whose every public type is marked or internal. rubric-junit and the plugin join in the @API sweep. */
    static final Set<String> MARKED_MODULES = Set.of("rubric-core", "rubric-local");

    private final String root;
    private final List<Layer> layers = new ArrayList<>();

    RubricArchitecture(String root) {
        this.root = root;
        // bottom: the API and the secret type, on no other Rubric package
        layer("core", "rubric-core");
        layer("secret", "rubric-core");
        // on the API and nothing above it
        layer("prometheus", "rubric-core", "core");
        layer("results", "rubric-core", "core");
        layer("results.batch", "rubric-core", "results", "core"); // the files between rubric:rejudge and its judge process
        layer("stats", "rubric-core", "core"); // the Wilson interval and the statistics that grow from it (issue 9)
        layer("lm", "rubric-local", "core");
        layer("hub", "rubric-local", "core", "secret");
        // the judge over them: its front finds the backends through a ServiceLoader and uses none of them
        layer("judge", "rubric-core", "core", "prometheus", "secret");
        layer("judge.openai", "rubric-core", "judge", "core", "prometheus", "secret");
        layer("judge.batch", "rubric-core", "judge", "results.batch", "results", "core");
        layer("judge.local", "rubric-local", "judge", "core", "prometheus", "secret", "lm", "hub");
        // one warm judge per machine: the judge process and its clients, over the in-JVM judge
        layer("judge.process", "rubric-local", "judge.local", "judge", "core", "prometheus", "secret", "hub");
        // on top: the engine on the judge front and the results; the plugin on the results and the API only
        layer("junit..", "rubric-junit", "judge", "results", "stats", "prometheus", "core", "secret");
        layer("maven..", "rubric-maven-plugin", "results.batch", "results", "stats", "core");
    }

    private void layer(String pkg, String module, String... mayUse) {
        layers.add(new Layer(pkg, module, List.of(mayUse)));
    }

    private String qualified(String pkg) {
        return root + "." + pkg;
    }

    private String[] qualified(Stream<String> packages) {
        return packages.map(this::qualified).toArray(String[]::new);
    }

    /** For each package: its classes use no Rubric package but itself and those it may use. */
    List<ArchRule> layers() {
        List<ArchRule> rules = new ArrayList<>();
        for (Layer layer : layers) {
            String[] allowed = qualified(Stream.concat(Stream.of(layer.pkg()), layer.mayUse().stream()));
            DescribedPredicate<JavaClass> aboveOrBeside = resideInAPackage(root + "..")
                    .and(DescribedPredicate.not(resideInAnyPackage(allowed)))
                    .as("Rubric packages other than " + String.join(", ", allowed));
            rules.add(noClasses().that().resideInAPackage(qualified(layer.pkg()))
                    .should().dependOnClassesThat(aboveOrBeside)
                    .as(qualified(layer.pkg()) + " (" + layer.module() + ") uses only "
                            + (layer.mayUse().isEmpty() ? "itself" : String.join(", ", layer.mayUse())))
                    .allowEmptyShould(true));
        }
        return rules;
    }

    /** Every Rubric package has its place in the map above: a new package is placed on purpose. */
    ArchRule everyPackagePlaced() {
        return classes().that().resideInAPackage(root + "..")
                .should().resideInAnyPackage(qualified(layers.stream().map(Layer::pkg)))
                .as("every " + root + " package has a layer in RubricArchitecture");
    }

    /**
     * Modules whose packages still use each other, each counted as one package by {@link #noCycles()} until it is
     * untangled: rubric-junit's assertions reach the engine's grading scope (issue 18 reworks both), and the plugin's
     * packages (gate, merge and baseline since issue 9) refer to each other. Cycles through any other package count.
     */
    static final Set<String> ONE_SLICE = Set.of("junit", "maven");

    /** No cycles between packages (those of {@link #ONE_SLICE} each counted as one). */
    ArchRule noCycles() {
        List<String> whole = ONE_SLICE.stream().map(this::qualified).toList();
        return slices().assignedFrom(new SliceAssignment() {
                    @Override
                    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                        String pkg = javaClass.getPackageName();
                        if (!pkg.equals(root) && !pkg.startsWith(root + ".")) {
                            return SliceIdentifier.ignore();
                        }
                        return SliceIdentifier.of(whole.stream().filter(w -> pkg.equals(w) || pkg.startsWith(w + "."))
                                .findFirst().orElse(pkg));
                    }

                    @Override
                    public String getDescription() {
                        return "the packages of " + root;
                    }
                })
                .should().beFreeOfCycles();
    }

    /** DJL (and its native libraries) only in the model runtime; no test framework below the engine. */
    List<ArchRule> confinedDependencies() {
        String[] belowTheEngine = qualified(layers.stream()
                .filter(l -> l.module().equals("rubric-core") || l.module().equals("rubric-local")).map(Layer::pkg));
        return List.of(
                noClasses().that().resideOutsideOfPackage(qualified("lm"))
                        .and().resideInAPackage(root + "..")
                        .should().dependOnClassesThat().resideInAnyPackage("ai.djl..")
                        .as("only " + qualified("lm") + " uses DJL"),
                noClasses().that().resideInAnyPackage(belowTheEngine)
                        .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.assertj..",
                                "org.opentest4j..")
                        .as("rubric-core and rubric-local do not depend on a test framework")
                        .allowEmptyShould(true));
    }

    /**
     * Every public top-level type of the marked modules carries {@code @API} (with its status) or lives in a package
     * named {@code internal}; everything else is package-private.
     */
    ArchRule markedSurface() {
        String[] marked = qualified(layers.stream().filter(l -> MARKED_MODULES.contains(l.module())).map(Layer::pkg));
        return classes().that().resideInAnyPackage(marked)
                .and().arePublic()
                .and().areTopLevelClasses()
                .should().beAnnotatedWith(API.class)
                .orShould().resideInAPackage("..internal..")
                .as("public types of " + String.join(", ", MARKED_MODULES)
                        + " are marked with @API(status, since) or live in an internal package");
    }

    /** The modules, each with its packages, for the sanity check that the import saw all of them. */
    Map<String, List<String>> modules() {
        Map<String, List<String>> modules = new LinkedHashMap<>();
        for (Layer layer : layers) {
            modules.computeIfAbsent(layer.module(), m -> new ArrayList<>()).add(qualified(layer.pkg()));
        }
        return modules;
    }
}
