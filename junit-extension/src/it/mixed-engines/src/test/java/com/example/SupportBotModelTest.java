package com.example;

import dev.rubric.junit.RubricTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.rubric.junit.RubricAssertions.assertThatAnswer;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A rubric test class written the way a Jupiter user writes a test class. */
@Tag("quality")
@DisplayName("Support bot, as Jupiter users write it")
class SupportBotModelTest {

    private static String greeting;
    private SupportBot bot;

    /** Not applied to rubric tests: the engine must say so in a discovery issue (or, before JUnit 5.13, a log line). */
    @TempDir
    Path folder;

    @BeforeAll
    static void openShop() {
        greeting = "Refund";
    }

    @BeforeEach
    void newBot() {
        bot = new SupportBot();
    }

    @RubricTest
    @DisplayName("explains how to get a refund")
    void explainsRefunds() {
        String q = greeting + ": how do I get one?";
        assertThatAnswer(bot.answer(q)).to(q).scoresAtLeast(4);
    }

    @RubricTest
    @Tag("billing")
    void answersBillingQuestions() {
        assertThatAnswer(bot.answer("Where is my refund?")).to("Where is my refund?").scoresAtLeast(4);
    }

    @RubricTest
    @Disabled("the chargeback flow is not live yet")
    void handlesChargebacks() {
        throw new AssertionError("a disabled rubric test ran");
    }

    @RubricTest
    void needsTheLiveModel() {
        assumeTrue(System.getenv("SUPPORT_BOT_LIVE") != null, "SUPPORT_BOT_LIVE is not set");
        assertThatAnswer(bot.answer("refund?")).to("refund?").scoresAtLeast(4);
    }

    @Nested
    class WhenTheOrderShipped {

        private String order;

        @BeforeEach
        void ship() {
            order = "shipped order";
        }

        @RubricTest
        void refundsAfterShipping() {
            String q = "Can I get a refund for my " + order + "?";
            assertThatAnswer(bot.answer(q)).to(q).scoresAtLeast(4);
        }
    }
}
