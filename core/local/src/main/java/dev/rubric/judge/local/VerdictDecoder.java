package dev.rubric.judge.local;

import dev.rubric.core.DecodingSettings;
import dev.rubric.core.GradingMode;
import dev.rubric.core.JudgeException;
import dev.rubric.lm.BatchDecoder;
import dev.rubric.lm.LanguageModel;
import dev.rubric.lm.LmTokenizer;
import dev.rubric.lm.MemoryPlan;
import dev.rubric.prometheus.VerdictParser;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * Generates the feedback and the verdict for a batch of prompts, so that the local judge always ends in a verdict.
 *
 * <p>Each sequence is decoded freely (greedy, or sampled as {@link DecodingSettings} says) until the model writes the
 * {@code [RESULT]} marker, found by decoding the last few generated tokens, so any split of the marker into pieces
 * counts. Then the tokenizer's own bridge after the marker is forced, and at the verdict position only the score
 * tokens (1..5) or winner tokens (A, B) are allowed: their probabilities (the softmax of the raw logits, renormalised
 * over them) go into the verdict, and the choice among them follows the decoding settings. If the model spends the
 * {@code max-tokens} budget or writes its end-of-sequence token before the marker, the decoder appends the marker and
 * bridge itself and marks the verdict forced. Finished sequences keep stepping with the end-of-sequence token as
 * padding; their logits are ignored.
 *
 * <p>Not thread-safe: one thread (the judge's worker) owns the model.
 */
final class VerdictDecoder {

    private final LanguageModel model;
    private final LmTokenizer tokenizer;
    private final VerdictTokens verdictTokens;
    private final DecodingSettings settings;
    private final TokenSampler sampler;

    /**
     * @throws IllegalArgumentException when the model's tokenizer cannot express a constrained verdict, or the
     *                                  feedback budget leaves no room for a prompt
     */
    public VerdictDecoder(LanguageModel model, DecodingSettings settings) {
        this.model = Objects.requireNonNull(model, "model");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tokenizer = model.tokenizer();
        this.verdictTokens = VerdictTokens.derive(tokenizer);
        this.sampler = new TokenSampler(settings);
        if (maxPromptTokens() < 1) {
            throw new IllegalArgumentException("rubric.judge.max-tokens = " + settings.maxTokens()
                    + " leaves no room for a prompt: the model takes " + model.maxSequenceLength()
                    + " tokens in all, and the feedback budget plus the verdict tail need "
                    + (settings.maxTokens() + verdictTokens.maxAppended()) + "; lower rubric.judge.max-tokens");
        }
    }

    /** Frees what the model keeps between batches (its prompt head), after the device ran out of memory. */
    void releaseSpareMemory() {
        model.releaseSpareMemory();
    }

    /** The longest prompt (tokens, BOS included) that leaves room for the feedback budget and the verdict tail. */
    public int maxPromptTokens() {
        return model.maxSequenceLength() - settings.maxTokens() - verdictTokens.maxAppended();
    }

    public VerdictTokens verdictTokens() {
        return verdictTokens;
    }

    /**
     * Decodes the requests as one batch.
     *
     * @param stop checked between steps; when it turns true the batch is abandoned with
     *             {@link JudgeException.Reason#CLOSED}
     * @return one result per request, in order
     * @throws IllegalArgumentException when a prompt is longer than {@link #maxPromptTokens()}
     * @throws RuntimeException         whatever the model throws, and {@link IllegalStateException} for malformed
     *                                  logits (wrong row count, NaN)
     */
    public List<DecodedVerdict> decode(List<DecodeRequest> requests, BooleanSupplier stop) {
        return decode(requests, null, stop);
    }

    /**
     * As {@link #decode(List, BooleanSupplier)}, prefilling in groups that fit {@code plan} (null: the model's own
     * choice).
     */
    public List<DecodedVerdict> decode(List<DecodeRequest> requests, MemoryPlan plan, BooleanSupplier stop) {
        if (requests.isEmpty()) {
            return List.of();
        }
        int longest = 0;
        for (DecodeRequest r : requests) {
            if (r.prompt().length > maxPromptTokens()) {
                throw new IllegalArgumentException("a prompt of " + r.prompt().length + " tokens is longer than the "
                        + maxPromptTokens() + " this model leaves for prompts with rubric.judge.max-tokens = "
                        + settings.maxTokens());
            }
            longest = Math.max(longest, r.prompt().length);
        }
        int n = requests.size();
        Sequence[] sequences = new Sequence[n];
        int[][] prompts = new int[n][];
        for (int i = 0; i < n; i++) {
            sequences[i] = new Sequence(requests.get(i));
            prompts[i] = requests.get(i).prompt();
        }
        int capacity = longest + settings.maxTokens() + verdictTokens.maxAppended();
        try (BatchDecoder batch = plan == null ? model.newBatch(n, capacity) : model.newBatch(n, capacity, plan)) {
            float[][] logits = checked(batch.prefill(prompts), n);
            while (true) {
                int[] next = new int[n];
                boolean active = false;
                for (int i = 0; i < n; i++) {
                    next[i] = sequences[i].advance(logits[i]);
                    active |= !sequences[i].finished();
                }
                if (!active) {
                    break;
                }
                if (stop.getAsBoolean()) {
                    throw new JudgeException(JudgeException.Reason.CLOSED,
                            "the judge was closed while this grading was being generated");
                }
                if (batch.remainingCapacity() < 1) {
                    throw new IllegalStateException("the model's KV cache for this batch is full ("
                            + capacity + " tokens asked for) before every verdict was written");
                }
                logits = checked(batch.step(next), n);
            }
        }
        List<DecodedVerdict> results = new ArrayList<>(n);
        for (Sequence s : sequences) {
            results.add(s.result());
        }
        return results;
    }

    private float[][] checked(float[][] logits, int rows) {
        if (logits == null || logits.length != rows) {
            throw new IllegalStateException("the model returned " + (logits == null ? "no" : logits.length)
                    + " rows of logits for a batch of " + rows);
        }
        return logits;
    }

    /** One sequence's decoding state. */
    private final class Sequence {
        private final GradingMode mode;
        private final VerdictTokens.ModeTokens tail;
        private final SplittableRandom random;
        private final BitSet seen = new BitSet();
        /** Tokens the model chose freely, before the verdict tail. */
        private final List<Integer> free = new ArrayList<>();
        private final List<Integer> all = new ArrayList<>();
        private final ArrayDeque<Integer> pending = new ArrayDeque<>();
        private boolean verdictDue;
        private boolean forced;
        private DecodedVerdict result;

        Sequence(DecodeRequest request) {
            this.mode = request.mode();
            this.tail = verdictTokens.of(mode);
            this.random = new SplittableRandom(request.seed());
            for (int id : request.prompt()) {
                if (id >= 0) {
                    seen.set(id);
                }
            }
        }

        boolean finished() {
            return result != null;
        }

        DecodedVerdict result() {
            if (result == null) {
                throw new IllegalStateException("sequence not finished");
            }
            return result;
        }

        /** Reads this sequence's next-token logits and returns the token to feed (padding once finished). */
        int advance(float[] logits) {
            if (finished()) {
                return tokenizer.eosId();
            }
            if (!pending.isEmpty()) {
                return feed(pending.poll());
            }
            if (verdictDue) {
                decideVerdict(logits);
                return tokenizer.eosId();
            }
            int token = sampler.next(logits, seen, random);
            if (token == tokenizer.eosId()) {
                forceTail();
                return feed(pending.poll());
            }
            feed(token);
            free.add(token);
            if (markerWritten()) {
                verdictDue = true;
                for (int id : tail.bridge()) {
                    pending.add(id);
                }
            } else if (free.size() >= settings.maxTokens()) {
                forceTail();
            }
            return token;
        }

        private void forceTail() {
            forced = true;
            verdictDue = true;
            for (int id : tail.prefix()) {
                pending.add(id);
            }
        }

        private int feed(int token) {
            all.add(token);
            if (token >= 0) {
                seen.set(token);
            }
            return token;
        }

        private boolean markerWritten() {
            int from = Math.max(0, free.size() - verdictTokens.markerWindow());
            return VerdictTokens.endsWithMarker(tokenizer.decode(ids(free.subList(from, free.size()))));
        }

        private void decideVerdict(float[] logits) {
            int[] allowed = tail.choices();
            for (int id : allowed) {
                if (id < 0 || id >= logits.length) {
                    throw new IllegalStateException("the verdict token id " + id + " is outside the model's "
                            + logits.length + " logits: the tokenizer does not belong to this model");
                }
            }
            double[] probabilities = TokenSampler.allowedProbabilities(logits, allowed);
            int choice = sampler.chooseAmong(logits, allowed, seen, random);
            feed(allowed[choice]);
            String written = tokenizer.decode(ids(free));
            result = new DecodedVerdict(mode, choice, Arrays.stream(probabilities).boxed().toList(),
                    VerdictParser.feedback(written), tokenizer.decode(ids(all)), forced, free.size());
        }
    }

    private static int[] ids(List<Integer> tokens) {
        int[] out = new int[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = tokens.get(i);
        }
        return out;
    }
}
