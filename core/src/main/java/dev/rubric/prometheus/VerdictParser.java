package dev.rubric.prometheus;

import dev.rubric.core.Winner;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the score or the winner out of a Prometheus output, like the reference parser of prometheus-eval
 * (anchored at the end, case-insensitive), and also accepts what that parser trips on: a trailing {@code </s>}
 * and a trailing period.
 */
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
    private static final Pattern RESULT_TAIL = Pattern.compile("\\s*\\[RESULT\\][\\s\\S]*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern FEEDBACK_PREFIX = Pattern.compile("^\\s*Feedback:\\s*", Pattern.CASE_INSENSITIVE);

    private VerdictParser() {
    }

    /** The score 1..5 at the end of an absolute output, or empty when there is none. */
    public static OptionalInt parseScore(String output) {
        String text = cleanTail(output);
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
        Matcher m = PAIRWISE.matcher(cleanTail(output));
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
        String text = RESULT_TAIL.matcher(stripEos(output)).replaceFirst("");
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

    private static final Pattern RESULT_MARKER = Pattern.compile("\\[(?:RESULT|Result|SCORE)", Pattern.CASE_INSENSITIVE);

    private static String stripEos(String output) {
        String text = output.stripTrailing();
        while (text.endsWith("</s>")) {
            text = text.substring(0, text.length() - 4).stripTrailing();
        }
        return text;
    }
}
