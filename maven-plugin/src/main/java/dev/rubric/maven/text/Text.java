package dev.rubric.maven.text;

import dev.rubric.maven.merge.Printable;

import java.util.Locale;
import org.apiguardian.api.API;

/** Small text helpers for log lines and messages. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Text {

    private Text() {
    }

    /**
     * One line, at most {@code max} characters, cut at a word where one is near, with "..." when cut. Control
     * characters left after folding the whitespace (the ESC of a terminal escape sequence in a judge's feedback)
     * become U+FFFD, so that results text cannot rewrite the build log.
     */
    public static String shorten(String s, int max) {
        if (s == null) {
            return "";
        }
        String line = s.replaceAll("\\s+", " ").strip().codePoints()
                .map(c -> Character.isISOControl(c) || Printable.reorders(c) ? 0xFFFD : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        if (line.length() <= max) {
            return line;
        }
        int cut = line.lastIndexOf(' ', max - 3);
        if (cut < max / 2) {
            cut = max - 3;
        }
        return line.substring(0, cut).stripTrailing() + "...";
    }

    /** A name as the console may show it: see {@link Printable#of}. */
    public static String printable(String s) {
        return Printable.of(s);
    }

    /** {@link #printable} for each line of a text of several lines: its line breaks are kept, all else escaped. */
    public static String console(String s) {
        if (s == null) {
            return null;
        }
        return java.util.Arrays.stream(s.split("\n", -1)).map(Text::printable)
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    /** "87.5%", or "-" when undefined. */
    public static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** "4.12", or "-" when undefined. */
    public static String score(double score) {
        return Double.isNaN(score) ? "-" : String.format(Locale.ROOT, "%.2f", score);
    }

    /** "+0.25" / "-0.40", or "-" when undefined. */
    public static String signed(double delta) {
        return Double.isNaN(delta) ? "-" : String.format(Locale.ROOT, "%+.2f", delta);
    }

    /**
     * A chance as people say it: "41%", "4.1%", "0.41%", "less than 0.1%"; "-" when undefined. Rounded, never to
     * 0% or 100% unless it is.
     */
    public static String chance(double p) {
        if (Double.isNaN(p)) {
            return "-";
        }
        double percent = p * 100;
        if (p >= 1) {
            return "100%";
        }
        if (percent >= 10) {
            return String.format(Locale.ROOT, "%.0f%%", Math.min(99, Math.floor(percent + 0.5)));
        }
        if (percent >= 1) {
            return String.format(Locale.ROOT, "%.1f%%", percent);
        }
        if (percent >= 0.1) {
            return String.format(Locale.ROOT, "%.2f%%", percent);
        }
        return p == 0 ? "0%" : "less than 0.1%";
    }
}
