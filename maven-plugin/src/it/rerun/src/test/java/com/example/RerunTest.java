package com.example;

import dev.rubric.junit.Case;
import dev.rubric.junit.Cases;
import dev.rubric.junit.RubricTest;

import static dev.rubric.junit.RubricAssertions.assertThatAnswer;

class RerunTest {

    /** Fails once, then passes on the rerun. */
    @RubricTest
    void healedPlain() {
        assertThatAnswer(FlakyBot.answer("plain", 1)).to("Refund?").scoresAtLeast(4);
    }

    /** One case fails once, then passes on the rerun; the other always passes. */
    @RubricTest
    @Cases("/questions.jsonl")
    void healedCase(Case c) {
        assertThatAnswer(FlakyBot.answer(c.label(), c.label().equals("flaky") ? 1 : 0)).to(c.instruction()).scoresAtLeast(4);
    }

    /** Its first two samples fail (the rate of 0.6 is out of reach), every sample of the rerun passes. */
    @RubricTest(samples = 3, minPassRate = 0.6)
    void healedSampled() {
        assertThatAnswer(FlakyBot.answer("sampled", 2)).to("Refund?").scoresAtLeast(4);
    }

    /** Fails every time: Surefire and the gate both fail it. */
    @RubricTest(samples = 2, minPassRate = 0.5)
    void alwaysBadSampled() {
        assertThatAnswer(FlakyBot.answer("bad", Integer.MAX_VALUE)).to("Refund?").scoresAtLeast(4);
    }
}
