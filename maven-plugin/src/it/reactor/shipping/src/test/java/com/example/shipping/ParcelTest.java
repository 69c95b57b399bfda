package com.example.shipping;

import dev.rubric.junit.RubricTest;

import static dev.rubric.junit.RubricAssertions.assertThatAnswer;

class ParcelTest {

    @RubricTest
    void refundsLostParcels() {
        assertThatAnswer("A lost parcel is refunded in full.").to("My parcel is lost").scoresAtLeast(4);
    }

    @RubricTest
    void tracksParcels() {
        assertThatAnswer("I do not know.").to("Where is my parcel?").scoresAtLeast(4);
    }
}
