package dev.rubric.judge.openai;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Where the score token is, and how its top log-probabilities become the verdict's probabilities. */
class OpenAiScoreProbabilitiesTest {

    @Test
    void sentencePieceTokensAfterTheLastResultMarkerAreRead() {
        List<TokenAlternatives> tokens = tokens("▁The", "▁answer", "▁says", "▁[", "RESULT", "]", "▁is", "▁fine",
                ".", "▁[", "RESULT", "]", "▁");
        tokens.add(new TokenAlternatives("2", Map.of("2", Math.log(0.5), "▁2", Math.log(0.1),
                "1", Math.log(0.3), "▁Score", Math.log(0.1))));

        List<Double> p = ScoreProbabilities.absolute(tokens);

        assertThat(p).hasSize(5);
        assertThat(p.get(0)).isCloseTo(0.3 / 0.9, within(1e-12));
        assertThat(p.get(1)).isCloseTo(0.6 / 0.9, within(1e-12));
        assertThat(p.subList(2, 5)).containsOnly(0.0);
    }

    @Test
    void theGeneratedTokenCountsEvenWhenTheServerLeftItOutOfTheTopList() {
        List<TokenAlternatives> tokens = tokens(" [RESULT]");
        tokens.add(new TokenAlternatives(" 5", Map.of(" 5", Math.log(0.9))));

        assertThat(ScoreProbabilities.absolute(tokens)).containsExactly(0.0, 0.0, 0.0, 0.0, 1.0);
    }

    @Test
    void aTokenThatAlsoHoldsPartOfTheMarkerGivesNoProbabilities() {
        List<TokenAlternatives> tokens = tokens("Fine. [RESULT");
        tokens.add(new TokenAlternatives("] 4", Map.of("] 4", -0.1, "] 5", -2.0)));

        assertThat(ScoreProbabilities.absolute(tokens)).isNull();
    }

    @Test
    void noMarkerNoScoreTokenOrNoLogprobsGiveNoProbabilities() {
        assertThat(ScoreProbabilities.absolute(List.of())).isNull();
        assertThat(ScoreProbabilities.absolute(tokens("Score", ":", " 4"))).as("no [RESULT]").isNull();
        List<TokenAlternatives> wordAfterMarker = tokens(" [RESULT]");
        wordAfterMarker.add(new TokenAlternatives(" four", Map.of(" four", -0.1, " 4", -3.0)));
        assertThat(ScoreProbabilities.absolute(wordAfterMarker)).as("the score token is a word").isNull();
        List<TokenAlternatives> nothingAfter = tokens("Fine.", " [RESULT]", " ");
        assertThat(ScoreProbabilities.absolute(nothingAfter)).as("nothing after the marker").isNull();
    }

    @Test
    void pairwiseIsTheProbabilityOfAAgainstB() {
        List<TokenAlternatives> tokens = tokens("A", " is", " better", ".", " [RESULT]");
        tokens.add(new TokenAlternatives("▁B", Map.of("▁B", Math.log(0.6), "▁A", Math.log(0.2),
                "B", Math.log(0.2), "▁Both", -5.0)));

        assertThat(ScoreProbabilities.pairwiseA(tokens)).isCloseTo(0.2, within(1e-12));
        assertThat(ScoreProbabilities.absolute(tokens)).as("a winner is not a score").isNull();
    }

    private static List<TokenAlternatives> tokens(String... texts) {
        List<TokenAlternatives> out = new ArrayList<>();
        for (String t : texts) {
            out.add(new TokenAlternatives(t, Map.of(t, -0.01)));
        }
        return out;
    }
}
