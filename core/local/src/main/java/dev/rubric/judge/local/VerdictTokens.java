package dev.rubric.judge.local;

import dev.rubric.core.GradingMode;
import dev.rubric.lm.LmTokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The token ids of the verdict tail, derived from the model's own tokenizer (never hard-coded): how it writes
 * {@code [RESULT] 4} and {@code [RESULT] A}. For each mode, {@code "[RESULT] " + label} is tokenized for every label;
 * the common prefix is the marker followed by the <em>bridge</em> (what the tokenizer puts between the marker and the
 * label: Mistral writes " 4" as a '▁' piece then '4', but " A" as the single piece '▁A'), and the one token after it
 * is the label's token.
 */
final class VerdictTokens {

    /** The marker the model writes before its verdict. Matched case-insensitively, like the reference parser. */
    public static final String MARKER = "[RESULT]";

    static final List<String> SCORE_LABELS = List.of("1", "2", "3", "4", "5");
    static final List<String> WINNER_LABELS = List.of("A", "B");

    /** How one mode's verdict is written. */
    public static final class ModeTokens {
        private final int[] prefix;
        private final int markerLength;
        private final int[] choices;

        ModeTokens(int[] prefix, int markerLength, int[] choices) {
            this.prefix = prefix;
            this.markerLength = markerLength;
            this.choices = choices;
        }

        /** Marker then bridge: what the decoder appends itself when the model never wrote the marker. */
        public int[] prefix() {
            return prefix.clone();
        }

        /** What is forced after the marker, before the choice (may be empty). */
        public int[] bridge() {
            return Arrays.copyOfRange(prefix, markerLength, prefix.length);
        }

        /** The allowed tokens at the verdict position: scores 1..5 or winners A, B, in that order. */
        public int[] choices() {
            return choices.clone();
        }

        int choice(int index) {
            return choices[index];
        }

        int prefixLength() {
            return prefix.length;
        }
    }

    private final ModeTokens absolute;
    private final ModeTokens pairwise;

    private VerdictTokens(ModeTokens absolute, ModeTokens pairwise) {
        this.absolute = absolute;
        this.pairwise = pairwise;
    }

    /**
     * Derives the verdict tokens from a tokenizer.
     *
     * @throws IllegalArgumentException when the tokenizer does not write each score or winner as one token after a
     *                                  common prefix that ends with the marker (such a model cannot be constrained)
     */
    public static VerdictTokens derive(LmTokenizer tokenizer) {
        return new VerdictTokens(deriveMode(tokenizer, SCORE_LABELS), deriveMode(tokenizer, WINNER_LABELS));
    }

    public ModeTokens of(GradingMode mode) {
        return mode == GradingMode.ABSOLUTE ? absolute : pairwise;
    }

    /** The most tokens the decoder may append after the feedback budget: a whole prefix and the choice. */
    public int maxAppended() {
        return Math.max(absolute.prefixLength(), pairwise.prefixLength()) + 1;
    }

    /** How many trailing generated tokens to decode when looking for the marker (enough for any split of it). */
    int markerWindow() {
        return Math.max(absolute.markerLength, pairwise.markerLength) + 4;
    }

    /** True when the text, trailing whitespace aside, ends with {@code [RESULT]} in any case. */
    static boolean endsWithMarker(String text) {
        String t = text.stripTrailing();
        return t.length() >= MARKER.length()
                && t.regionMatches(true, t.length() - MARKER.length(), MARKER, 0, MARKER.length());
    }

    private static ModeTokens deriveMode(LmTokenizer tokenizer, List<String> labels) {
        List<int[]> encoded = new ArrayList<>();
        for (String label : labels) {
            encoded.add(tokenizer.encode(MARKER + " " + label, false));
        }
        int common = commonPrefixLength(encoded);
        int[] choices = new int[labels.size()];
        for (int i = 0; i < labels.size(); i++) {
            int[] ids = encoded.get(i);
            if (ids.length != common + 1) {
                throw new IllegalArgumentException("the model's tokenizer writes \"" + MARKER + " " + labels.get(i)
                        + "\" as tokens " + Arrays.toString(ids) + ", which do not end in one token for \""
                        + labels.get(i) + "\" after the tokens shared by " + labels.stream()
                        .map(l -> "\"" + MARKER + " " + l + "\"").toList()
                        + ": the local judge cannot constrain this model's verdict; use an OpenAI-compatible server"
                        + " (rubric.judge=openai) for it");
            }
            choices[i] = ids[common];
        }
        int[] prefix = Arrays.copyOf(encoded.get(0), common);
        int markerLength = -1;
        for (int k = 1; k <= common && markerLength < 0; k++) {
            if (endsWithMarker(tokenizer.decode(Arrays.copyOf(prefix, k)))) {
                markerLength = k;
            }
        }
        if (markerLength < 0) {
            throw new IllegalArgumentException("the model's tokenizer decodes the tokens " + Arrays.toString(prefix)
                    + " shared by " + labels.stream().map(l -> "\"" + MARKER + " " + l + "\"").toList()
                    + " as \"" + tokenizer.decode(prefix) + "\", which does not end with " + MARKER
                    + ": the local judge cannot find the verdict marker for this model; use an OpenAI-compatible"
                    + " server (rubric.judge=openai) for it");
        }
        return new ModeTokens(prefix, markerLength, choices);
    }

    private static int commonPrefixLength(List<int[]> sequences) {
        int[] first = sequences.get(0);
        int n = first.length;
        for (int[] s : sequences) {
            int i = 0;
            while (i < n && i < s.length && s[i] == first[i]) {
                i++;
            }
            n = i;
        }
        return n;
    }
}
