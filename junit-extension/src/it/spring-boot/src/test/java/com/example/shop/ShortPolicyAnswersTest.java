package com.example.shop;

import dev.rubric.junit.RubricTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import static dev.rubric.junit.RubricAssertions.assertThatAnswer;

/** Its own configuration (a shorter policy), and a fresh context for every invocation: @DirtiesContext. */
@SpringBootTest(properties = "shop.refund-days=14")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class ShortPolicyAnswersTest {

    @Autowired
    SupportAssistant assistant;

    @Autowired
    ApplicationContext context;

    @RubricTest(samples = 2)
    void statesTheShortPeriod() {
        Contexts.note("ShortPolicyAnswersTest", context);
        String answer = assistant.answer("refund?");
        if (!answer.contains("14 days")) {
            throw new AssertionError("the test's own property did not reach the bean: " + answer);
        }
        assertThatAnswer(answer).to("refund?").scoresAtLeast(4);
    }
}
