package com.example;

/** The system under test: canned answers, some of which leave out the 30-day refund window. */
public class SupportBot {

    public String answer(String question) {
        String q = question.toLowerCase();
        if (q.contains("window") || q.contains("how long")) {
            return "You can get a refund within 30 days of delivery.";
        }
        if (q.contains("refund")) {
            return "We refund orders.";
        }
        return "Please contact support.";
    }
}
