package dev.rubric.judge.openai;

/** Untrusted text (a server's body, a judge's output) made fit for an error message: one line, bounded length. */
final class Excerpt {

    static final int DEFAULT_LENGTH = 400;

    private Excerpt() {
    }

    /**
     * The text with line breaks written as {@code \n}; when longer than {@code max}, its start and its end (where a
     * judge's score would be) with the number of characters left out between them.
     */
    static String of(String text, int max) {
        if (text == null) {
            return "";
        }
        String line = text.replace("\r", "\\r").replace("\n", "\\n");
        if (line.length() <= max) {
            return line;
        }
        int half = max / 2;
        return line.substring(0, half) + " [... " + (line.length() - 2 * half) + " characters left out ...] "
                + line.substring(line.length() - half);
    }

    static String of(String text) {
        return of(text, DEFAULT_LENGTH);
    }
}
