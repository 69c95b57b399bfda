package dev.rubric.judge.openai;

import dev.rubric.secret.Redaction;

import java.util.Locale;

/**
 * Untrusted text (a server's body, a judge's output) made fit for an error message: credentials redacted (before it is
 * cut, so that no part of one survives the cut), one line, bounded length.
 */
final class Excerpt {

    static final int DEFAULT_LENGTH = 400;

    private Excerpt() {
    }

    /**
     * The text with line breaks written as {@code \n}, and other control characters (such as the ESC of a terminal
     * escape sequence) as Unicode escapes, so that it cannot rewrite the console it is printed to; when longer than
     * {@code max}, its start and its end (where a judge's score would be) with the number of characters left out
     * between them.
     */
    static String of(String text, int max) {
        if (text == null) {
            return "";
        }
        String line = oneLine(Redaction.redact(text));
        if (line.length() <= max) {
            return line;
        }
        int half = max / 2;
        return line.substring(0, half) + " [... " + (line.length() - 2 * half) + " characters left out ...] "
                + line.substring(line.length() - half);
    }

    private static String oneLine(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append(c);
                default -> {
                    if (Character.isISOControl(c)) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    static String of(String text) {
        return of(text, DEFAULT_LENGTH);
    }
}
