package com.example.shop;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** The system under test: answers customers from the shop's refund policy (a configuration property). */
@Service
public class SupportAssistant {

    private final int refundDays;

    public SupportAssistant(@Value("${shop.refund-days}") int refundDays) {
        this.refundDays = refundDays;
    }

    public String answer(String question) {
        if (question.toLowerCase().contains("refund")) {
            return "You can ask for a refund within " + refundDays + " days: open Orders and press Request refund.";
        }
        return "A colleague will get back to you.";
    }
}
