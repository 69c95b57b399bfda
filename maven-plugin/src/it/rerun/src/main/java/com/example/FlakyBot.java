package com.example;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bot that answers badly the first {@code badCalls} times it is asked about a topic, then well: a test of it fails,
 * then passes when Surefire reruns it in the same JVM.
 */
public final class FlakyBot {

    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    private FlakyBot() {
    }

    public static String answer(String topic, int badCalls) {
        int n = CALLS.computeIfAbsent(topic, k -> new AtomicInteger()).incrementAndGet();
        return n <= badCalls ? "I do not know." : "You get a refund within 30 days.";
    }
}
