package com.example.bot;

import dev.rubric.junit.RubricTest;

class SupportQualityTest {
    @RubricTest
    void explainsRefundWindow() {
    }
}
