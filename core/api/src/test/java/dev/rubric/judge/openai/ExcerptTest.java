package dev.rubric.judge.openai;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExcerptTest {

    @Test
    void lineBreaksAndControlCharactersAreWrittenOutOnOneLine() {
        String body = "<html>\r\n\u001b[31mBad\tgateway\u0007</html>";

        assertThat(Excerpt.of(body)).isEqualTo("<html>\\r\\n\\u001b[31mBad\tgateway\\u0007</html>");
    }

    @Test
    void aLongTextKeepsItsStartAndItsEnd() {
        String text = "a".repeat(10) + "b".repeat(100) + "c".repeat(10);

        assertThat(Excerpt.of(text, 20)).isEqualTo("a".repeat(10) + " [... 100 characters left out ...] "
                + "c".repeat(10));
    }
}
