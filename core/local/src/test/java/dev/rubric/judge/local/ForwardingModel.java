package dev.rubric.judge.local;

import dev.rubric.lm.BatchDecoder;
import dev.rubric.lm.ChatTemplate;
import dev.rubric.lm.LanguageModel;
import dev.rubric.lm.LmTokenizer;
import dev.rubric.lm.MemoryPlan;

/**
 * A model in front of a loaded one that passes everything through, for test doubles that change or watch only its
 * batches: they override {@link #wrap} with a {@link ForwardingDecoder} that overrides what they need. Closing it
 * closes the model behind it.
 */
abstract class ForwardingModel implements LanguageModel {

    protected final LanguageModel model;

    ForwardingModel(LanguageModel model) {
        this.model = model;
    }

    /** The decoder the judge gets for a batch of {@code batchSize} sequences, given the model's own. */
    protected abstract BatchDecoder wrap(BatchDecoder inner, int batchSize);

    @Override
    public LmTokenizer tokenizer() {
        return model.tokenizer();
    }

    @Override
    public BatchDecoder newBatch(int batchSize, int maxSequenceLength) {
        return wrap(model.newBatch(batchSize, maxSequenceLength), batchSize);
    }

    @Override
    public BatchDecoder newBatch(int batchSize, int maxSequenceLength, MemoryPlan plan) {
        return wrap(model.newBatch(batchSize, maxSequenceLength, plan), batchSize);
    }

    @Override
    public MemoryPlan memoryPlan(int maxBatch, int generatedTokens) {
        return model.memoryPlan(maxBatch, generatedTokens);
    }

    @Override
    public int maxSequenceLength() {
        return model.maxSequenceLength();
    }

    @Override
    public String description() {
        return model.description();
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
    public void releaseSpareMemory() {
        model.releaseSpareMemory();
    }

    @Override
    public void close() {
        model.close();
    }

    /** A batch decoder that passes every call to another. */
    static class ForwardingDecoder implements BatchDecoder {
        protected final BatchDecoder inner;

        ForwardingDecoder(BatchDecoder inner) {
            this.inner = inner;
        }

        @Override
        public float[][] prefill(int[][] prompts) {
            return inner.prefill(prompts);
        }

        @Override
        public float[][] step(int[] tokens) {
            return inner.step(tokens);
        }

        @Override
        public int remainingCapacity() {
            return inner.remainingCapacity();
        }

        @Override
        public int prefilledTokens() {
            return inner.prefilledTokens();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
