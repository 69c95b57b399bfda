package dev.rubric.examples.support;

import java.util.List;
import java.util.Random;

/**
 * The system under test: a customer-support assistant that answers from the knowledge base. Like an LLM, it does
 * not phrase its answer the same way twice (it picks an opening and a closing at random), which is why some of its
 * tests are sampled. It is thread-safe: the rubric engine runs tests in parallel.
 */
public final class SupportAssistant {

    private static final List<String> OPENINGS = List.of("Happy to help!", "Thanks for reaching out.",
            "Good question.");
    private static final List<String> CLOSINGS = List.of("Is there anything else I can do for you?",
            "Let me know if you have more questions.", "");

    private final KnowledgeBase knowledgeBase;

    public SupportAssistant(KnowledgeBase knowledgeBase) {
        this.knowledgeBase = knowledgeBase;
    }

    public String answer(String question) {
        Random random = new Random();
        return knowledgeBase.search(question)
                .map(article -> (OPENINGS.get(random.nextInt(OPENINGS.size())) + " " + article.text() + " "
                        + CLOSINGS.get(random.nextInt(CLOSINGS.size()))).strip())
                .orElse("I'm sorry, I could not find an answer to that in our help centre. Our support team is "
                        + "available by chat and phone from 8:00 to 20:00, Monday to Saturday.");
    }
}
