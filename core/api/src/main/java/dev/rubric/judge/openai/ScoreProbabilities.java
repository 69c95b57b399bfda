package dev.rubric.judge.openai;

import dev.rubric.core.Winner;
import dev.rubric.prometheus.VerdictParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the server's top log-probabilities at the verdict's token into the verdict's probabilities, where they are
 * real.
 * <p>
 * The verdict's token is the generated token that holds the verdict the parser read (its position in the generated
 * text, found in the text rebuilt from the tokens), not the first token after some {@code [RESULT]}: in
 * {@code "[RESULT] 4\nScore: 3"} the verdict is 3, and the token "4" says nothing about it. Its alternatives that read
 * as a choice (1..5, or A/B) after dropping leading blanks or SentencePiece's '▁' count; variants of one choice
 * (" 4" and "4") are added up.
 * <p>
 * There are probabilities only when that token is exactly the parsed verdict and the server reported at least two
 * choices there (the generated token's own log-probability counts as one report). A server that sends no
 * log-probabilities, or whose top few at that position hold one score only, says nothing about the others: normalising
 * one reported score would claim a certainty of 1 that nobody measured. Where there are probabilities, they are
 * normalised over the reported choices, and {@link Distribution#mass()} says how much of the server's probability those
 * choices held: the rest went to tokens the server did not report.
 */
final class ScoreProbabilities {

    private static final List<String> SCORES = List.of("1", "2", "3", "4", "5");
    private static final List<String> WINNERS = List.of("A", "B");

    /**
     * Probabilities over the choices, in choice order, and the mass they held before normalising.
     *
     * @param probabilities one per choice (scores 1..5, or A and B), summing to 1
     * @param mass          what the reported choices held of the server's probability at that position, in (0, 1]
     */
    record Distribution(List<Double> probabilities, double mass) {

        Distribution {
            probabilities = List.copyOf(probabilities);
            if (!(mass > 0 && mass <= 1)) {
                throw new IllegalArgumentException("a probability mass is within (0, 1], got " + mass);
            }
        }
    }

    private ScoreProbabilities() {
    }

    /** The probabilities of scores 1..5 at the token of {@code score}, or empty where they would not be real. */
    static Optional<Distribution> absolute(ServerOutput output, VerdictParser.Located<Integer> score) {
        return over(output, score.start(), Integer.toString(score.verdict()), SCORES);
    }

    /** The probabilities of A and B at the token of {@code winner}, or empty where they would not be real. */
    static Optional<Distribution> pairwise(ServerOutput output, VerdictParser.Located<Winner> winner) {
        return over(output, winner.start(), winner.verdict().name(), WINNERS);
    }

    private static Optional<Distribution> over(ServerOutput output, int verdictAt, String verdict,
                                               List<String> choices) {
        TokenAlternatives at = tokenAt(output.tokens(), output.text(), verdictAt);
        if (at == null || !bare(at.token()).equals(verdict)) {
            return Optional.empty();
        }
        double[] mass = new double[choices.size()];
        int reported = 0;
        for (Map.Entry<String, Double> e : at.alternatives().entrySet()) {
            int index = choices.indexOf(bare(e.getKey()));
            if (index >= 0) {
                if (mass[index] == 0) {
                    reported++;
                }
                mass[index] += Math.exp(e.getValue());
            }
        }
        double total = 0;
        for (double m : mass) {
            total += m;
        }
        if (reported < 2 || !(total > 0)) {
            return Optional.empty();
        }
        List<Double> probabilities = new ArrayList<>(mass.length);
        for (double m : mass) {
            probabilities.add(m / total);
        }
        // a server's rounded log-probabilities may add up to a hair over 1
        return Optional.of(new Distribution(probabilities, Math.min(1.0, total)));
    }

    /**
     * The token that holds the character at {@code verdictAt} of {@code text}, or null. The tokens are laid end to
     * end (SentencePiece's '▁' read as a space) and aligned with the text at its end: servers that decode each token
     * alone drop the leading spaces of some, so positions are counted from the end, where the verdict stands. Without
     * an alignment (the tokens do not end as the text does after the verdict) there is no token.
     */
    private static TokenAlternatives tokenAt(List<TokenAlternatives> tokens, String text, int verdictAt) {
        if (tokens.isEmpty()) {
            return null;
        }
        StringBuilder rebuilt = new StringBuilder();
        int[] ends = new int[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            rebuilt.append(tokens.get(i).token().replace('▁', ' '));
            ends[i] = rebuilt.length();
        }
        String tail = withoutTrailingWhitespace(text.substring(verdictAt));
        String laid = withoutTrailingWhitespace(rebuilt.toString());
        if (tail.isEmpty() || !laid.endsWith(tail)) {
            return null;
        }
        int at = laid.length() - tail.length();
        for (int i = 0; i < ends.length; i++) {
            int start = i == 0 ? 0 : ends[i - 1];
            if (at >= start && at < ends[i]) {
                return tokens.get(i);
            }
        }
        return null;
    }

    private static String withoutTrailingWhitespace(String s) {
        int end = s.length();
        while (end > 0 && VerdictParser.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    /** A token's text without surrounding blanks or SentencePiece markers, upper-cased ("▁4" -> "4", " a" -> "A"). */
    private static String bare(String token) {
        int from = 0;
        int to = token.length();
        while (from < to && (VerdictParser.isWhitespace(token.charAt(from)) || token.charAt(from) == '▁')) {
            from++;
        }
        while (to > from && (VerdictParser.isWhitespace(token.charAt(to - 1)) || token.charAt(to - 1) == '▁')) {
            to--;
        }
        return token.substring(from, to).toUpperCase(Locale.ROOT);
    }
}
