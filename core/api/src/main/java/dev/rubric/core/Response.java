package dev.rubric.core;

import java.util.Objects;

/**
 * What the system under test was asked and what it answered.
 *
 * @param instruction the input given to the system under test (the user's question, the task)
 * @param text        what it answered
 */
public record Response(String instruction, String text) {

    public Response {
        Objects.requireNonNull(instruction, "instruction: what was the system under test asked?");
        Objects.requireNonNull(text, "text: what did the system under test answer?");
    }

    public static Response of(String instruction, String text) {
        return new Response(instruction, text);
    }
}
