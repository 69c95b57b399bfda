package dev.rubric.judge.openai;

import java.util.Map;
import java.util.Objects;

/**
 * One generated token and the server's likeliest tokens at its position.
 *
 * @param token        the generated token's text (may start with a space or the SentencePiece marker '▁')
 * @param alternatives the top tokens at this position and their natural-log probabilities (the generated one
 *                     included when the server reported it); empty when the server gave none
 */
record TokenAlternatives(String token, Map<String, Double> alternatives) {

    TokenAlternatives {
        Objects.requireNonNull(token, "token");
        alternatives = Map.copyOf(alternatives);
    }
}
