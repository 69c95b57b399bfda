package com.example;

/** The system under test: a support bot that always explains refunds. */
public class SupportBot {

    public String answer(String question) {
        return "You can ask for a refund within 30 days of delivery.";
    }
}
