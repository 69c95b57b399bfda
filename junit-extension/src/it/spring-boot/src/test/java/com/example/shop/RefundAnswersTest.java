package com.example.shop;

import dev.rubric.junit.RubricTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static dev.rubric.junit.RubricAssertions.assertThatAnswer;

/** The assistant bean, injected into each instance of a @SpringBootTest class, judged by rubric tests. */
@SpringBootTest
@Tag("quality")
class RefundAnswersTest {

    @Autowired
    SupportAssistant assistant;

    @Autowired
    ApplicationContext context;

    private String question;

    @BeforeEach
    void ask() {
        question = "How do I get a refund?";
    }

    @RubricTest
    void statesTheRefundPeriod() {
        Contexts.note("RefundAnswersTest", context);
        assertThatAnswer(assistant.answer(question)).to(question).scoresAtLeast(4);
    }

    @RubricTest(samples = 2)
    void staysConsistent() {
        assertThatAnswer(assistant.answer(question)).to(question).scoresAtLeast(4);
    }
}
