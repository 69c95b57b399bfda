package dev.rubric.prometheus;

import dev.rubric.core.Winner;
import org.apiguardian.api.API;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Reads the score or the winner out of a Prometheus output, like the reference parser of prometheus-eval
 * (anchored at the end, case-insensitive), and also accepts what that parser trips on: a trailing {@code </s>}
 * and a trailing period.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class VerdictParser {

    private static final Pattern ABSOLUTE = Pattern.compile(
            "(?:\\[RESULT\\]|\\[SCORE\\]|Score:?|score:?|Result:?|\\[Result\\]:?|score\\s+of)\\s*(?:\\(|\\[|\\s)*(\\d+)"
                    + "(?:(?:\\)|\\]|\\s|$)|(?:/\\s*5|\\s*out\\s*of\\s*5))?(?:\\s*$)",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern PAIRWISE = Pattern.compile(
            "(?:\\[RESULT\\]|\\[RESULT:\\s*|\\[Response\\s+|\\[Result\\](?:\\s+Response)?|\\[Result:\\s*|(?:^|\\n)Result:?\\s*)"
                    + "\\s*(A|B)(?:\\])?(?:\\s*$)",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

    /** Where the result marker starts, to cut the feedback off before it. */
    private static final Pattern RESULT_MARKER_TEXT = Pattern.compile("\\[RESULT\\]", Pattern.CASE_INSENSITIVE);

    /**
     * An absolute match ends at the end of the output and is a few dozen characters long; looking at more than
     * this many trailing characters only lets degenerate outputs (thousands of parentheses) exhaust the stack.
     */
    static final int ABSOLUTE_TAIL_CHARS = 256;
    private static final Pattern FEEDBACK_PREFIX = Pattern.compile("^\\s*Feedback:\\s*", Pattern.CASE_INSENSITIVE);

    private VerdictParser() {
    }

    /** The score 1..5 at the end of an absolute output, or empty when there is none. */
    public static OptionalInt parseScore(String output) {
        String text = collapseWhitespace(cleanTail(output));
        if (text.length() > ABSOLUTE_TAIL_CHARS) {
            text = text.substring(text.length() - ABSOLUTE_TAIL_CHARS);
        }
        Matcher m = ABSOLUTE.matcher(text);
        if (!m.find()) {
            return OptionalInt.empty();
        }
        try {
            int score = Integer.parseInt(m.group(1));
            return score >= 1 && score <= 5 ? OptionalInt.of(score) : OptionalInt.empty();
        } catch (NumberFormatException tooLong) {
            return OptionalInt.empty();
        }
    }

    /** The winner A or B at the end of a pairwise output (the first match wins), or empty. */
    public static Optional<Winner> parseWinner(String output) {
        Matcher m = PAIRWISE.matcher(collapseWhitespace(cleanTail(output)));
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1).equalsIgnoreCase("A") ? Winner.A : Winner.B);
    }

    /** The feedback text: without a leading "Feedback:", the {@code [RESULT] n} tail and surrounding whitespace. */
    public static String feedback(String output) {
        if (output == null) {
            return "";
        }
        String text = stripEos(output);
        Matcher marker = RESULT_MARKER_TEXT.matcher(text);
        if (marker.find()) {
            text = text.substring(0, marker.start());
        }
        return FEEDBACK_PREFIX.matcher(text).replaceFirst("").strip();
    }

    /** Removes an end-of-sequence marker and one trailing period, which the reference parser does not accept. */
    static String cleanTail(String output) {
        if (output == null) {
            return "";
        }
        String text = stripEos(output).stripTrailing();
        if (text.endsWith(".")) {
            String before = text.substring(0, text.length() - 1);
            // only a period right after a score or winner: "[RESULT] 4." - not "not 3." style prose, which stays unparsed
            if (!before.isEmpty() && (Character.isDigit(before.charAt(before.length() - 1))
                    || before.endsWith("A") || before.endsWith("B") || before.endsWith("]") || before.endsWith(")"))) {
                if (RESULT_MARKER.matcher(before).find()) {
                    text = before;
                }
            }
        }
        return text;
    }

    /**
     * Each run of regex whitespace ({@code [ \t\n\x0B\f\r]}) becomes one character: a newline when the run holds a
     * line break, a space otherwise. Neither pattern needs two whitespace characters in a row, so what they match is
     * unchanged, but a long run can no longer make them backtrack for seconds or overflow the stack.
     */
    static String collapseWhitespace(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (!isRegexSpace(c)) {
                out.append(c);
                i++;
                continue;
            }
            boolean lineBreak = false;
            while (i < text.length() && isRegexSpace(text.charAt(i))) {
                lineBreak |= text.charAt(i) == '\n' || text.charAt(i) == '\r';
                i++;
            }
            out.append(lineBreak ? '\n' : ' ');
        }
        return out.toString();
    }

    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static final Pattern RESULT_MARKER = Pattern.compile("\\[(?:RESULT|Result|SCORE)", Pattern.CASE_INSENSITIVE);

    private static String stripEos(String output) {
        int end = output.length();
        while (true) {
            while (end > 0 && Character.isWhitespace(output.charAt(end - 1))) {
                end--;
            }
            if (end >= 4 && output.startsWith("</s>", end - 4)) {
                end -= 4;
            } else {
                return output.substring(0, end);
            }
        }
    }
}
