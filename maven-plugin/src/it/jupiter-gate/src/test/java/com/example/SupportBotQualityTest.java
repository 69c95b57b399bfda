package com.example;

import dev.rubric.junit.Response;
import dev.rubric.junit.RubricContext;
import dev.rubric.junit.RubricSoftAssertions;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Plain Jupiter tests with rubric checks: AssertJ's own assertThat, an extension, templates, parallel execution. */
@Tag("quality")
@ExtendWith(SupportBotExtension.class)
class SupportBotQualityTest {

    @ParameterizedTest
    @ValueSource(strings = {"How do I get a refund?", "Can I return a gift?"})
    void answersRefundQuestions(String question, SupportBot bot) {
        assertThat(Response.of(question, bot.answer(question))).scoresAtLeast(4);
    }

    @RepeatedTest(2)
    void answersTheSameQuestionAlike(SupportBot bot) {
        String q = "Where is my refund?";
        assertThat(Response.of(q, bot.answer(q))).as("repeated").on("helpfulness").scoresAtLeast(4);
    }

    @Test
    void newBotBeatsTheLegacyOne(SupportBot bot) {
        String q = "How long do refunds take?";
        assertThat(Response.of(q, bot.answer(q))).beats(bot.legacyAnswer(q));
    }

    @Test
    @Tag("legacy")
    void legacyBotAnswersShippingRefunds(SupportBot bot) {
        String q = "Do you refund the shipping fee?";
        assertThat(Response.of(q, bot.legacyAnswer(q))).scoresAtLeast(4);
    }

    @Test
    void softChecksGoToTheJudgeTogether(SupportBot bot) {
        RubricSoftAssertions.assertSoftly(softly -> {
            for (String q : new String[] {"Refund for a late parcel?", "Refund to another card?"}) {
                softly.assertThat(Response.of(q, bot.answer(q))).scoresAtLeast(4);
            }
            softly.assertThat(bot.answer("x")).contains("refund");
        });
    }

    @Test
    void checksOnAnotherThreadCarryTheTest(SupportBot bot) {
        RubricContext test = RubricContext.current();
        String q = "Refund in cash?";
        CompletableFuture.runAsync(test.wrap(() -> assertThat(Response.of(q, bot.answer(q))).scoresAtLeast(4)))
                .join();
    }

    @Test
    void makesNoRubricCheck(SupportBot bot) {
        assertThat(bot.answer("hi")).isNotBlank();
    }
}
