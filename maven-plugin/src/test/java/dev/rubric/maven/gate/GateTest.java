package dev.rubric.maven.gate;

import dev.rubric.maven.baseline.BaselineComparison;
import dev.rubric.maven.GateLog;
import dev.rubric.maven.text.ViolationText;
import dev.rubric.maven.merge.GatedTest;
import dev.rubric.maven.merge.MergedResults;
import dev.rubric.maven.baseline.BaselineFiles;
import dev.rubric.maven.Fixtures;

import dev.rubric.results.AbortRecord;
import dev.rubric.core.JudgeException;
import dev.rubric.results.Outcome;
import dev.rubric.results.TestResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.rubric.maven.Fixtures.aborted;
import static dev.rubric.maven.Fixtures.scored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GateTest {

    private static GateSettings global(Double minPassRate, Double minMeanScore, int maxAborted) {
        return new GateSettings(minPassRate, minMeanScore, maxAborted, null, false, List.of());
    }

    private static GateSettings rules(Rule... rules) {
        return new GateSettings(null, null, 0, null, false, List.of(rules));
    }

    private static final MergedResults SUITE = Fixtures.merged(
            scored("SupportBotTest", "explainsRefunds", "helpfulness", 4, 5),
            scored("SupportBotTest", "explainsShipping", "helpfulness", 4, 2),
            scored("SupportBotTest", "staysOnTopic", "relevance", 3, 4, "smoke"),
            scored("SummaryTest", "summarisesTicket", "relevance", 3, 5, "smoke"));

    @Test
    void aSuiteWithinItsLimitsPasses() {
        Gate.Result r = Gate.evaluate(SUITE, null, global(0.75, 3.5, 0));

        assertThat(r.passed()).isTrue();
        assertThat(r.checks()).isEqualTo(3);
        assertThat(r.total().status()).isEqualTo(Gate.Status.OK);
    }

    @Test
    void aLowPassRateNamesTheFailingTestsWithTheJudgesFeedback() {
        Gate.Result r = Gate.evaluate(SUITE, null, global(0.9, null, 0));

        assertThat(r.violations()).singleElement().satisfies(v -> {
            // the gate finds data; the words come from ViolationText
            assertThat(v).isEqualTo(new Violation.PassRateBelow(Scope.ALL, 0.75, 3, 4, 0.9, v.offenders()));
            assertThat(ViolationText.headline(v)).isEqualTo("all tests: pass rate 75.0% (3 of 4 tests) is below the minimum 90.0%");
            assertThat(v.offenders()).singleElement().satisfies(o -> {
                assertThat(ViolationText.test(o).shortName()).isEqualTo("SupportBotTest.explainsShipping");
                assertThat(ViolationText.detail(o)).isEqualTo("helpfulness scored 2 (scoresAtLeast 4): "
                        + "\"Feedback on explainsShipping: the answer is 2/5.\"");
            });
        });
        assertThat(r.total().status()).isEqualTo(Gate.Status.BROKEN);
        assertThat(GateLog.failure(r, "Results: x")).contains("Rubric quality gate failed: 1 rule broken",
                "- all tests: pass rate 75.0%", "    SupportBotTest.explainsShipping: helpfulness scored 2");
    }

    /**
     * Issue 10: a scope rule minPassRate 0.9 passed a scope whose tests' samples passed 60% of the time, because a
     * stopped-early test reported 3 of 3. Now the pass rate is about tests (the test met its 0.6: it passed), and a
     * rule on the samples' rate says it cannot be held on stopped-early tests, and how to run every sample.
     */
    @Test
    void aSamplePassRateRuleIsHeldOnlyOverSampledTestsThatRanEverySample() {
        TestResult[] stopped = Fixtures.sampledSequence("PoliteTest", "staysPolite", "politeness", 0.6, true,
                true, true, true, false, false).toArray(TestResult[]::new);
        TestResult[] full = Fixtures.sampledSequence("PoliteTest", "staysPolite", "politeness", 0.6, false,
                true, true, true, false, false).toArray(TestResult[]::new);
        Rule rule = Rule.of(Scope.testClass("PoliteTest"), 0.9, null, null, null).withMinSamplePassRate(0.9);

        Gate.Result early = Gate.evaluate(Fixtures.merged(stopped), null, rules(rule));
        Gate.Result whole = Gate.evaluate(Fixtures.merged(full), null, rules(rule));

        assertThat(early.classes().get(0).stats().passRate()).isEqualTo(1.0);
        assertThat(early.violations()).singleElement().satisfies(v -> {
            assertThat(v).isInstanceOf(Violation.SamplesStoppedEarly.class);
            assertThat(ViolationText.headline(v)).isEqualTo("class PoliteTest: sample pass rate cannot be held to "
                    + "90.0%: 1 of 1 sampled test stopped once its outcome was settled, so its samples are not a full "
                    + "run: run every sample with -Drubric.execution.early-stop=false (a system property, or in "
                    + "junit-platform.properties)");
            assertThat(ViolationText.lines(v.offenders().get(0))).singleElement().asString()
                    .startsWith("PoliteTest.staysPolite: passed 3 of 3 samples (needs 60.0%; stopped after 3 of 5)");
        });
        assertThat(whole.violations()).singleElement().satisfies(v -> assertThat(ViolationText.headline(v))
                .isEqualTo("class PoliteTest: sample pass rate 60.0% (3 of 5 samples of 1 sampled test) is below the "
                        + "minimum 90.0%"));
        assertThat(Gate.evaluate(Fixtures.merged(full), null, rules(Rule.of(Scope.testClass("PoliteTest"), null,
                null, null, null).withMinSamplePassRate(0.6))).passed()).isTrue();
    }

    @Test
    void aSamplePassRateRuleOnTestsWithoutSamplesCannotBeHeld() {
        Gate.Result r = Gate.evaluate(SUITE, null, new GateSettings(null, null, 0, null, false, List.of(), 0.8,
                false, GateSettings.DEFAULT_ALPHA));

        assertThat(r.violations()).singleElement().satisfies(v -> assertThat(ViolationText.headline(v))
                .isEqualTo("all tests: has no sampled tests, so its sample pass rate cannot be held to 80.0%: drop "
                        + "<minSamplePassRate> for it"));
    }

    @Test
    void aLowMeanScoreIsBroken() {
        Gate.Result r = Gate.evaluate(SUITE, null, global(null, 4.5, 0));

        assertThat(r.violations()).singleElement().satisfies(v -> {
            assertThat(ViolationText.what(v)).isEqualTo("mean score 4.00 (4 tests) is below the minimum 4.50");
            assertThat(v.offenders()).extracting(o -> ViolationText.test(o).methodName())
                    .containsExactly("explainsShipping", "staysOnTopic");
        });
    }

    @Test
    void abortedTestsBreakTheDefaultLimitOfNone() {
        MergedResults merged = Fixtures.merged(scored("A", "a", "helpfulness", 4, 5),
                aborted("A", "b", "helpfulness", "judge http://127.0.0.1:8000/v1 timed out after 60 s"));

        Gate.Result r = Gate.evaluate(merged, null, GateSettings.defaults());

        assertThat(r.violations()).singleElement().satisfies(v -> {
            assertThat(ViolationText.what(v)).startsWith("1 test aborted").endsWith("at most 0 allowed");
            assertThat(ViolationText.detail(v.offenders().get(0))).isEqualTo("aborted: judge http://127.0.0.1:8000/v1 timed out after 60 s");
        });
        assertThat(r.total().stats().passRate()).isEqualTo(1.0);
        assertThat(Gate.evaluate(merged, null, global(null, null, 1)).passed()).isTrue();
    }

    @Test
    void aRubricsMaxAbortedCountsTheTestsAbortedAtThatRubricsAssertions() {
        MergedResults merged = Fixtures.merged(scored("A", "a", "helpfulness", 4, 5),
                Fixtures.abortedOn("A", "b", "harmlessness", "judge http://127.0.0.1:8000/v1 timed out after 60 s"));
        Rule harmlessness = Rule.of(Scope.rubric("harmlessness"), null, null, 0, null);
        Rule helpfulness = Rule.of(Scope.rubric("helpfulness"), null, null, 0, null);

        Gate.Result r = Gate.evaluate(merged, null, new GateSettings(null, null, 1, null, false,
                List.of(harmlessness, helpfulness)));

        assertThat(r.violations()).singleElement().satisfies(v -> {
            assertThat(ViolationText.headline(v)).startsWith("rubric 'harmlessness': 1 test aborted").endsWith("at most 0 allowed");
            assertThat(v.offenders()).singleElement().satisfies(o -> assertThat(ViolationText.detail(o))
                    .isEqualTo("aborted: judge http://127.0.0.1:8000/v1 timed out after 60 s"));
        });
        assertThat(ViolationText.describe(Fixtures.noVerdict("harmlessness")))
                .isEqualTo("harmlessness scoresAtLeast 4: no verdict (the judge failed)");
    }

    @Test
    void aRubricWhoseTestsAllAbortedIsNeverShownAsOk() {
        MergedResults merged = Fixtures.merged(
                Fixtures.abortedOn("A", "b", "harmlessness", "judge http://127.0.0.1:8000/v1 timed out after 60 s"),
                scored("A", "a", "helpfulness", 4, 5));
        Rule harmlessness = Rule.of(Scope.rubric("harmlessness"), 1.0, 4.0, null, null);
        Rule helpfulness = Rule.of(Scope.rubric("helpfulness"), 1.0, 4.0, null, null);

        Gate.Result r = Gate.evaluate(merged, null, new GateSettings(null, null, 1, null, false,
                List.of(harmlessness, helpfulness)));

        assertThat(r.rubrics()).filteredOn(row -> row.stats().scope().equals(Scope.rubric("harmlessness")))
                .singleElement().satisfies(row -> assertThat(row.status()).isEqualTo(Gate.Status.UNCHECKED));
        assertThat(r.rubrics()).filteredOn(row -> row.stats().scope().equals(Scope.rubric("helpfulness")))
                .singleElement().satisfies(row -> assertThat(row.status()).isEqualTo(Gate.Status.OK));
    }

    @Test
    void rulesPerRubricClassAndTagSeeOnlyTheirTests() {
        Rule helpfulness = Rule.of(Scope.rubric("helpfulness"), 0.9, null, null, null);
        Rule relevance = Rule.of(Scope.rubric("relevance"), 0.9, 4.5, null, null);
        Rule summaryClass = Rule.of(Scope.testClass("SummaryTest"), 1.0, 5.0, null, null);
        Rule smoke = Rule.of(Scope.tag("smoke"), 1.0, null, null, null);

        Gate.Result r = Gate.evaluate(SUITE, null, rules(helpfulness, relevance, summaryClass, smoke));

        assertThat(r.violations()).extracting(ViolationText::headline).containsExactly(
                "rubric 'helpfulness': pass rate 50.0% (1 of 2 tests) is below the minimum 90.0%");
        assertThat(r.rubrics()).extracting(row -> row.stats().scope().value() + "=" + row.status())
                .containsExactly("helpfulness=BROKEN", "relevance=OK");
        assertThat(r.classes()).extracting(row -> row.status())
                .containsExactly(Gate.Status.OK, Gate.Status.UNCHECKED);
    }

    @Test
    void aRuleThatMatchesNoTestIsBrokenAndListsWhatExists() {
        Gate.Result r = Gate.evaluate(SUITE, null, rules(Rule.of(Scope.rubric("helpfulnes"), 0.5, null, null, null)));

        assertThat(r.violations()).singleElement().extracting(ViolationText::headline).isEqualTo(
                "rubric 'helpfulnes': no test matches it (the results have: helpfulness, relevance): check the name"
                        + " in <rules>");
    }

    @Test
    void aRuleMustNameExactlyOneScope() {
        Rule none = new Rule();
        Rule two = Rule.of(Scope.rubric("helpfulness"), 0.5, null, null, null);
        Rule withTag = Rule.of(Scope.tag("smoke"), 0.5, null, null, null);

        assertThatThrownBy(() -> Gate.evaluate(SUITE, null, rules(none))).isInstanceOf(InvalidRuleException.class)
                .hasMessageContaining("must name exactly one of <rubric>, <testClass>, <tag> or <module>");
        assertThatThrownBy(() -> Gate.evaluate(SUITE, null, rules(Rule.of(Scope.rubric("x"), 1.5, null, null, null))))
                .hasMessageContaining("minPassRate must be a fraction in [0, 1] (0.9 for 90%), got 1.5");
        assertThat(two.getRubric()).isEqualTo("helpfulness");
        assertThat(withTag.getTag()).isEqualTo("smoke");
    }

    @Test
    void aMeanScoreDropAgainstTheBaselineBreaksTheRubricsLimit() {
        BaselineComparison baseline = new BaselineComparison(BaselineFiles.of(Fixtures.merged(
                scored("SupportBotTest", "explainsRefunds", "helpfulness", 4, 5),
                scored("SupportBotTest", "explainsShipping", "helpfulness", 4, 5),
                scored("SupportBotTest", "staysOnTopic", "relevance", 3, 4))));
        // a new test with a low score must not count as a drop: only tests in both are compared
        MergedResults now = Fixtures.merged(scored("SupportBotTest", "explainsRefunds", "helpfulness", 4, 5),
                scored("SupportBotTest", "explainsShipping", "helpfulness", 4, 4),
                scored("SupportBotTest", "staysOnTopic", "relevance", 3, 4),
                scored("SupportBotTest", "brandNew", "relevance", 3, 1));

        Gate.Result tight = Gate.evaluate(now, baseline, new GateSettings(null, null, 0, 0.25, false, List.of()));
        Gate.Result loose = Gate.evaluate(now, baseline, new GateSettings(null, null, 0, 0.25, false,
                List.of(Rule.of(Scope.rubric("helpfulness"), null, null, null, 0.5))));

        assertThat(tight.violations()).singleElement().satisfies(v -> {
            assertThat(ViolationText.headline(v)).isEqualTo("rubric 'helpfulness': mean score fell by 0.50 against the baseline "
                    + "(5.00 -> 4.50 over 2 tests in both), more than the allowed 0.25");
            assertThat(v.offenders()).singleElement().extracting(ViolationText::detail).asString()
                    .startsWith("5.00 -> 4.00");
        });
        Gate.Result looseByCriteria = Gate.evaluate(now, baseline, new GateSettings(null, null, 0, 0.25, false,
                List.of(Rule.of(Scope.rubric("Is the response helpfulness?"), null, null, null, 0.5))));
        assertThat(loose.passed()).isTrue();
        assertThat(looseByCriteria.passed()).isTrue();
        assertThat(tight.rubrics()).extracting(Gate.Row::meanScoreChange).containsExactly(-0.5, 0.0);
    }

    @Test
    void aTestThatPassedInTheBaselineAndFailsNowIsANewFailure() {
        BaselineComparison baseline = new BaselineComparison(BaselineFiles.of(Fixtures.merged(
                scored("A", "stable", "helpfulness", 4, 5), scored("A", "regressed", "helpfulness", 4, 5),
                scored("A", "alreadyBroken", "helpfulness", 4, 1))));
        MergedResults now = Fixtures.merged(scored("A", "stable", "helpfulness", 4, 5),
                scored("A", "regressed", "helpfulness", 4, 3), scored("A", "alreadyBroken", "helpfulness", 4, 1));

        Gate.Result off = Gate.evaluate(now, baseline, GateSettings.defaults());
        Gate.Result on = Gate.evaluate(now, baseline, new GateSettings(null, null, 0, null, true, List.of()));

        assertThat(off.passed()).isTrue();
        assertThat(on.violations()).singleElement().satisfies(v -> {
            assertThat(ViolationText.what(v)).isEqualTo("1 test passed in the baseline and fails now");
            assertThat(v.offenders()).extracting(o -> ViolationText.test(o).methodName()).containsExactly("regressed");
        });
    }

    @Test
    void offendersAreCappedAndTheRestCounted() {
        TestResult[] failing = new TestResult[14];
        for (int i = 0; i < failing.length; i++) {
            failing[i] = scored("Many", "t" + (char) ('a' + i), "helpfulness", 4, 1);
        }
        Gate.Result r = Gate.evaluate(Fixtures.merged(failing), null, global(0.5, null, 0));

        List<Violation.Offender> offenders = r.violations().get(0).offenders();
        assertThat(offenders).hasSize(Gate.MAX_OFFENDERS + 1);
        assertThat(ViolationText.detail(offenders.get(Gate.MAX_OFFENDERS))).isEqualTo("and 4 more (see mvn rubric:report)");
    }

    @Test
    void theTableHasARowPerRubricAndClassAndATotal() {
        Gate.Result r = Gate.evaluate(SUITE, null, global(0.9, null, 0));

        List<String> table = GateLog.table(r, false);

        assertThat(table.get(0)).startsWith("rubric / class / tag").contains("tests", "pass rate", "mean", "verdict")
                .doesNotContain("baseline");
        assertThat(table).hasSize(6);
        assertThat(table.get(1)).startsWith("helpfulness").contains("50.0%", "3.50");
        assertThat(table.get(5)).startsWith("all tests").contains("75.0%", "BROKEN");
        assertThat(GateLog.summary(r, SUITE)).isEqualTo("Rubric: 4 tests from 1 results file, pass rate 75.0%, "
                + "mean score 4.00, 0 aborted: 1 rule broken.");
        assertThat(SUITE.tests()).extracting(GatedTest::outcome).contains(Outcome.FAILED);
    }

    private static final String NO_WEIGHTS = "the judge gave no verdict (MODEL_FAILED_TO_LOAD): no judge: Cannot "
            + "download prometheus-eval/prometheus-7b-v2.0@main: HF_HUB_OFFLINE is set, which forbids downloads, and "
            + "the cache /home/dev/.cache/huggingface/hub has no snapshot of it. Unset HF_HUB_OFFLINE to let Rubric "
            + "download it, or point rubric.judge.model at a directory that holds config.json, tokenizer.json and "
            + "*.safetensors.";

    @Test
    void testsAbortedForOneReasonSayItOnceInFullThenNameTheTests() {
        MergedResults merged = Fixtures.merged(aborted("A", "a", "helpfulness", NO_WEIGHTS),
                aborted("A", "b", "helpfulness", NO_WEIGHTS),
                aborted("B", "sampled", "helpfulness", "not enough samples passed and some had no verdict: 0/2 samples"
                        + " passed; first abort: " + NO_WEIGHTS));

        Gate.Result r = Gate.evaluate(merged, null, GateSettings.defaults());

        assertThat(r.violations()).singleElement().satisfies(v -> assertThat(ViolationText.offenderLines(v))
                .containsExactly("all 3 aborted for one reason: " + NO_WEIGHTS, "  A.a, A.b, B.sampled"));
        assertThat(GateLog.failure(r, "Results: x")).contains("- all tests: 3 tests aborted",
                "    all 3 aborted for one reason: the judge gave no verdict (MODEL_FAILED_TO_LOAD)",
                "point rubric.judge.model at a directory", "      A.a, A.b, B.sampled");
    }

    @Test
    void typedAbortReasonsGroupTestsWithoutReadingTheirMessages() {
        AbortRecord down = new AbortRecord(JudgeException.Reason.UNREACHABLE, NO_WEIGHTS);
        TestResult plain = aborted("A", "a", "helpfulness", NO_WEIGHTS);
        TestResult sampled = aborted("B", "sampled", "helpfulness", "not enough samples passed and some had no verdict:"
                + " 0/2 samples passed (its first sample's reason is in the abort field)");
        MergedResults merged = Fixtures.merged(withAbort(plain, down), withAbort(sampled, down));

        Gate.Result r = Gate.evaluate(merged, null, GateSettings.defaults());

        assertThat(r.violations()).singleElement().satisfies(v -> assertThat(ViolationText.offenderLines(v))
                .containsExactly("all 2 aborted for one reason: " + NO_WEIGHTS, "  A.a, B.sampled"));
    }

    private static TestResult withAbort(TestResult t, AbortRecord abort) {
        return new TestResult(t.uniqueId(), t.parentId(), t.className(), t.methodName(), t.displayName(), t.tags(),
                t.outcome(), t.message(), t.durationMs(), t.assertions(), t.verdicts(), t.samples(), abort);
    }

    @Test
    void skippedTestsNeverCountAsAborted() {
        MergedResults merged = Fixtures.merged(Fixtures.scored("A", "a", "helpfulness", 4, 5),
                Fixtures.test("A", "assumes", Outcome.SKIPPED, List.of(), List.of()));

        Gate.Result r = Gate.evaluate(merged, null, GateSettings.defaults());

        assertThat(r.violations()).isEmpty();
    }

    @Test
    void testsAbortedForTwoReasonsAreGroupedByReason() {
        MergedResults merged = Fixtures.merged(aborted("A", "a", "helpfulness", "server down"),
                aborted("A", "b", "helpfulness", "server down"), aborted("A", "c", "helpfulness", "bad output"));

        Gate.Result r = Gate.evaluate(merged, null, GateSettings.defaults());

        assertThat(ViolationText.offenderLines(r.violations().get(0)))
                .containsExactly("2 aborted for one reason: server down", "  A.a, A.b", "A.c: aborted: bad output");
    }

    @Test
    void aRubricRuleWithoutVerdictsBecauseTheJudgeFailedSaysSoInsteadOfBlamingTheName() {
        MergedResults merged = Fixtures.merged(aborted("A", "a", "helpfulness", NO_WEIGHTS));

        Gate.Result r = Gate.evaluate(merged, null, rules(Rule.of(Scope.rubric("helpfulness"), 0.9, null, null, null)));

        assertThat(r.violations()).extracting(ViolationText::headline).contains("rubric 'helpfulness': no test has a "
                + "verdict on it (the results have none), but 1 test aborted before the judge graded them: make the "
                + "judge work first, then check the name in <rules> if this stays");
    }

    @Test
    void aModuleRuleHoldsItsModuleAndOffendersNameTheirModule() {
        MergedResults all = dev.rubric.maven.merge.ResultsMerger.aggregate(new java.util.LinkedHashMap<>(java.util.Map.of(
                "billing", Fixtures.merged(scored("RefundTest", "a", "helpfulness", 4, 5)),
                "shipping", Fixtures.merged(scored("ParcelTest", "b", "helpfulness", 4, 2),
                        scored("ParcelTest", "c", "helpfulness", 4, 5)))));

        Gate.Result r = Gate.evaluate(all, null, rules(Rule.of(Scope.module("shipping"), 0.9, null, null, null),
                Rule.of(Scope.module("billing"), 0.9, null, null, null)));

        assertThat(r.modules()).extracting(row -> row.stats().scope().value(), Gate.Row::status)
                .containsExactly(tuple("billing", Gate.Status.OK), tuple("shipping", Gate.Status.BROKEN));
        assertThat(r.violations()).singleElement().satisfies(v -> {
            assertThat(ViolationText.headline(v)).isEqualTo("module shipping: pass rate 50.0% (1 of 2 tests) is below "
                    + "the minimum 90.0%");
            assertThat(ViolationText.offenderLines(v)).singleElement().asString()
                    .startsWith("[shipping] ParcelTest.b: helpfulness scored 2");
        });
        assertThat(GateLog.table(r, false)).anyMatch(l -> l.matches("module shipping\\s+2\\s+50\\.0%.*BROKEN"));
        assertThat(Gate.evaluate(all, null, rules(Rule.of(Scope.module("payments"), 0.9, null, null, null)))
                .violations()).singleElement().satisfies(v -> assertThat(ViolationText.headline(v))
                .isEqualTo("module payments: no test matches it (the results have: billing, shipping): check the name "
                        + "in <rules>"));
    }
}
