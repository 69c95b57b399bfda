package dev.rubric.examples.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Plain Jupiter tests run beside the rubric tests in the same `mvn test`. */
class KnowledgeBaseTest {

    final KnowledgeBase knowledgeBase = KnowledgeBase.standard();

    @Test
    void findsTheArticleThatSharesTheMostKeywords() {
        assertThat(knowledgeBase.search("How do I get a refund for my return?")).get()
                .extracting(Article::title).isEqualTo("Refunds");
    }

    @Test
    void aQuestionThatRepeatsWordsStillFindsItsArticle() {
        assertThat(knowledgeBase.search("I typed my password wrong and now I can't log in")).get()
                .extracting(Article::title).isEqualTo("Password reset");
    }

    @Test
    void findsNothingForAnUnrelatedQuestion() {
        assertThat(knowledgeBase.search("What is the meaning of life?")).isEmpty();
    }

    @Test
    void legacyAssistantAnswersWithTheFirstSentenceOnly() {
        assertThat(new LegacySupportAssistant(knowledgeBase).answer("refund?"))
                .isEqualTo("You can ask for a refund within 30 days of delivery.");
    }
}
