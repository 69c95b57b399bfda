package dev.rubric.examples.support;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The help centre of a small online shop, and a keyword search over it. */
public final class KnowledgeBase {

    private final List<Article> articles;

    public KnowledgeBase(List<Article> articles) {
        this.articles = List.copyOf(articles);
    }

    /** The shop's articles. */
    public static KnowledgeBase standard() {
        return new KnowledgeBase(List.of(
                new Article("Refunds", Set.of("refund", "money", "return", "returns", "reimburse"),
                        "You can ask for a refund within 30 days of delivery. Open Orders, choose the order and press "
                                + "'Request refund'. Once we receive the item, the money is back on your card within "
                                + "5 business days."),
                new Article("Shipping", Set.of("shipping", "delivery", "deliver", "ship", "arrive", "parcel"),
                        "Standard shipping takes 3 to 5 business days and is free above 50 euros. Express shipping "
                                + "takes 1 business day and costs 9 euros. Every order gets a tracking link by e-mail."),
                new Article("Password reset", Set.of("password", "login", "log", "sign", "account", "locked"),
                        "On the sign-in page, press 'Forgot password' and enter your e-mail address. We send a link "
                                + "that is valid for 1 hour. After 5 failed attempts the account is locked for 15 "
                                + "minutes."),
                new Article("Warranty", Set.of("warranty", "broke", "broken", "defect", "defective", "repair", "guarantee"),
                        "Every product has a 2-year warranty. If it breaks, open a warranty claim under Orders with "
                                + "a photo of the defect; we repair or replace it at no cost, shipping included."),
                new Article("Opening hours", Set.of("hours", "open", "phone", "call", "contact", "support"),
                        "Our support team answers by chat and phone from 8:00 to 20:00, Monday to Saturday. "
                                + "The phone number is +31 20 123 4567.")));
    }

    /** The article that shares the most keywords with the question, if any shares one. */
    public Optional<Article> search(String question) {
        Set<String> words = new HashSet<>(Arrays.asList(question.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")));
        return articles.stream()
                .filter(a -> overlap(a, words) > 0)
                .max(Comparator.comparingLong(a -> overlap(a, words)));
    }

    private static long overlap(Article article, Set<String> words) {
        return article.keywords().stream().filter(words::contains).count();
    }
}
