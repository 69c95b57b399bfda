package com.example;

import dev.rubric.junit.Response;
import dev.rubric.junit.RubricTest;

import static dev.rubric.junit.RubricAssertions.assertThat;

/** Tests on the helpfulness rubric, the one the gate holds to the judge's measured agreement with people. */
class SupportBotTest {

    @RubricTest
    void explainsTheRefundWindow() {
        assertThat(Response.of("What is the refund window?", "30 days from delivery. [judge:5]")).scoresAtLeast(4);
    }

    @RubricTest
    void pointsToTheForm() {
        assertThat(Response.of("How do I ask for a refund?", "Use the refund form. [judge:4]")).scoresAtLeast(4);
    }
}
