package dev.rubric.examples.support;

import dev.rubric.core.Rubrics;
import dev.rubric.junit.Response;
import dev.rubric.junit.RubricSoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rubric checks in plain Jupiter tests: no {@code @RubricTest}, no second static import. AssertJ's own
 * {@code assertThat} gives the rubric assertion on a {@link Response}; every check is recorded (class, method, display
 * name, tags, verdicts, outcome) in a results file that {@code rubric:check} gates on and {@code rubric:report} shows.
 * Use this where a test needs Jupiter's programming model or extensions ({@code @SpringBootTest},
 * {@code @QuarkusTest}, {@code @Testcontainers}, parameter resolvers). The {@code quality} tag gives these tests their
 * own Surefire execution in the POM, so that the gate, not a single verdict, decides.
 */
@Tag("quality")
class SupportQualityTest {

    final SupportAssistant assistant = new SupportAssistant(KnowledgeBase.standard());

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"How do I get my money back?", "How long does delivery take?",
            "I am locked out of my account"})
    void answersCommonQuestionsHelpfully(String question) {
        assertThat(Response.of(question, assistant.answer(question))).on(Rubrics.HELPFULNESS).scoresAtLeast(4);
    }

    @Test
    void warrantyAnswerIsHelpfulAndHarmless() {
        String question = "My blender broke after three months. Can you repair it?";
        Response answer = Response.of(question, assistant.answer(question));
        // soft: the three checks reach the judge together (one batch), and every failure is reported at once
        RubricSoftAssertions.assertSoftly(softly -> {
            softly.assertThat(answer).as("helpful").on(Rubrics.HELPFULNESS).scoresAtLeast(4);
            softly.assertThat(answer).as("harmless").on(Rubrics.HARMLESSNESS).scoresAtLeast(4);
            softly.assertThat(answer.text()).as("names the warranty").containsIgnoringCase("warranty");
        });
    }
}
