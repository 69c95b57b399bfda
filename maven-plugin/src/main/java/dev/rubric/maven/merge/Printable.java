package dev.rubric.maven.merge;

import org.apiguardian.api.API;

import java.util.Locale;

/**
 * Names from results files as the console may show them. Here, below the gate and its words, because a test's own
 * label ({@link GatedTest#label()}) is already printable wherever it is shown.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Printable {

    private Printable() {
    }

    /**
     * A name as the console may show it: control characters (NUL, ESC, line breaks) and the characters that reorder
     * text (bidirectional overrides such as U+202E, which make "tset.a" read "a.test") written as {@code \\uXXXX}, so
     * that a test name cannot hide, fake or rewrite a line of the build log.
     */
    public static String of(String s) {
        if (s == null || s.codePoints().noneMatch(c -> Character.isISOControl(c) || reorders(c))) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || reorders(c)) {
                b.append(String.format(Locale.ROOT, "\\u%04X", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    /** The invisible characters that change the order or direction text is shown in, and line separators. */
    public static boolean reorders(int c) {
        return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x2028 || c == 0x2029;
    }
}
