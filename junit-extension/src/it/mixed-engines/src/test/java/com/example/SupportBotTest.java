package com.example;

import dev.rubric.core.Rubrics;
import dev.rubric.junit.Case;
import dev.rubric.junit.Cases;
import dev.rubric.junit.Response;
import dev.rubric.junit.RubricTest;
import org.junit.jupiter.api.Test;

import static dev.rubric.junit.RubricAssertions.assertThat;
import static dev.rubric.junit.RubricAssertions.assertThatAnswer;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SupportBotTest {

    final SupportBot bot = new SupportBot();

    @Test
    void answersAreNeverEmpty() {
        assertTrue(!bot.answer("hello").isEmpty());
    }

    @Test
    void rubricAssertionsWorkInPlainJupiterTests() {
        assertThatAnswer(bot.answer("How do I get a refund?")).to("How do I get a refund?").scoresAtLeast(4);
    }

    @RubricTest
    void explainsRefunds() {
        String q = "How do I get a refund?";
        assertThat(Response.of(q, bot.answer(q))).on(Rubrics.HELPFULNESS).scoresAtLeast(4);
    }

    @RubricTest
    void newAnswerBeatsLegacy() {
        String q = "Where is my refund?";
        assertThatAnswer(bot.answer(q)).to(q).beats(bot.legacyAnswer(q));
    }

    @RubricTest(samples = 3, minPassRate = 0.6)
    void refundAnswerIsStable() {
        assertThatAnswer(bot.answer("Refund please")).to("Refund please").scoresAtLeast(4);
    }

    @RubricTest(samples = 3, minPassRate = 0.6)
    void legacyAnswerIsStable() {
        assertThatAnswer(bot.legacyAnswer("Refund please")).to("Refund please").scoresAtLeast(4);
    }

    @RubricTest
    @Cases("/refund-questions.jsonl")
    void answersRefundQuestions(Case c) {
        assertThatAnswer(bot.answer(c.instruction())).to(c.instruction()).scoresAtLeast(4);
    }

    @RubricTest(samples = 2)
    @Cases("/refund-questions.jsonl")
    void reliablyAnswersRefundQuestions(Case c) {
        assertThatAnswer(bot.answer(c.instruction())).to(c.instruction()).scoresAtLeast(4);
    }

    @RubricTest(rubric = "helpfulness", minScore = 4, instruction = "Can you refund my shipping fee?")
    String declaredRefund() {
        return bot.legacyAnswer("Can you refund my shipping fee?");
    }
}
