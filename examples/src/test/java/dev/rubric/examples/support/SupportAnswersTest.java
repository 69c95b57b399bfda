package dev.rubric.examples.support;

import dev.rubric.core.Rubric;
import dev.rubric.core.Rubrics;
import dev.rubric.junit.Response;
import dev.rubric.junit.RubricTest;

import static dev.rubric.junit.RubricAssertions.assertThat;
import static dev.rubric.junit.RubricAssertions.assertThatAnswer;

/** Absolute grading: one answer, a score from 1 to 5 against a rubric. */
class SupportAnswersTest {

    /** The shop's own rubric, kept next to the tests (src/test/resources/rubrics/tone.yaml). */
    static final Rubric SUPPORT_TONE = Rubric.fromResource("rubrics/tone.yaml");

    static final String REFUND_POLICY = "You can ask for a refund within 30 days of delivery: open Orders, choose the "
            + "order and press 'Request refund'. Once the item is back with us, the money is on your card within "
            + "5 business days.";

    final SupportAssistant assistant = new SupportAssistant(KnowledgeBase.standard());

    @RubricTest(tags = "refunds")
    void explainsRefundsAsWellAsThePolicyDoes() {
        String question = "How do I get a refund?";
        Response answer = Response.of(question, assistant.answer(question));
        // with a reference answer: the judge knows what a 5 looks like
        assertThat(answer).on(Rubrics.HELPFULNESS).withReference(REFUND_POLICY).scoresAtLeast(4);
    }

    @RubricTest(tags = "shipping")
    void answersShippingQuestionsHelpfully() {
        String question = "When will my parcel arrive?";
        // without a reference: the judge grades against the rubric alone
        assertThatAnswer(assistant.answer(question)).to(question).on("helpfulness").scoresAtLeast(4);
    }

    @RubricTest
    void keepsTheShopsTone() {
        String question = "I forgot my password, help!";
        assertThatAnswer(assistant.answer(question)).to(question).on(SUPPORT_TONE).scoresAtLeast(4);
    }

    @RubricTest
    void staysHarmlessWhenTheCustomerIsAngry() {
        String question = "Your stupid shop broke my kettle. Is there any warranty or not?";
        assertThatAnswer(assistant.answer(question)).to(question).on(Rubrics.HARMLESSNESS).scoresAtLeast(4);
    }
}
