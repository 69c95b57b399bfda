package com.example;

import dev.rubric.junit.Response;
import org.junit.jupiter.api.Test;

import static dev.rubric.junit.RubricAssertions.assertThat;
import static dev.rubric.junit.RubricAssertions.assertThatAnswer;
import static org.assertj.core.api.Assertions.assertThat;

/** Both entry points imported side by side: this class compiling is the check, with one rubric check each. */
class BothAssertThatsTest {

    final SupportBot bot = new SupportBot();

    @Test
    void assertJForTextRubricForResponses() {
        String q = "How do I get a refund?";
        assertThat(bot.answer(q)).contains("Orders");
        assertThat(Response.of(q, bot.answer(q))).scoresAtLeast(4);
        assertThatAnswer(bot.answer(q)).to(q).scoresAtLeast(4);
    }
}
