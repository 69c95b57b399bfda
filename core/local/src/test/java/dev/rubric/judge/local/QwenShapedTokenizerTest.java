package dev.rubric.judge.local;

import dev.rubric.core.GradingMode;
import dev.rubric.lm.CausalLm;
import dev.rubric.lm.LmTokenizer;
import dev.rubric.lm.fixtures.TinyCheckpoints;
import dev.rubric.lm.fixtures.TinyCheckpoints.Spec;
import dev.rubric.lm.fixtures.TinyCheckpoints.Storage;
import dev.rubric.lm.fixtures.TinyQwenTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verdict tokens derived from a Qwen2-shaped byte-level BPE vocabulary (the tiny Qwen2's tokenizer.json: Qwen2's
 * split regex, GPT-2's byte mapping): digits are pieces of their own after a lone "Ġ" (Qwen2's regex never joins a
 * space to a digit), while " A" and " B" are the single pieces "ĠA" and "ĠB". Nothing is hard-coded: the same
 * derivation that finds Mistral's "▁" bridge finds Qwen's "Ġ".
 */
class QwenShapedTokenizerTest {

    static CausalLm lm;
    static LmTokenizer tokenizer;

    @BeforeAll
    static void load() {
        lm = CausalLm.load(TinyCheckpoints.shared(Spec.tinyQwen2(), Storage.F32_SINGLE));
        tokenizer = lm.tokenizer();
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    private static int id(String piece) {
        return TinyQwenTokenizer.vocabulary().get(piece);
    }

    @Test
    void theTokenizerSplitsTheVerdictLikeQwen() {
        assertThat(tokenizer.encode("[RESULT] 4", false))
                .containsExactly(id("["), id("RESULT"), id("]"), id("Ġ"), id("4"));
        assertThat(tokenizer.encode("[RESULT] A", false))
                .containsExactly(id("["), id("RESULT"), id("]"), id("ĠA"));
    }

    @Test
    void scoresGetTheByteLevelSpaceAsBridgeAndWinnersNone() {
        VerdictTokens tokens = VerdictTokens.derive(tokenizer);

        assertThat(tokens.of(GradingMode.ABSOLUTE).prefix()).containsExactly(id("["), id("RESULT"), id("]"), id("Ġ"));
        assertThat(tokens.of(GradingMode.ABSOLUTE).bridge()).containsExactly(id("Ġ"));
        assertThat(tokens.of(GradingMode.ABSOLUTE).choices())
                .containsExactly(id("1"), id("2"), id("3"), id("4"), id("5"));
        assertThat(tokens.of(GradingMode.PAIRWISE).prefix()).containsExactly(id("["), id("RESULT"), id("]"));
        assertThat(tokens.of(GradingMode.PAIRWISE).bridge()).isEmpty();
        assertThat(tokens.of(GradingMode.PAIRWISE).choices()).containsExactly(id("ĠA"), id("ĠB"));
    }

    @Test
    void noBosIsAddedAndTheSpecialTokensAreSkippedInText() {
        int imStart = TinyQwenTokenizer.id(TinyQwenTokenizer.IM_START);
        int[] ids = tokenizer.encode("<|im_start|>user\nGrüße [RESULT] 5<|im_end|>", false);
        assertThat(ids[0]).isEqualTo(imStart);
        assertThat(Arrays.stream(ids).filter(i -> i == tokenizer.bosId())).isEmpty();
        assertThat(tokenizer.decode(ids)).isEqualTo("user\nGrüße [RESULT] 5");
        assertThat(VerdictTokens.endsWithMarker(tokenizer.decode(tokenizer.encode("Gut. [RESULT]", false)))).isTrue();
    }
}
