package dev.rubric.junit;

import dev.rubric.core.Response;

/**
 * The entry point of Rubric's AssertJ-style assertions:
 * <pre>{@code
 * assertThat(Response.of(question, bot.answer(question))).on(Rubrics.HELPFULNESS).scoresAtLeast(4);
 * assertThat(bot.answer(question)).to(question).on("harmlessness").scoresAtLeast(5);
 * assertThat(newAnswer).to(question).beats(oldAnswer);
 * }</pre>
 * Inside the rubric engine the run's judge grades and every verdict is recorded for the results file; in a plain
 * Jupiter test a judge built from system properties (once per JVM) grades. A judge that cannot give a verdict aborts
 * the test ({@link org.opentest4j.TestAbortedException}); it never passes or fails it.
 */
public final class RubricAssertions {

    private RubricAssertions() {
    }

    /** Assertions on what the system under test answered to an instruction. */
    public static ResponseAssert assertThat(Response response) {
        return new ResponseAssert(response);
    }

    /** Assertions on a plain answer; name the instruction it answers with {@link ResponseAssert#to(String)}. */
    public static ResponseAssert assertThat(String answer) {
        return ResponseAssert.ofAnswer(answer);
    }
}
