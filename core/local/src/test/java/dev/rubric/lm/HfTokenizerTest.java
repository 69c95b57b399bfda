package dev.rubric.lm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rubric.lm.fixtures.TinyCheckpoints;
import dev.rubric.lm.fixtures.TinyCheckpoints.Spec;
import dev.rubric.lm.fixtures.TinyCheckpoints.Storage;
import dev.rubric.lm.fixtures.TinyTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HfTokenizerTest {

    static HfTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = HfTokenizer.load(TinyCheckpoints.shared(Spec.tinyMistral(), Storage.F32_SINGLE)
                .resolve("tokenizer.json"), 1, 2);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void splitsAVerdictTheWayMistralDoes() {
        assertThat(tokenizer.pieces("[RESULT] 4")).containsExactly("▁", "[", "RESULT", "]", "▁", "4");
    }

    @Test
    void addsTheBosOnceAndOnlyWhenAsked() {
        int[] without = tokenizer.encode("[RESULT] 4", false);
        int[] with = tokenizer.encode("[RESULT] 4", true);
        assertThat(without).doesNotContain(1);
        assertThat(with).startsWith(1).hasSize(without.length + 1);
        assertThat(with[1]).isEqualTo(without[0]);
    }

    @Test
    void doesNotTruncateLongTexts() {
        String text = "the cat sat on the mat and ".repeat(200);
        assertThat(tokenizer.encode(text, true).length).isGreaterThan(1500);
    }

    @Test
    void findsPiecesThroughTheVocabulary() {
        assertThat(tokenizer.pieceId(TinyTokenizer.SPACE)).hasValue(3);
        assertThat(tokenizer.pieceId("4")).hasValue(TinyTokenizer.vocabulary().get("4"));
        assertThat(tokenizer.pieceId("RESULT")).hasValue(TinyTokenizer.vocabulary().get("RESULT"));
        assertThat(tokenizer.pieceId("</s>")).hasValue(2);
        assertThat(tokenizer.pieceId("no-such-piece")).isEmpty();
        assertThat(tokenizer.vocabularySize()).isEqualTo(TinyTokenizer.vocabularySize());
    }

    @Test
    void decodesWhatItEncodes() {
        assertThat(tokenizer.decode(tokenizer.encode("the answer is [RESULT] 4", true)))
                .isEqualTo("the answer is [RESULT] 4");
    }
}
