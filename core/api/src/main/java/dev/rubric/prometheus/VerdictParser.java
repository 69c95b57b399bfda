package dev.rubric.prometheus;

import dev.rubric.core.Winner;
import org.apiguardian.api.API;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Reads the score or the winner out of a Prometheus output exactly as the reference parser of prometheus-eval
 * ({@code prometheus_eval/parser.py}: a search anchored at the end, case-insensitive) reads it, and accepts on purpose
 * two tails that parser finds nothing in: {@code </s>} (one or more, with whitespace) and one period right after the
 * verdict ({@code [RESULT] 4.}). An output the reference parser reads is always read the same way here; only an
 * output it reads nothing from may be read through those two tails.
 * <p>
 * Python's regular expressions, on text, differ from Java's, and the patterns below follow Python's:
 * <ul>
 * <li>{@code \s} is Unicode whitespace as Python's {@code str.isspace()} has it ({@link #WHITESPACE}: with
 * U+001C..U+001F, U+0085, U+00A0, U+2028, ..., which Java's {@code \s} leaves out);</li>
 * <li>{@code \d} is any Unicode decimal digit (category Nd), and Python's {@code int()} reads those too:
 * {@code [RESULT] ４} is 4;</li>
 * <li>{@code $} and the multi-line {@code ^} know only {@code \n} as a line end (Java's also take {@code \r},
 * U+0085, U+2028, U+2029: {@link Pattern#UNIX_LINES} turns that off);</li>
 * <li>case-insensitive matching is Unicode-aware ({@code ſcore} is {@code score} in both languages).</li>
 * </ul>
 * The patterns are rewritten, without changing what they match or which number they capture, so that Java's
 * backtracking engine stays linear on untrusted output: {@code \s*(?:\(|\[|\s)*} before the number is the one
 * possessive class {@code [(\[\s]*+} (a number cannot start inside it, so giving characters back never helps), the
 * number is possessive for the same reason, and the {@code \s*} that the pairwise alternatives end with is folded
 * into the one that follows them. A 100,000-character output of whitespace runs or brackets parses in milliseconds,
 * and nothing recurses per character (Java's engine recurses on a repeated group, which overflowed the stack).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class VerdictParser {

    /**
     * Python's whitespace on text ({@code str.isspace()}, which its {@code \s} matches): the characters of Unicode
     * bidirectional class WS, B or S, or of category Zs. Computed with Python 3.11 over every code point.
     */
    static final String WHITESPACE =
            "[\\t\\n\\x0B\\f\\r\\x1C-\\x20\\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]";
    private static final String DIGIT = "\\p{Nd}";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNIX_LINES;

    /** The reference absolute pattern; group 1 is the number. */
    private static final Pattern ABSOLUTE = Pattern.compile(
            "(?=[\\[sr])" // where a match can start (case-insensitive: s, S, ſ, r, R): cheap to rule out
                    + "(?:\\[RESULT\\]|\\[SCORE\\]|Score:?|score:?|Result:?|\\[Result\\]:?|score" + WHITESPACE + "+of)"
                    + "[(\\[" + inner(WHITESPACE) + "]*+"
                    + "(" + DIGIT + "++)"
                    + "(?:\\)|\\]|" + WHITESPACE + "|$|/" + WHITESPACE + "*5|" + WHITESPACE + "*out" + WHITESPACE
                    + "*of" + WHITESPACE + "*5)?"
                    + WHITESPACE + "*$",
            FLAGS);

    /** The reference pairwise pattern (multi-line: {@code $} also before each {@code \n}); group 1 is A or B. */
    private static final Pattern PAIRWISE = Pattern.compile(
            "(?=[\\[\\nr])" // where a match can start
                    + "(?:\\[RESULT\\]|\\[RESULT:|\\[Response" + WHITESPACE + "|\\[Result\\](?:" + WHITESPACE + "+Response)?"
                    + "|\\[Result:|(?:^|\\n)Result:?)"
                    + WHITESPACE + "*+(A|B)\\]?" + WHITESPACE + "*$",
            FLAGS | Pattern.MULTILINE);

    /** Where the result marker starts, to cut the feedback off before it. */
    private static final Pattern RESULT_MARKER_TEXT = Pattern.compile("\\[RESULT\\]", Pattern.CASE_INSENSITIVE);
    private static final Pattern RESULT_MARKER = Pattern.compile("\\[(?:RESULT|Result|SCORE)", Pattern.CASE_INSENSITIVE);
    private static final Pattern FEEDBACK_PREFIX = Pattern.compile("^\\s*Feedback:\\s*", Pattern.CASE_INSENSITIVE);
    private static final String END_OF_SEQUENCE = "</s>";

    /**
     * A verdict and where it stands in the output.
     *
     * @param verdict the score (1..5) or the winner
     * @param start   the index of the verdict's first character in the output
     * @param end     the index after its last character
     * @param <T>     {@link Integer} for a score, {@link Winner} for a winner
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record Located<T>(T verdict, int start, int end) {

        public Located {
            Objects.requireNonNull(verdict, "verdict");
            if (start < 0 || end <= start) {
                throw new IllegalArgumentException("a located verdict needs 0 <= start < end, got " + start + ".."
                        + end);
            }
        }
    }

    private VerdictParser() {
    }

    /** The score 1..5 at the end of an absolute output, or empty when there is none. */
    public static OptionalInt parseScore(String output) {
        return locateScore(output).map(l -> OptionalInt.of(l.verdict())).orElse(OptionalInt.empty());
    }

    /** The winner A or B at the end of a pairwise output (the first match wins), or empty. */
    public static Optional<Winner> parseWinner(String output) {
        return locateWinner(output).map(Located::verdict);
    }

    /** The score at the end of an absolute output and where its digits stand, or empty. */
    public static Optional<Located<Integer>> locateScore(String output) {
        if (output == null) {
            return Optional.empty();
        }
        Optional<Located<Integer>> found = score(output);
        String cleaned = withoutAcceptedTail(output);
        return found.isPresent() || cleaned.length() == output.length() ? found : score(cleaned);
    }

    /** The winner at the end of a pairwise output and where its letter stands, or empty. */
    public static Optional<Located<Winner>> locateWinner(String output) {
        if (output == null) {
            return Optional.empty();
        }
        Optional<Located<Winner>> found = winner(output);
        String cleaned = withoutAcceptedTail(output);
        return found.isPresent() || cleaned.length() == output.length() ? found : winner(cleaned);
    }

    /** The feedback text: without a leading "Feedback:", the {@code [RESULT] n} tail and surrounding whitespace. */
    public static String feedback(String output) {
        if (output == null) {
            return "";
        }
        String text = withoutEndOfSequence(output);
        Matcher marker = RESULT_MARKER_TEXT.matcher(text);
        if (marker.find()) {
            text = text.substring(0, marker.start());
        }
        return FEEDBACK_PREFIX.matcher(text).replaceFirst("").strip();
    }

    private static Optional<Located<Integer>> score(String text) {
        Matcher m = ABSOLUTE.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        int score = digitsValue(m.group(1));
        return score >= 1 && score <= 5 ? Optional.of(new Located<>(score, m.start(1), m.end(1))) : Optional.empty();
    }

    private static Optional<Located<Winner>> winner(String text) {
        Matcher m = PAIRWISE.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        Winner w = m.group(1).equalsIgnoreCase("A") ? Winner.A : Winner.B;
        return Optional.of(new Located<>(w, m.start(1), m.end(1)));
    }

    /**
     * The value of a run of Unicode decimal digits, as Python's {@code int()} reads it ("04" is 4, "٤" is 4), or -1
     * when it is above 5: only 1..5 matter, and a long run must not overflow.
     */
    private static int digitsValue(String digits) {
        int value = 0;
        for (int i = 0; i < digits.length(); ) {
            int cp = digits.codePointAt(i);
            value = value * 10 + Character.digit(cp, 10);
            if (value > 5) {
                return -1;
            }
            i += Character.charCount(cp);
        }
        return value;
    }

    /**
     * The output without the tail this parser accepts on purpose: trailing whitespace and {@code </s>} markers, then
     * one period right after a score, a winner or a closing bracket, when a result marker ({@code [RESULT},
     * {@code [Result}, {@code [SCORE}) precedes it. A period after prose ("not 3.") stays, so prose stays unread.
     */
    static String withoutAcceptedTail(String output) {
        String text = withoutEndOfSequence(output);
        if (text.endsWith(".")) {
            String before = text.substring(0, text.length() - 1);
            if (!before.isEmpty()) {
                char last = before.charAt(before.length() - 1);
                boolean afterVerdict = Character.isDigit(last) || last == 'A' || last == 'B' || last == ']'
                        || last == ')';
                if (afterVerdict && RESULT_MARKER.matcher(before).find()) {
                    return before;
                }
            }
        }
        return text;
    }

    /** The output without trailing whitespace (Python's) and {@code </s>} markers, however many. */
    private static String withoutEndOfSequence(String output) {
        int end = output.length();
        while (true) {
            while (end > 0 && isWhitespace(output.charAt(end - 1))) {
                end--;
            }
            if (end >= END_OF_SEQUENCE.length() && output.startsWith(END_OF_SEQUENCE, end - END_OF_SEQUENCE.length())) {
                end -= END_OF_SEQUENCE.length();
            } else {
                return output.substring(0, end);
            }
        }
    }

    /**
     * Whether {@code c} is whitespace as the reference parser sees it: Python's {@code str.isspace()}, the class
     * {@link #WHITESPACE} (all such characters are in the BMP).
     */
    public static boolean isWhitespace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001C' && c <= '\u001F') || c == '\u0085'
                || c == '\u00A0' || c == '\u1680' || (c >= '\u2000' && c <= '\u200A') || c == '\u2028'
                || c == '\u2029' || c == '\u202F' || c == '\u205F' || c == '\u3000';
    }

    /** The inside of a bracketed character class, to put it into another class. */
    private static String inner(String characterClass) {
        return characterClass.substring(1, characterClass.length() - 1);
    }
}
