package dev.rubric.examples.support;

import dev.rubric.junit.Response;
import dev.rubric.junit.RubricTest;

/**
 * The declarative form: the method only calls the system under test and returns what it answered; the annotation
 * says how it is graded.
 */
class DeclarativeSupportTest {

    final SupportAssistant assistant = new SupportAssistant(KnowledgeBase.standard());

    @RubricTest(rubric = "helpfulness", minScore = 4)
    Response tellsTheOpeningHours() {
        String question = "When can I call your support team?";
        return Response.of(question, assistant.answer(question));
    }

    @RubricTest(rubric = "honesty", minScore = 4, instruction = "Do you sell gift cards?")
    String admitsWhatItDoesNotKnow() {
        return assistant.answer("Do you sell gift cards?");
    }
}
