package dev.rubric.lm;

import org.apiguardian.api.API;

import java.util.OptionalInt;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The model's tokenizer (tokenizer.json through DJL's HuggingFaceTokenizer, truncation off).
 * Token ids of special pieces are looked up here, never hard-coded.
 */
@API(status = INTERNAL, since = "0.1")
public interface LmTokenizer extends AutoCloseable {

    /** Token ids of a text; with {@code addBos}, the BOS id first. */
    int[] encode(String text, boolean addBos);

    /** The text of token ids (special tokens skipped). */
    String decode(int[] ids);

    int bosId();

    int eosId();

    /** The id of a single vocabulary piece (e.g. "▁4" or "4"), if the vocabulary has it. */
    OptionalInt pieceId(String piece);

    int vocabularySize();

    @Override
    void close();
}
