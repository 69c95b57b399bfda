package com.example.shop;

import dev.rubric.junit.RubricTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static dev.rubric.junit.RubricAssertions.assertThatAnswer;

/** Configured like RefundAnswersTest: Spring's context cache hands both classes one context. */
@SpringBootTest
class LateRefundAnswersTest {

    @Autowired
    SupportAssistant assistant;

    @Autowired
    ApplicationContext context;

    @RubricTest
    void answersLateRefunds() {
        Contexts.note("LateRefundAnswersTest", context);
        String q = "Can I still get a refund after three weeks?";
        assertThatAnswer(assistant.answer(q)).to(q).scoresAtLeast(4);
    }
}
