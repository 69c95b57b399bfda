package dev.rubric.judge.local;

import dev.rubric.lm.LmTokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A tiny SentencePiece-like tokenizer for tests: spaces become '▁', a '▁' is put in front of the text (the dummy
 * prefix), and the text is split greedily into the longest pieces of the vocabulary; a character outside it becomes
 * {@code <unk>}. Decoding joins the pieces, turns '▁' back into spaces and drops one leading space, skipping the
 * special tokens. Ids: 0 {@code <unk>}, 1 {@code <s>}, 2 {@code </s>}, then the pieces.
 */
final class FakeTokenizer implements LmTokenizer {

    static final int UNK = 0;
    static final int BOS = 1;
    static final int EOS = 2;

    /** Like Mistral: the marker in several pieces, digits alone, and " A"/" B" as single pieces. */
    static final List<String> MISTRAL_LIKE = List.of("▁", "[", "RESULT", "]", "1", "2", "3", "4", "5", "A", "B",
            "▁A", "▁B", "Feedback:", "▁Good", "▁answer", "▁la", "▁di", "▁da", ".");

    private final List<String> pieces = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();
    private final int longest;

    /** The given pieces, then every printable ASCII character and the newline as single-character pieces. */
    FakeTokenizer(List<String> vocabulary) {
        Set<String> all = new LinkedHashSet<>(List.of("<unk>", "<s>", "</s>"));
        all.addAll(vocabulary);
        for (char c = 33; c < 127; c++) {
            all.add(String.valueOf(c));
        }
        all.add("\n");
        int max = 0;
        for (String p : all) {
            ids.put(p, pieces.size());
            pieces.add(p);
            max = Math.max(max, p.length());
        }
        longest = max;
    }

    static FakeTokenizer mistralLike() {
        return new FakeTokenizer(MISTRAL_LIKE);
    }

    int id(String piece) {
        Integer id = ids.get(piece);
        if (id == null) {
            throw new IllegalArgumentException("no piece " + piece);
        }
        return id;
    }

    @Override
    public int[] encode(String text, boolean addBos) {
        String s = text.isEmpty() ? "" : "▁" + text.replace(' ', '▁');
        List<Integer> out = new ArrayList<>();
        if (addBos) {
            out.add(BOS);
        }
        int i = 0;
        while (i < s.length()) {
            int match = -1;
            int matchLength = 0;
            for (int len = Math.min(longest, s.length() - i); len >= 1; len--) {
                Integer id = ids.get(s.substring(i, i + len));
                if (id != null && id > EOS) {
                    match = id;
                    matchLength = len;
                    break;
                }
            }
            if (match < 0) {
                out.add(UNK);
                i++;
            } else {
                out.add(match);
                i += matchLength;
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String decode(int[] tokens) {
        StringBuilder sb = new StringBuilder();
        for (int id : tokens) {
            if (id > EOS && id < pieces.size()) {
                sb.append(pieces.get(id));
            }
        }
        String text = sb.toString().replace('▁', ' ');
        return text.startsWith(" ") ? text.substring(1) : text;
    }

    @Override
    public int bosId() {
        return BOS;
    }

    @Override
    public int eosId() {
        return EOS;
    }

    @Override
    public OptionalInt pieceId(String piece) {
        Integer id = ids.get(piece);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    @Override
    public int vocabularySize() {
        return pieces.size();
    }

    @Override
    public void close() {
    }
}
