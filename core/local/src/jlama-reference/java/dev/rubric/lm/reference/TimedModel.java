package dev.rubric.lm.reference;

import dev.rubric.lm.BatchDecoder;
import dev.rubric.lm.ChatTemplate;
import dev.rubric.lm.LanguageModel;
import dev.rubric.lm.LmTokenizer;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * A {@link LanguageModel} in front of a loaded one, for the benchmark: it times every prefill and decode step that the
 * judge asks for (so one judgment run yields prefill and decode speeds at the judge's real lengths), optionally cuts
 * long prompts to their first {@code promptCap} tokens (a mid-size model's prompt of a fixed, realistic length when
 * the fixture tokenizer's near character-level pieces make the rendered prompt too long), hides the end-of-sequence
 * token so that every grading decodes its whole budget, and does not close the
 * model it stands for, so one load serves every batch size.
 */
final class TimedModel implements LanguageModel {

    /** What the model computed since the last {@link #reset()}. */
    record Counters(long prefillNanos, long prefillTokens, long decodeNanos, long decodeTokens, int steps) {
    }

    private final LanguageModel model;
    private final LmTokenizer tokenizer;
    private long prefillNanos;
    private long prefillTokens;
    private long decodeNanos;
    private long decodeTokens;
    private int steps;

    /** @param promptCap the most tokens a long text encodes to; 0 for no cap */
    TimedModel(LanguageModel model, int promptCap) {
        this.model = model;
        this.tokenizer = promptCap == 0 ? model.tokenizer() : new CappedTokenizer(model.tokenizer(), promptCap);
    }

    synchronized Counters reset() {
        Counters c = new Counters(prefillNanos, prefillTokens, decodeNanos, decodeTokens, steps);
        prefillNanos = prefillTokens = decodeNanos = decodeTokens = steps = 0;
        return c;
    }

    @Override
    public LmTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public ChatTemplate chatTemplate() {
        return model.chatTemplate();
    }

    @Override
    public String family() {
        return model.family();
    }

    @Override
    public BatchDecoder newBatch(int batchSize, int maxSequenceLength) {
        BatchDecoder inner = model.newBatch(batchSize, maxSequenceLength);
        return new BatchDecoder() {
            @Override
            public float[][] prefill(int[][] prompts) {
                long start = System.nanoTime();
                float[][] logits = withoutEos(inner.prefill(prompts));
                long tokens = Arrays.stream(prompts).mapToLong(p -> p.length).sum();
                synchronized (TimedModel.this) {
                    prefillNanos += System.nanoTime() - start;
                    prefillTokens += tokens;
                }
                return logits;
            }

            @Override
            public float[][] step(int[] tokens) {
                long start = System.nanoTime();
                float[][] logits = withoutEos(inner.step(tokens));
                synchronized (TimedModel.this) {
                    decodeNanos += System.nanoTime() - start;
                    decodeTokens += tokens.length;
                    steps++;
                }
                return logits;
            }

            @Override
            public int remainingCapacity() {
                return inner.remainingCapacity();
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }

    /**
     * Hides the end-of-sequence token (its logit becomes -infinity), so that a random model never stops early and
     * every grading writes the whole {@code max-tokens} budget: the same work in every round.
     */
    private float[][] withoutEos(float[][] logits) {
        int eos = tokenizer.eosId();
        for (float[] row : logits) {
            row[eos] = Float.NEGATIVE_INFINITY;
        }
        return logits;
    }

    @Override
    public int maxSequenceLength() {
        return model.maxSequenceLength();
    }

    @Override
    public String description() {
        return model.description();
    }

    /** Leaves the model open: the benchmark closes it after the last batch size. */
    @Override
    public void close() {
    }

    /** Encodes as the model's tokenizer does, keeping the first {@code cap} ids of longer texts. */
    private record CappedTokenizer(LmTokenizer tokenizer, int cap) implements LmTokenizer {

        @Override
        public int[] encode(String text, boolean addBos) {
            int[] ids = tokenizer.encode(text, addBos);
            return ids.length > cap ? Arrays.copyOf(ids, cap) : ids;
        }

        @Override
        public String decode(int[] ids) {
            return tokenizer.decode(ids);
        }

        @Override
        public int bosId() {
            return tokenizer.bosId();
        }

        @Override
        public int eosId() {
            return tokenizer.eosId();
        }

        @Override
        public OptionalInt pieceId(String piece) {
            return tokenizer.pieceId(piece);
        }

        @Override
        public int vocabularySize() {
            return tokenizer.vocabularySize();
        }

        @Override
        public void close() {
        }
    }
}
