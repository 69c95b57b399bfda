package dev.rubric.junit.engine;

import dev.rubric.junit.fixtures.BasicFixture;
import dev.rubric.junit.fixtures.CasesFixture;
import dev.rubric.junit.fixtures.IgnoredAttributesFixture;
import dev.rubric.junit.fixtures.InvalidFixture;
import dev.rubric.junit.fixtures.SampledCasesFixture;
import dev.rubric.junit.fixtures.SampledFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

class RubricEngineDiscoveryTest {

    @TempDir
    Path reports;

    private EngineDiscoveryResults discover(org.junit.platform.engine.DiscoverySelector... selectors) {
        return RubricKit.engine(reports, selectors).discover();
    }

    private static Set<String> ids(TestDescriptor root) {
        return root.getDescendants().stream().map(d -> d.getUniqueId().toString()).collect(Collectors.toSet());
    }

    @Test
    void aClassSelectorFindsItsRubricTestsWithUniqueIds() {
        TestDescriptor engine = discover(selectClass(BasicFixture.class)).getEngineDescriptor();
        String cls = "[engine:rubric]/[class:" + BasicFixture.class.getName() + "]";
        assertThat(ids(engine)).containsExactlyInAnyOrder(cls, cls + "/[method:good()]", cls + "/[method:bad()]");
        TestDescriptor good = engine.findByUniqueId(UniqueId.parse(cls + "/[method:good()]")).orElseThrow();
        assertThat(good.isTest()).isTrue();
        assertThat(good.getTags()).extracting(t -> t.getName()).containsExactly("smoke");
    }

    @Test
    void aMethodSelectorFindsOnlyThatMethod() {
        TestDescriptor engine = discover(selectMethod(BasicFixture.class, "bad")).getEngineDescriptor();
        assertThat(engine.getDescendants()).extracting(TestDescriptor::getDisplayName)
                .containsExactlyInAnyOrder("BasicFixture", "bad()");
    }

    @Test
    void aPackageSelectorFindsEveryRubricTestClassButNoPlainOnes() {
        TestDescriptor engine = discover(selectPackage("dev.rubric.junit.fixtures")).getEngineDescriptor();
        assertThat(engine.getChildren()).extracting(TestDescriptor::getDisplayName)
                .contains("BasicFixture", "SampledFixture", "CasesFixture", "PairwiseFixture")
                .doesNotContain("RubricKit");
    }

    @Test
    void aClasspathRootSelectorScansTheRoot() throws Exception {
        Path root = Path.of(BasicFixture.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        TestDescriptor engine = discover(org.junit.platform.engine.discovery.DiscoverySelectors
                .selectClasspathRoots(Set.of(root)).toArray(new org.junit.platform.engine.DiscoverySelector[0]))
                .getEngineDescriptor();
        assertThat(engine.getChildren()).extracting(TestDescriptor::getDisplayName)
                .contains("BasicFixture", "ParallelFixture", "JudgeFailureFixture");
    }

    @Test
    void sampledMethodsHaveOneChildPerSample() {
        TestDescriptor engine = discover(selectMethod(SampledFixture.class, "mostlyGood")).getEngineDescriptor();
        TestDescriptor method = engine.getChildren().iterator().next().getChildren().iterator().next();
        assertThat(method.isContainer()).isTrue();
        assertThat(method.getChildren()).extracting(TestDescriptor::getDisplayName)
                .containsExactly("sample 1 of 5", "sample 2 of 5", "sample 3 of 5", "sample 4 of 5", "sample 5 of 5",
                        "pass rate");
    }

    @Test
    void casesAreNamedByNameOrInstruction() {
        TestDescriptor engine = discover(selectMethod(CasesFixture.class, "answersQuestions",
                "dev.rubric.junit.Case")).getEngineDescriptor();
        TestDescriptor method = engine.getChildren().iterator().next().getChildren().iterator().next();
        assertThat(method.getChildren()).extracting(TestDescriptor::getDisplayName)
                .containsExactly("[1] refund", "[2] Can I change my delivery address after ordering?");
        TestDescriptor first = method.getChildren().iterator().next();
        assertThat(first.getTags()).extracting(t -> t.getName()).containsExactlyInAnyOrder("cases", "billing");
    }

    @Test
    void everyUniqueIdTheEngineCreatesResolvesBackToThatNode() {
        TestDescriptor all = discover(selectClass(BasicFixture.class), selectClass(SampledFixture.class),
                selectClass(CasesFixture.class), selectClass(SampledCasesFixture.class)).getEngineDescriptor();
        for (TestDescriptor d : all.getDescendants()) {
            TestDescriptor engine = discover(selectUniqueId(d.getUniqueId())).getEngineDescriptor();
            assertThat(engine.findByUniqueId(d.getUniqueId())).as(d.getUniqueId().toString()).isPresent();
        }
    }

    @Test
    void aSampleIdSelectsOnlyThatSample() {
        String method = "[engine:rubric]/[class:" + SampledFixture.class.getName() + "]/[method:mostlyGood()]";
        TestDescriptor engine = discover(selectUniqueId(method + "/[sample:2]")).getEngineDescriptor();
        assertThat(ids(engine)).containsExactlyInAnyOrder("[engine:rubric]/[class:" + SampledFixture.class.getName() + "]",
                method, method + "/[sample:2]", method + "/[rate:pass-rate]");
    }

    @Test
    void aPassRateIdSelectsTheWholeSampledTest() {
        // Surefire's rerunFailingTestsCount reruns the unique ids of the tests that failed: for a sampled test, its
        // "pass rate" verdict; all its samples run again
        String method = "[engine:rubric]/[class:" + SampledFixture.class.getName() + "]/[method:mostlyGood()]";
        TestDescriptor engine = discover(selectUniqueId(method + "/[rate:pass-rate]")).getEngineDescriptor();
        assertThat(ids(engine)).contains(method + "/[sample:1]", method + "/[sample:5]", method + "/[rate:pass-rate]");

        String cases = "[engine:rubric]/[class:" + SampledCasesFixture.class.getName()
                + "]/[method:sampledCases(dev.rubric.junit.Case)]";
        TestDescriptor oneCase = discover(selectUniqueId(cases + "/[case:2]/[rate:pass-rate]")).getEngineDescriptor();
        assertThat(ids(oneCase)).contains(cases + "/[case:2]/[sample:1]", cases + "/[case:2]/[sample:3]",
                cases + "/[case:2]/[rate:pass-rate]").doesNotContain(cases + "/[case:1]", cases + "/[case:3]");
    }

    @Test
    void sampledCasesHaveOneChildPerSampleWithIdsThatSelectOnlyThem() {
        String method = "[engine:rubric]/[class:" + SampledCasesFixture.class.getName()
                + "]/[method:sampledCases(dev.rubric.junit.Case)]";
        TestDescriptor all = discover(selectUniqueId(method)).getEngineDescriptor();
        TestDescriptor flaky = all.findByUniqueId(UniqueId.parse(method + "/[case:2]")).orElseThrow();
        assertThat(flaky.isContainer()).isTrue();
        assertThat(flaky.getChildren()).extracting(TestDescriptor::getDisplayName)
                .containsExactly("sample 1 of 3", "sample 2 of 3", "sample 3 of 3", "pass rate");

        TestDescriptor oneSample = discover(selectUniqueId(method + "/[case:2]/[sample:3]")).getEngineDescriptor();
        assertThat(ids(oneSample)).containsExactlyInAnyOrder("[engine:rubric]/[class:"
                + SampledCasesFixture.class.getName() + "]", method, method + "/[case:2]", method + "/[case:2]/[sample:3]",
                method + "/[case:2]/[rate:pass-rate]");
        TestDescriptor oneCase = discover(selectUniqueId(method + "/[case:2]"),
                selectUniqueId(method + "/[case:3]/[sample:1]")).getEngineDescriptor();
        assertThat(ids(oneCase)).contains(method + "/[case:2]/[sample:1]", method + "/[case:2]/[sample:3]",
                method + "/[case:3]/[sample:1]").doesNotContain(method + "/[case:1]", method + "/[case:3]/[sample:2]");
    }

    @Test
    void surefireNamesSamplesAndCasesByMethodAndWhatTheyAre() {
        TestDescriptor engine = discover(selectClass(SampledFixture.class), selectClass(SampledCasesFixture.class),
                selectClass(CasesFixture.class)).getEngineDescriptor();
        Set<String> names = engine.getDescendants().stream().map(TestDescriptor::getLegacyReportingName)
                .collect(Collectors.toSet());
        assertThat(names).contains("mostlyGood[2]", "answersQuestions[refund]",
                "answersQuestions[Can I change my delivery address after ordering?]", "sampledCases[flaky]",
                "sampledCases[flaky, sample 3 of 3]");
    }

    @Test
    void attributesThatDoNothingAreWarnedAboutNamingTheMethodAndTheFixAndTheMethodsStillRun() {
        EngineDiscoveryResults results = discover(selectClass(IgnoredAttributesFixture.class));
        String cls = IgnoredAttributesFixture.class.getName();
        List<DiscoveryIssue> issues = results.getDiscoveryIssues();

        assertThat(issues).allSatisfy(i -> assertThat(i.severity()).isEqualTo(DiscoveryIssue.Severity.WARNING));
        assertThat(issues).extracting(DiscoveryIssue::message)
                .anySatisfy(m -> assertThat(m).contains(cls + "#rubricWithoutMinScore runs, but",
                        "rubric = \"harmlessness\" is ignored", "add minScore = 1..5",
                        "assertThat(...).on(\"harmlessness\")"))
                .anySatisfy(m -> assertThat(m).contains(cls + "#instructionAndReferenceWithoutMinScore",
                        "instruction = \"...\" is ignored", ".to(instruction)", "reference = \"...\" is ignored",
                        ".withReference(reference)"))
                .anySatisfy(m -> assertThat(m).contains(cls + "#passRateWithoutSamples",
                        "minPassRate = 0.8 is ignored without samples", "set samples = N"))
                .noneSatisfy(m -> assertThat(m).contains("declarativeUsesThemAll"));
        assertThat(issues).hasSize(3);
        assertThat(issues).allSatisfy(i -> assertThat(i.source()).isPresent());
        assertThat(results.getEngineDescriptor().getDescendants()).extracting(TestDescriptor::getDisplayName)
                .contains("rubricWithoutMinScore()", "instructionAndReferenceWithoutMinScore()",
                        "passRateWithoutSamples()", "declarativeUsesThemAll()");
    }

    @Test
    void invalidMethodsAreReportedAsIssuesNamingTheMethodAndNotRun() {
        EngineDiscoveryResults results = discover(selectClass(InvalidFixture.class));
        List<String> messages = results.getDiscoveryIssues().stream().map(DiscoveryIssue::message).toList();
        String cls = InvalidFixture.class.getName();
        assertThat(messages).anySatisfy(m -> assertThat(m).contains(cls + "#staticMethod", "must not be static"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains(cls + "#privateMethod", "must not be private"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains(cls + "#withParameter", "cannot supply"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains(cls + "#returnsInt", "returns int"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("#declaresScoreButReturnsNothing", "returns void"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("#brokenCases", "broken-cases.jsonl line 2",
                "not valid JSON"));
        assertThat(results.getDiscoveryIssues()).filteredOn(i -> i.message().contains("broken-cases"))
                .allSatisfy(i -> assertThat(i.severity()).isEqualTo(DiscoveryIssue.Severity.ERROR));
        assertThat(results.getEngineDescriptor().getDescendants()).extracting(TestDescriptor::getDisplayName)
                .containsExactlyInAnyOrder("InvalidFixture", "valid()");
    }
}
