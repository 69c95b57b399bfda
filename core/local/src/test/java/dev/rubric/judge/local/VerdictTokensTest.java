package dev.rubric.judge.local;

import dev.rubric.core.GradingMode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerdictTokensTest {

    @Test
    void derivesMistralStyleBridgeForScoresAndNoneForWinnersWrittenAsSpacePieces() {
        FakeTokenizer t = FakeTokenizer.mistralLike();
        VerdictTokens tokens = VerdictTokens.derive(t);

        VerdictTokens.ModeTokens absolute = tokens.of(GradingMode.ABSOLUTE);
        assertThat(absolute.prefix()).containsExactly(t.id("▁"), t.id("["), t.id("RESULT"), t.id("]"), t.id("▁"));
        assertThat(absolute.bridge()).containsExactly(t.id("▁"));
        assertThat(absolute.choices()).containsExactly(t.id("1"), t.id("2"), t.id("3"), t.id("4"), t.id("5"));

        VerdictTokens.ModeTokens pairwise = tokens.of(GradingMode.PAIRWISE);
        assertThat(pairwise.prefix()).containsExactly(t.id("▁"), t.id("["), t.id("RESULT"), t.id("]"));
        assertThat(pairwise.bridge()).isEmpty();
        assertThat(pairwise.choices()).containsExactly(t.id("▁A"), t.id("▁B"));
        assertThat(tokens.maxAppended()).isEqualTo(6);
    }

    @Test
    void winnersGetABridgeWhenTheTokenizerHasNoSpacePieceForThem() {
        List<String> vocabulary = new ArrayList<>(FakeTokenizer.MISTRAL_LIKE);
        vocabulary.removeAll(List.of("▁A", "▁B"));
        FakeTokenizer t = new FakeTokenizer(vocabulary);

        VerdictTokens.ModeTokens pairwise = VerdictTokens.derive(t).of(GradingMode.PAIRWISE);

        assertThat(pairwise.bridge()).containsExactly(t.id("▁"));
        assertThat(pairwise.choices()).containsExactly(t.id("A"), t.id("B"));
    }

    @Test
    void refusesATokenizerThatWritesScoresInDifferentShapes() {
        List<String> vocabulary = new ArrayList<>(FakeTokenizer.MISTRAL_LIKE);
        vocabulary.add("▁1");   // " 1" is one piece, " 2" is two: no single verdict position exists
        FakeTokenizer t = new FakeTokenizer(vocabulary);

        assertThatThrownBy(() -> VerdictTokens.derive(t))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"[RESULT] 2\"")
                .hasMessageContaining("rubric.judge=openai");
    }

    @Test
    void markerIsFoundAtTheEndOfTextInAnyCase() {
        assertThat(VerdictTokens.endsWithMarker("Good. [RESULT]")).isTrue();
        assertThat(VerdictTokens.endsWithMarker("Good. [Result] \n")).isTrue();
        assertThat(VerdictTokens.endsWithMarker("Good. [RESULT] 4")).isFalse();
        assertThat(VerdictTokens.endsWithMarker("Good. [RESULT")).isFalse();
        assertThat(VerdictTokens.endsWithMarker("")).isFalse();
    }
}
