package dev.rubric.junit.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsCollectorMessageTest {

    @Test
    void aFailureWithoutMessageIsDescribedByItsCause() {
        var yaml = new IllegalArgumentException("classpath:rubrics/tone.yaml line 8: unknown field \"scor5\"");

        assertThat(ResultsCollector.message(new ExceptionInInitializerError(yaml))).isEqualTo(
                "java.lang.ExceptionInInitializerError, caused by java.lang.IllegalArgumentException: "
                        + "classpath:rubrics/tone.yaml line 8: unknown field \"scor5\"");
    }

    @Test
    void aFailureWithAMessageKeepsIt() {
        assertThat(ResultsCollector.message(new AssertionError("scored 2, expected at least 4")))
                .isEqualTo("scored 2, expected at least 4");
        assertThat(ResultsCollector.message(new NullPointerException())).isEqualTo("java.lang.NullPointerException");
    }
}
