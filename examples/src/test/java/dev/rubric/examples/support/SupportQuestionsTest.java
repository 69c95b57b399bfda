package dev.rubric.examples.support;

import dev.rubric.core.Rubrics;
import dev.rubric.junit.Case;
import dev.rubric.junit.Cases;
import dev.rubric.junit.RubricTest;

import static dev.rubric.junit.RubricAssertions.assertThatAnswer;

/** Data-driven: one test per line of support-questions.jsonl, each with its own reference answer and tags. */
class SupportQuestionsTest {

    final SupportAssistant assistant = new SupportAssistant(KnowledgeBase.standard());

    @RubricTest
    @Cases("/support-questions.jsonl")
    void answersTheFrequentQuestions(Case question) {
        assertThatAnswer(assistant.answer(question.instruction())).to(question.instruction())
                .on(Rubrics.HELPFULNESS)
                .withReference(question.reference())
                .scoresAtLeast(4);
    }
}
