package dev.rubric.junit;

import dev.rubric.core.Rubrics;
import dev.rubric.junit.testing.ScriptedJudge;
import dev.rubric.junit.testing.UsualAnswers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static dev.rubric.junit.RubricAssertions.assertThat;
import static dev.rubric.junit.RubricAssertions.assertThatAnswer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A class that imports AssertJ's assertThat and Rubric's entry points side by side: that it compiles is half the
 * test (before, assertThat(String) was ambiguous); the other half is that each call gives the assertion it should.
 */
@ExtendWith(UsualAnswers.class)
class BothAssertThatsTest {

    static final String Q = "How do I get a refund?";

    @Test
    void aResponseGetsTheRubricAssertionAndAStringGetsAssertJs() {
        Response answer = Response.of(Q, "good answer");

        ResponseAssert rubric = assertThat(answer);
        org.assertj.core.api.AbstractStringAssert<?> text = assertThat("good answer");
        org.assertj.core.api.ListAssert<String> list = assertThat(List.of("a"));

        rubric.on(Rubrics.HELPFULNESS).scoresAtLeast(5);
        text.startsWith("good");
        list.containsExactly("a");
        assertThatAnswer("bad answer").to(Q).scoresAtMost(2);
    }

    @Test
    void assertJsOwnAssertThatGradesAResponse() {
        // AssertJ's assertThat(AssertProvider), called explicitly: the user's only static import may be AssertJ's
        ResponseAssert viaAssertJ = org.assertj.core.api.Assertions.assertThat(Response.of(Q, "bad answer"));

        assertThatThrownBy(() -> viaAssertJ.scoresAtLeast(4))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to score at least 4 on \"helpfulness\", but the judge gave 2");
        assertThat(ScriptedJudge.CALLS).hasValue(1);
    }
}
