package dev.rubric.examples.support;

import dev.rubric.core.Rubrics;
import dev.rubric.junit.Response;
import dev.rubric.junit.RubricTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pairwise grading: is the new assistant better than the one in production? Each pair is judged in both orders
 * (A/B, then B/A); a preference that flips with the position is reported as inconsistent, not as a win.
 */
class AssistantUpgradeTest {

    final SupportAssistant current = new SupportAssistant(KnowledgeBase.standard());
    final LegacySupportAssistant legacy = new LegacySupportAssistant(KnowledgeBase.standard());

    @RubricTest(tags = "upgrade")
    void newAssistantExplainsRefundsBetter() {
        String question = "How do I get my money back?";
        // AssertJ's own assertThat gives the rubric assertion on a Response
        assertThat(Response.of(question, current.answer(question))).on(Rubrics.HELPFULNESS)
                .beats(legacy.answer(question));
    }

    @RubricTest(tags = "upgrade")
    void newAssistantIsAtLeastAsGoodOnShipping() {
        String question = "How long does shipping take?";
        assertThat(Response.of(question, current.answer(question))).on(Rubrics.HELPFULNESS)
                .beatsOrTies(legacy.answer(question));
    }
}
