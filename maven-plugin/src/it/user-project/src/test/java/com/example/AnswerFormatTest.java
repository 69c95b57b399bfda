package com.example;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** A plain Jupiter test: -Dtest=AnswerFormatTest runs it and no rubric test. */
class AnswerFormatTest {

    @Test
    void answersAreNeverEmpty() {
        assertFalse(new SupportBot().answer("hi").isBlank());
    }
}
