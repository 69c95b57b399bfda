package dev.rubric.judge.local;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rubric.core.GradingMode;
import dev.rubric.lm.LmTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verdict tokens and the marker search on the real Hugging Face tokenizers library, with a tokenizer.json
 * shaped like Mistral's (normalizer Prepend '▁' + Replace ' ', BPE, decoder Replace/Fuse/Strip), whose merges make
 * "[RESULT]" the pieces '▁[', 'RES', 'ULT', ']', leave " 4" as '▁' then '4', and make " A" the piece '▁A'.
 */
class MistralShapedTokenizerTest {

    @TempDir
    static Path dir;
    static HuggingFaceTokenizer hf;
    static LmTokenizer tokenizer;
    static Map<String, Integer> vocab = new LinkedHashMap<>();

    @BeforeAll
    static void writeTokenizer() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> pieces = List.of("<unk>", "<s>", "</s>", "▁", "[", "]", "R", "E", "S", "U", "L", "T", "A", "B",
                "1", "2", "3", "4", "5", "F", "e", "d", "b", "a", "c", "k", ":", "G", "o", ".", "▁[", "RE", "RES",
                "UL", "ULT", "▁A", "▁B", "oo", "Goo", "Good");
        for (String p : pieces) {
            vocab.put(p, vocab.size());
        }
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int i = 0; i < 3; i++) {
            added.addObject().put("id", i).put("content", pieces.get(i)).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
        }
        ObjectNode normalizer = root.putObject("normalizer").put("type", "Sequence");
        ArrayNode normalizers = normalizer.putArray("normalizers");
        normalizers.addObject().put("type", "Prepend").put("prepend", "▁");
        ObjectNode replace = normalizers.addObject().put("type", "Replace");
        replace.putObject("pattern").put("String", " ");
        replace.put("content", "▁");
        root.putNull("pre_tokenizer");
        root.putNull("post_processor");
        ObjectNode decoder = root.putObject("decoder").put("type", "Sequence");
        ArrayNode decoders = decoder.putArray("decoders");
        ObjectNode back = decoders.addObject().put("type", "Replace");
        back.putObject("pattern").put("String", "▁");
        back.put("content", " ");
        decoders.addObject().put("type", "Fuse");
        decoders.addObject().put("type", "Strip").put("content", " ").put("start", 1).put("stop", 0);
        ObjectNode model = root.putObject("model").put("type", "BPE");
        model.putNull("dropout");
        model.put("unk_token", "<unk>");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", true);
        model.put("byte_fallback", false);
        ObjectNode v = model.putObject("vocab");
        vocab.forEach(v::put);
        ArrayNode merges = model.putArray("merges");
        for (String m : List.of("▁ [", "R E", "RE S", "U L", "UL T", "▁ A", "▁ B", "o o", "G oo", "Goo d")) {
            merges.add(m);
        }
        Path file = dir.resolve("tokenizer.json");
        json.writeValue(file.toFile(), root);
        hf = HuggingFaceTokenizer.builder().optTokenizerPath(file).optTruncation(false).optPadding(false)
                .optAddSpecialTokens(false).build();
        tokenizer = new Adapter(hf);
    }

    @AfterAll
    static void close() {
        if (hf != null) {
            hf.close();
        }
    }

    private static int id(String piece) {
        return vocab.get(piece);
    }

    @Test
    void theTokenizerSplitsTheVerdictLikeMistral() {
        assertThat(tokenizer.encode("[RESULT] 4", false))
                .containsExactly(id("▁["), id("RES"), id("ULT"), id("]"), id("▁"), id("4"));
        assertThat(tokenizer.encode("[RESULT] A", false))
                .containsExactly(id("▁["), id("RES"), id("ULT"), id("]"), id("▁A"));
    }

    @Test
    void scoresGetTheSpacePieceAsBridgeAndWinnersNone() {
        VerdictTokens tokens = VerdictTokens.derive(tokenizer);

        assertThat(tokens.of(GradingMode.ABSOLUTE).prefix())
                .containsExactly(id("▁["), id("RES"), id("ULT"), id("]"), id("▁"));
        assertThat(tokens.of(GradingMode.ABSOLUTE).bridge()).containsExactly(id("▁"));
        assertThat(tokens.of(GradingMode.ABSOLUTE).choices())
                .containsExactly(id("1"), id("2"), id("3"), id("4"), id("5"));
        assertThat(tokens.of(GradingMode.PAIRWISE).bridge()).isEmpty();
        assertThat(tokens.of(GradingMode.PAIRWISE).choices()).containsExactly(id("▁A"), id("▁B"));
    }

    @Test
    void theMarkerIsSeenInDecodedTrailingTokensExactlyWhenItsLastPieceIsWritten() {
        int[] written = tokenizer.encode("Feedback: Good. [RESULT] 4", false);
        int close = Arrays.stream(written).boxed().toList().indexOf(id("]"));
        int window = VerdictTokens.derive(tokenizer).markerWindow();
        for (int end = 1; end <= written.length; end++) {
            int[] tail = Arrays.copyOfRange(written, Math.max(0, end - window), end);
            assertThat(VerdictTokens.endsWithMarker(tokenizer.decode(tail)))
                    .as("after %d tokens", end).isEqualTo(end == close + 1 || end == close + 2);
        }
    }

    /** The least an LmTokenizer needs, over DJL's HuggingFaceTokenizer. */
    private record Adapter(HuggingFaceTokenizer hf) implements LmTokenizer {
        @Override
        public int[] encode(String text, boolean addBos) {
            long[] ids = hf.encode(text, false, false).getIds();
            int[] out = new int[ids.length + (addBos ? 1 : 0)];
            if (addBos) {
                out[0] = 1;
            }
            for (int i = 0; i < ids.length; i++) {
                out[i + (addBos ? 1 : 0)] = (int) ids[i];
            }
            return out;
        }

        @Override
        public String decode(int[] ids) {
            return hf.decode(Arrays.stream(ids).asLongStream().toArray(), true);
        }

        @Override
        public int bosId() {
            return 1;
        }

        @Override
        public int eosId() {
            return 2;
        }

        @Override
        public OptionalInt pieceId(String piece) {
            Integer id = vocab.get(piece);
            return id == null ? OptionalInt.empty() : OptionalInt.of(id);
        }

        @Override
        public int vocabularySize() {
            return vocab.size();
        }

        @Override
        public void close() {
        }
    }
}
