package com.example;

import dev.rubric.junit.Case;
import dev.rubric.junit.Cases;
import dev.rubric.junit.Response;
import dev.rubric.junit.RubricTest;

import static dev.rubric.junit.RubricAssertions.assertThat;
import static dev.rubric.junit.RubricAssertions.assertThatAnswer;

class SupportBotTest {

    final SupportBot bot = new SupportBot();

    @RubricTest
    void explainsTheRefundWindow() {
        String q = "What is the refund window?";
        assertThat(Response.of(q, bot.answer(q))).scoresAtLeast(4);
    }

    @RubricTest
    @Cases("refund-questions.jsonl")
    void answersRefundQuestions(Case c) {
        assertThat(Response.of(c.instruction(), bot.answer(c.instruction()))).scoresAtLeast(4);
    }

    @RubricTest
    void offTopicAnswersAreRecognised() {
        String q = "Where is my parcel?";
        assertThat(Response.of(q, bot.answer(q))).scoresAtMost(2);
    }

    @RubricTest
    void theWindowBeatsAReferral() {
        String q = "How long do I have for a refund?";
        assertThatAnswer(bot.answer(q)).to(q).beats("Please contact support.");
    }

    @RubricTest(samples = 3, minPassRate = 0.6)
    void staysOnRefunds() {
        assertThatAnswer(bot.answer("Refund please")).to("Refund please").scoresAtLeast(4);
    }
}
