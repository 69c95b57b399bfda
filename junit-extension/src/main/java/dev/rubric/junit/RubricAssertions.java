package dev.rubric.junit;

/**
 * Rubric's assertion entry points, for classes that do not use AssertJ's own {@code assertThat} (with AssertJ's,
 * {@code assertThat(Response)} already gives a {@link ResponseAssert}). Both can be imported statically side by side:
 * no entry point here overloads one of AssertJ's with the same parameter type.
 * <pre>{@code
 * assertThat(Response.of(question, bot.answer(question))).on(Rubrics.HELPFULNESS).scoresAtLeast(4);
 * assertThatAnswer(bot.answer(question)).to(question).on("harmlessness").scoresAtLeast(5);
 * assertThatAnswer(newAnswer).to(question).beats(oldAnswer);
 * }</pre>
 * The test's judge grades and every verdict is recorded for the results file: inside the rubric engine, and in any
 * other test that the launcher runs (Jupiter {@code @Test}, {@code @ParameterizedTest}, ...). Outside a test run, a
 * judge built from system properties (once per JVM) grades. A judge that cannot give a verdict aborts the test
 * ({@link JudgeAbortedException}); it never passes or fails it. For several checks graded together and
 * every failure reported, see {@link RubricSoftAssertions}.
 */
public final class RubricAssertions {

    private RubricAssertions() {
    }

    /** Assertions on what the system under test answered to an instruction (the same as AssertJ's assertThat). */
    public static ResponseAssert assertThat(Response response) {
        return new ResponseAssert(response);
    }

    /**
     * Assertions on a plain answer; name the instruction it answers with {@link ResponseAssert#to(String)}. (Not an
     * {@code assertThat(String)}: that would clash with AssertJ's when both are imported.)
     */
    public static ResponseAssert assertThatAnswer(String answer) {
        return ResponseAssert.ofAnswer(answer);
    }
}
