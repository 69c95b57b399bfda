package com.example.bot;

import dev.rubric.junit.RubricTest;

/** Rubric tests that no engine runs here (this project has no Surefire run): the gate must say so and fail. */
class SupportQualityTest {
    @RubricTest
    void keepsTheShopsTone() {
    }
}
