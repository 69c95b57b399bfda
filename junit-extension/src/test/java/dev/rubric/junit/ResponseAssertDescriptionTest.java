package dev.rubric.junit;

import dev.rubric.core.Rubrics;
import dev.rubric.junit.testing.UsualAnswers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AssertJ's description and message calls hold through every configuration call, before or after it. */
@ExtendWith(UsualAnswers.class)
class ResponseAssertDescriptionTest {

    static final String Q = "How do I get a refund?";
    static final Response BAD = Response.of(Q, "bad answer");

    @Test
    void aDescriptionSetFirstSurvivesOnToAndWithReference() {
        assertThatThrownBy(() -> assertThat(Response.of("", "bad answer")).as("refund answer %d", 7).to(Q)
                .on(Rubrics.HELPFULNESS).withReference("good answer").scoresAtLeast(4))
                .hasMessageStartingWith("[refund answer 7] Expected the response to score at least 4");
    }

    @Test
    void aDescriptionSetBetweenConfigurationCallsSurvivesTheRest() {
        assertThatThrownBy(() -> RubricAssertions.assertThatAnswer("bad answer").to(Q).describedAs("tone")
                .on("harmlessness").withReference(null).scoresAtMost(1))
                .hasMessageStartingWith("[tone] Expected the response to score at most 1 on \"harmlessness\"");
    }

    @Test
    void withFailMessageReplacesTheMessageThroughTheChain() {
        assertThatThrownBy(() -> assertThat(BAD).withFailMessage("the bot failed %s", "refunds").on("honesty")
                .withReference("good answer").scoresAtLeast(4))
                .hasMessage("the bot failed refunds");
    }

    @Test
    void overridingErrorMessageHoldsForPairwiseChecksToo() {
        assertThatThrownBy(() -> assertThat(BAD).overridingErrorMessage("lost: %s", "old bot").on("helpfulness")
                .beats("good answer"))
                .hasMessage("lost: old bot");
    }

    @Test
    void aLazyFailMessageStillReplacesTheMessage() {
        assertThatThrownBy(() -> assertThat(BAD).withFailMessage(() -> "lazy message").on("honesty").scoresAtLeast(4))
                .hasMessage("lazy message");
    }

    @Test
    void aConfiguredAssertionCanBeReusedWithoutCarryingALaterDescriptionBack() {
        ResponseAssert base = assertThat(BAD).as("base");
        ResponseAssert described = base.on("honesty").as("honesty");

        assertThatThrownBy(() -> described.scoresAtLeast(4)).hasMessageStartingWith("[honesty] ");
        assertThatThrownBy(() -> base.on("helpfulness").scoresAtLeast(4)).hasMessageStartingWith("[base] ");
    }
}
