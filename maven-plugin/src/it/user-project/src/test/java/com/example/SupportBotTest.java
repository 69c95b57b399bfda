package com.example;

import dev.rubric.core.Rubrics;
import dev.rubric.junit.Response;
import dev.rubric.junit.RubricTest;

import static dev.rubric.junit.RubricAssertions.assertThat;
import static dev.rubric.junit.RubricAssertions.assertThatAnswer;

class SupportBotTest {

    final SupportBot bot = new SupportBot();

    @RubricTest
    void explainsRefunds() {
        String q = "How do I get a refund?";
        assertThat(Response.of(q, bot.answer(q))).on(Rubrics.HELPFULNESS).scoresAtLeast(4);
    }

    @RubricTest(samples = 3, minPassRate = 0.6)
    void staysOnTopic() {
        assertThatAnswer(bot.answer("Refund please")).to("Refund please").scoresAtLeast(4);
    }
}
