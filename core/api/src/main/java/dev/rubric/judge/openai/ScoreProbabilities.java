package dev.rubric.judge.openai;

import dev.rubric.core.Rubric;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the server's top log-probabilities at the score token into the verdict's probabilities.
 * <p>
 * The score token is the token that holds the first non-blank character after the last {@code [RESULT]} of the
 * generated text (the text rebuilt from the tokens). Its alternatives that read as a score (1..5, or A/B) after
 * dropping a leading space or SentencePiece '▁' count; variants of one score (" 4" and "4") are added up; the result
 * is normalised over the scores that appear. There are no probabilities (null) when the tokens do not rebuild a
 * {@code [RESULT]}, the score token is not a bare score, or none of its alternatives is one: the top 5 of a server
 * are what it chose to report, and a guess would be a made-up number.
 */
final class ScoreProbabilities {

    private static final Pattern RESULT = Pattern.compile("\\[RESULT\\]", Pattern.CASE_INSENSITIVE);
    private static final List<String> SCORES = List.of("1", "2", "3", "4", "5");
    private static final List<String> WINNERS = List.of("A", "B");

    private ScoreProbabilities() {
    }

    /** Probabilities of scores 1..5 (index 0 is score 1), summing to 1, or null. */
    static List<Double> absolute(List<TokenAlternatives> tokens) {
        double[] p = over(tokens, SCORES);
        if (p == null) {
            return null;
        }
        List<Double> out = new ArrayList<>(Rubric.LEVELS);
        for (double v : p) {
            out.add(v);
        }
        return out;
    }

    /** The probability of "A" against "B", or null. */
    static Double pairwiseA(List<TokenAlternatives> tokens) {
        double[] p = over(tokens, WINNERS);
        return p == null ? null : p[0];
    }

    private static double[] over(List<TokenAlternatives> tokens, List<String> labels) {
        TokenAlternatives at = scoreToken(tokens);
        if (at == null || !labels.contains(bare(at.token()))) {
            return null;
        }
        double[] mass = new double[labels.size()];
        double total = 0;
        for (Map.Entry<String, Double> e : at.alternatives().entrySet()) {
            int index = labels.indexOf(bare(e.getKey()));
            if (index >= 0) {
                double p = Math.exp(e.getValue());
                mass[index] += p;
                total += p;
            }
        }
        if (!(total > 0)) {
            return null;
        }
        for (int i = 0; i < mass.length; i++) {
            mass[i] /= total;
        }
        return mass;
    }

    /** The token holding the first non-blank character after the last {@code [RESULT]}, or null. */
    private static TokenAlternatives scoreToken(List<TokenAlternatives> tokens) {
        StringBuilder text = new StringBuilder();
        int[] ends = new int[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            text.append(tokens.get(i).token().replace('▁', ' '));
            ends[i] = text.length();
        }
        Matcher m = RESULT.matcher(text);
        int after = -1;
        while (m.find()) {
            after = m.end();
        }
        if (after < 0) {
            return null;
        }
        int at = after;
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        if (at == text.length()) {
            return null;
        }
        for (int i = 0; i < ends.length; i++) {
            int start = i == 0 ? 0 : ends[i - 1];
            if (at >= start && at < ends[i]) {
                // a token that also holds part of the marker ("] 4") has no alternatives that are bare scores
                return start >= after ? tokens.get(i) : null;
            }
        }
        return null;
    }

    /** A token's text without leading blanks or SentencePiece markers, upper-cased ("▁4" -> "4", " a" -> "A"). */
    private static String bare(String token) {
        int i = 0;
        while (i < token.length() && (Character.isWhitespace(token.charAt(i)) || token.charAt(i) == '▁')) {
            i++;
        }
        return token.substring(i).strip().toUpperCase(Locale.ROOT);
    }
}
