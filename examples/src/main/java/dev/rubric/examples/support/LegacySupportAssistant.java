package dev.rubric.examples.support;

/**
 * The previous version of the assistant, kept to compare against: it answers with the first sentence of the best
 * article only, and with a bare "contact support" when nothing matches.
 */
public final class LegacySupportAssistant {

    private final KnowledgeBase knowledgeBase;

    public LegacySupportAssistant(KnowledgeBase knowledgeBase) {
        this.knowledgeBase = knowledgeBase;
    }

    public String answer(String question) {
        return knowledgeBase.search(question)
                .map(article -> article.text().substring(0, article.text().indexOf('.') + 1))
                .orElse("Please contact support.");
    }
}
