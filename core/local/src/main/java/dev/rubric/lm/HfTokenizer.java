package dev.rubric.lm;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A checkpoint's {@code tokenizer.json} through DJL's {@link HuggingFaceTokenizer}, with truncation and padding off
 * (DJL truncates to 512 tokens by default, silently). The tokenizer's own special tokens are never added: the BOS is
 * added here, when asked, so the result does not depend on the file's post-processor. Piece ids come from the
 * file's vocabulary (its model's vocab plus its added tokens).
 */
final class HfTokenizer implements LmTokenizer {

    private final HuggingFaceTokenizer tokenizer;
    private final Map<String, Integer> vocabulary;
    private final int bosId;
    private final int eosId;
    private final int vocabularySize;

    private HfTokenizer(HuggingFaceTokenizer tokenizer, Map<String, Integer> vocabulary, int bosId, int eosId) {
        this.tokenizer = tokenizer;
        this.vocabulary = vocabulary;
        this.bosId = bosId;
        this.eosId = eosId;
        this.vocabularySize = vocabulary.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    }

    /** Loads {@code tokenizer.json}; BOS and EOS ids are the model config's. */
    public static HfTokenizer load(Path tokenizerJson, int bosId, int eosId) {
        DjlDefaults.apply();
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new CheckpointException(tokenizerJson + " is missing: the checkpoint directory needs the model's "
                    + "tokenizer.json (Rubric does not read the SentencePiece tokenizer.model)");
        }
        Map<String, Integer> vocabulary = readVocabulary(tokenizerJson);
        HuggingFaceTokenizer tokenizer;
        try {
            tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerJson)
                    .optTruncation(false)
                    .optPadding(false)
                    .optAddSpecialTokens(false)
                    .build();
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException("cannot load " + tokenizerJson + ": " + e.getMessage()
                    + ": the file is corrupt or of a kind the Hugging Face tokenizers library does not read", e);
        }
        return new HfTokenizer(tokenizer, vocabulary, bosId, eosId);
    }

    private static Map<String, Integer> readVocabulary(Path tokenizerJson) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(tokenizerJson.toFile());
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + tokenizerJson + ": " + e.getMessage()
                    + ": the file is corrupt; delete it to re-download", e);
        }
        Map<String, Integer> vocabulary = new HashMap<>();
        JsonNode vocab = root.path("model").path("vocab");
        if (vocab.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                vocabulary.put(e.getKey(), e.getValue().asInt());
            }
        } else if (vocab.isArray()) { // Unigram: [[piece, score], ...], the id is the position
            for (int i = 0; i < vocab.size(); i++) {
                vocabulary.put(vocab.get(i).path(0).asText(), i);
            }
        } else {
            throw new CheckpointException(tokenizerJson + " has no model.vocab: the file is not a Hugging Face "
                    + "tokenizer.json");
        }
        for (JsonNode added : root.path("added_tokens")) {
            vocabulary.put(added.path("content").asText(), added.path("id").asInt());
        }
        return Map.copyOf(vocabulary);
    }

    @Override
    public int[] encode(String text, boolean addBos) {
        Encoding encoding = tokenizer.encode(text, false, false);
        long[] ids = encoding.getIds();
        int offset = addBos ? 1 : 0;
        int[] out = new int[ids.length + offset];
        if (addBos) {
            out[0] = bosId;
        }
        for (int i = 0; i < ids.length; i++) {
            out[i + offset] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    /** The pieces of a text, as the tokenizer splits it (no BOS). */
    public String[] pieces(String text) {
        return tokenizer.encode(text, false, false).getTokens();
    }

    @Override
    public String decode(int[] ids) {
        long[] longs = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            longs[i] = ids[i];
        }
        return tokenizer.decode(longs, true);
    }

    @Override
    public int bosId() {
        return bosId;
    }

    @Override
    public int eosId() {
        return eosId;
    }

    @Override
    public OptionalInt pieceId(String piece) {
        Integer id = vocabulary.get(piece);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    @Override
    public int vocabularySize() {
        return vocabularySize;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
