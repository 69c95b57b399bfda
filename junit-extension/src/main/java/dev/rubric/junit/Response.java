package dev.rubric.junit;

import org.assertj.core.api.AssertProvider;

import java.util.Objects;

/**
 * What the system under test was asked and what it answered: the subject of a rubric assertion. It is an AssertJ
 * {@link AssertProvider}, so AssertJ's own {@code assertThat} gives the rubric assertion and no second static import
 * is needed:
 * <pre>{@code
 * import static org.assertj.core.api.Assertions.assertThat;
 *
 * assertThat(Response.of(question, bot.answer(question))).on(Rubrics.HELPFULNESS).scoresAtLeast(4);
 * }</pre>
 *
 * @param instruction the input given to the system under test (the user's question, the task)
 * @param text        what it answered
 */
public record Response(String instruction, String text) implements AssertProvider<ResponseAssert> {

    public Response {
        Objects.requireNonNull(instruction, "instruction: what was the system under test asked?");
        Objects.requireNonNull(text, "text: what did the system under test answer? (it returned null)");
    }

    public static Response of(String instruction, String text) {
        return new Response(instruction, text);
    }

    /** The rubric assertion on this response: what AssertJ's {@code assertThat(response)} returns. */
    @Override
    public ResponseAssert assertThat() {
        return new ResponseAssert(this);
    }
}
