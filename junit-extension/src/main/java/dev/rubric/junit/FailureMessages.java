package dev.rubric.junit;

import dev.rubric.core.ConfigKeys;
import dev.rubric.core.Verdict;

/** Text helpers for assertion messages: wrapped feedback, shortened responses, where a verdict came from. */
final class FailureMessages {

    static final int WIDTH = 100;
    static final int MAX_RESPONSE = 400;
    static final String INDENT = "  ";

    private FailureMessages() {
    }

    /**
     * Wraps text at {@link #WIDTH} columns (words kept whole), each line indented. Control characters (such as the
     * ESC of a terminal escape sequence that a judge or the system under test wrote) become U+FFFD, so that untrusted
     * text cannot recolour or rewrite the console or CI log it is printed to.
     */
    static String wrap(String text) {
        StringBuilder out = new StringBuilder();
        for (String paragraph : text.strip().split("\\R")) {
            StringBuilder line = new StringBuilder(INDENT);
            for (String word : paragraph.strip().split("\\s+")) {
                if (word.isEmpty()) {
                    continue;
                }
                if (line.length() > INDENT.length() && line.length() + 1 + word.length() > WIDTH) {
                    out.append(line).append('\n');
                    line = new StringBuilder(INDENT);
                }
                if (line.length() > INDENT.length()) {
                    line.append(' ');
                }
                line.append(withoutControlCharacters(word));
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    private static String withoutControlCharacters(String word) {
        StringBuilder b = null;
        for (int i = 0; i < word.length(); i++) {
            if (Character.isISOControl(word.charAt(i))) {
                if (b == null) {
                    b = new StringBuilder(word);
                }
                b.setCharAt(i, '\uFFFD');
            }
        }
        return b == null ? word : b.toString();
    }

    /** The text, cut to {@link #MAX_RESPONSE} characters with a note of how much was left out. */
    static String shorten(String text) {
        String t = text.strip();
        if (t.length() <= MAX_RESPONSE) {
            return t;
        }
        return t.substring(0, MAX_RESPONSE) + " [... " + (t.length() - MAX_RESPONSE) + " more characters]";
    }

    static String source(Verdict v) {
        return (v.cached() ? "from the verdict cache" : "fresh from the judge") + " (" + v.fingerprint() + ")"
                + (v.forced() ? "; forced: the judge did not write [RESULT] itself (it stopped before it, or reached"
                + " its token budget, " + ConfigKeys.MAX_TOKENS + "=" + v.fingerprint().decoding().maxTokens()
                + "), so the decoder appended it and chose the verdict among the verdict tokens alone (1-5, or A and"
                + " B)" : "");
    }
}
