package com.example.bot;

import dev.rubric.junit.RubricTest;

/** Named like no Surefire default include: its rubric tests never run. */
class SupportQuality {
    @RubricTest
    void keepsTheShopsTone() {
    }
}
