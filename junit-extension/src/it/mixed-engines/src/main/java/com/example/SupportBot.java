package com.example;

/** The system under test: a support bot with canned answers. */
public class SupportBot {

    public String answer(String question) {
        if (question.toLowerCase().contains("refund")) {
            return "Open Orders, pick the order and press Request refund; the money is back within 5 days.";
        }
        return "Please contact support.";
    }

    public String legacyAnswer(String question) {
        return "Please read our FAQ.";
    }
}
