package dev.rubric.examples.support;

import java.util.Set;

/** One help-centre article: a title, the keywords that find it, and its text. */
public record Article(String title, Set<String> keywords, String text) {
}
