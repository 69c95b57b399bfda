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

    /** Modules whose every public type is marked or internal: all of them. */
    static final Set<String> MARKED_MODULES = Set.of("rubric-core", "rubric-local", "rubric-junit",
            "rubric-maven-plugin");

    private final String root;
    private final List<Layer> layers = new ArrayList<>();

    RubricArchitecture(String root) {
        this.root = root;
        // bottom: the secret type and the one redaction point, on no other Rubric package; the API over it, so that
        // every JudgeException message and every verdict's feedback is redacted where it is made
        layer("secret", "rubric-core");
        layer("core", "rubric-core", "secret");
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
        // the engine, bottom first: the grading scope (the contract between assertions and engine), the assertions and
        // annotations users write, the engine that runs them, and the listener that records plain Jupiter tests
        String junit = "rubric-junit";
        layer("junit.internal", junit, "results", "core");
        layer("junit", junit, "junit.internal", "judge", "results", "stats", "prometheus", "core", "secret");
        layer("junit.engine", junit, "junit", "junit.internal", "judge", "results", "stats", "prometheus", "core",
                "secret");
        layer("junit.jupiter", junit, "junit.engine", "junit", "junit.internal", "judge", "results", "stats",
                "prometheus", "core", "secret");
        // the plugin, bottom first: the merged results, the scopes a rule counts, the baseline, the gate, their words
        String plugin = "rubric-maven-plugin";
        layer("maven.merge", plugin, "results", "core");
        layer("maven.scope", plugin, "maven.merge", "results", "stats", "core");
        layer("maven.baseline", plugin, "maven.scope", "maven.merge", "results", "stats", "core");
        layer("maven.calibrate", plugin, "results.batch", "results", "stats", "core"); // judged against people
        layer("maven.bench", plugin, "results.batch", "results", "stats", "core"); // the paper's benchmarks
        layer("maven.gate", plugin, "maven.calibrate", "maven.baseline", "maven.scope", "maven.merge", "results",
                "stats", "core");
        layer("maven.rejudge", plugin, "maven.merge", "results.batch", "results", "stats", "core");
        layer("maven.fork", plugin, "results.batch", "results", "core");
        layer("maven.text", plugin, "maven.gate", "maven.calibrate", "maven.baseline", "maven.rejudge", "maven.scope",
                "maven.merge", "results", "stats", "core");
        layer("maven.report", plugin, "maven.text", "maven.gate", "maven.calibrate", "maven.baseline", "maven.rejudge",
                "maven.scope", "maven.merge", "results", "stats", "core");
        // the goals, over all of the plugin's packages
        layer("maven", plugin, "maven.report", "maven.text", "maven.gate", "maven.calibrate", "maven.bench",
                "maven.baseline", "maven.rejudge", "maven.fork", "maven.scope", "maven.merge", "results.batch",
                "results", "stats", "core");
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

    /** No cycles between packages. */
    ArchRule noCycles() {
        return slices().assignedFrom(new SliceAssignment() {
                    @Override
                    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                        String pkg = javaClass.getPackageName();
                        if (!pkg.equals(root) && !pkg.startsWith(root + ".")) {
                            return SliceIdentifier.ignore();
                        }
                        return SliceIdentifier.of(pkg);
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
