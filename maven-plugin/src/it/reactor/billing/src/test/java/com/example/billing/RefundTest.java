package com.example.billing;

import dev.rubric.junit.RubricTest;

import static dev.rubric.junit.RubricAssertions.assertThatAnswer;

class RefundTest {

    @RubricTest
    void explainsRefunds() {
        assertThatAnswer("You get a refund within 30 days.").to("How do refunds work?").scoresAtLeast(4);
    }

    @RubricTest
    void explainsPartialRefunds() {
        assertThatAnswer("A partial refund is possible for opened items.").to("Partial refund?").scoresAtLeast(4);
    }
}
