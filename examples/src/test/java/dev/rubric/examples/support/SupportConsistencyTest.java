package dev.rubric.examples.support;

import dev.rubric.core.Rubrics;
import dev.rubric.junit.RubricTest;

import static dev.rubric.junit.RubricAssertions.assertThatAnswer;

/**
 * Sampled tests: the assistant phrases its answers differently each time, like any LLM application, so one lucky
 * answer proves little. The method runs up to 5 times (each run a child test) and passes when 80% of the runs do;
 * the engine stops as soon as the outcome is settled and reports the pass rate with its 95% Wilson interval.
 */
class SupportConsistencyTest {

    final SupportAssistant assistant = new SupportAssistant(KnowledgeBase.standard());

    @RubricTest(samples = 5, minPassRate = 0.8)
    void warrantyAnswersAreReliablyHelpful() {
        String question = "What does the warranty cover if my product is defective?";
        assertThatAnswer(assistant.answer(question)).to(question).on(Rubrics.HELPFULNESS).scoresAtLeast(4);
    }
}
