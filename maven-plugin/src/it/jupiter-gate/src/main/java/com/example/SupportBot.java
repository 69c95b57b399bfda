package com.example;

/** The system under test: the new bot answers refund questions, the legacy one never does. */
public class SupportBot {

    public String answer(String question) {
        return "You get a refund within 14 days: open Orders and press 'Request refund'. (" + question + ")";
    }

    public String legacyAnswer(String question) {
        return "Please contact our support team.";
    }
}
