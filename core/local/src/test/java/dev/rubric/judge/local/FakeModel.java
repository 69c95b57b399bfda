package dev.rubric.judge.local;

import dev.rubric.lm.BatchDecoder;
import dev.rubric.lm.ChatTemplate;
import dev.rubric.lm.LanguageModel;
import dev.rubric.lm.LmTokenizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A scripted language model for tests. Each sequence follows a {@link Script} chosen from its prompt's text; the
 * model records what it was asked (prompt lengths of every prefill, tokens fed to every row, calling threads).
 * A prompt containing {@code case=explode} makes its prefill throw; one containing {@code case=block} makes its
 * prefill wait until {@link #release()}.
 */
final class FakeModel implements LanguageModel {

    /** How the fake model continues one sequence. */
    interface Script {
        /** Next-token logits, given the text and tokens fed since the prompt. */
        float[] logits(FakeTokenizer tokenizer, String fedText, List<Integer> fed);
    }

    /** Writes {@code text}, then keeps writing {@code afterwards} (a piece, e.g. "</s>" or "▁la"). Right after a
     * {@code [RESULT]} marker (and its bridge) its logits are {@code verdict} (piece to logit), 0 for the rest. */
    static Script writes(String text, String afterwards, Map<String, Float> verdict) {
        return (tokenizer, fedText, fed) -> follow(tokenizer.encode(text, false), afterwards, verdict)
                .logits(tokenizer, fedText, fed);
    }

    /** As {@link #writes}, with the text given as pieces (to split the marker in unusual ways). */
    static Script writesPieces(List<String> pieces, String afterwards, Map<String, Float> verdict) {
        return (tokenizer, fedText, fed) -> follow(pieces.stream().mapToInt(tokenizer::id).toArray(), afterwards,
                verdict).logits(tokenizer, fedText, fed);
    }

    private static Script follow(int[] target, String afterwards, Map<String, Float> verdict) {
        return (tokenizer, fedText, fed) -> {
            float[] logits = new float[tokenizer.vocabularySize()];
            if (VerdictTokens.endsWithMarker(fedText)) {
                verdict.forEach((piece, logit) -> logits[tokenizer.id(piece)] = logit);
                return logits;
            }
            boolean onScript = fed.size() < target.length;
            for (int i = 0; onScript && i < fed.size(); i++) {
                onScript = fed.get(i) == target[i];
            }
            logits[onScript ? target[fed.size()] : tokenizer.id(afterwards)] = 10f;
            return logits;
        };
    }

    /** Pieces of equal logit (a sampling playground) and {@code verdict} logits after the marker. */
    static Script babbles(List<String> pieces, Map<String, Float> verdict) {
        return (tokenizer, fedText, fed) -> {
            float[] logits = new float[tokenizer.vocabularySize()];
            java.util.Arrays.fill(logits, -20f);
            if (VerdictTokens.endsWithMarker(fedText)) {
                verdict.forEach((piece, logit) -> logits[tokenizer.id(piece)] = logit);
                return logits;
            }
            for (String p : pieces) {
                logits[tokenizer.id(p)] = 1f;
            }
            return logits;
        };
    }

    final FakeTokenizer tokenizer;
    private final Function<String, Script> scripts;
    private final int maxSequenceLength;
    private final String description;
    final List<List<Integer>> prefillLengths = Collections.synchronizedList(new ArrayList<>());
    /** Per batch, per row, every token fed by step(). */
    final List<List<List<Integer>>> fedPerBatch = Collections.synchronizedList(new ArrayList<>());
    final Set<String> callingThreads = ConcurrentHashMap.newKeySet();
    final AtomicBoolean closed = new AtomicBoolean();
    final CountDownLatch blocked = new CountDownLatch(1);
    private final CountDownLatch gate = new CountDownLatch(1);

    FakeModel(FakeTokenizer tokenizer, Function<String, Script> scripts, int maxSequenceLength, String description) {
        this.tokenizer = tokenizer;
        this.scripts = scripts;
        this.maxSequenceLength = maxSequenceLength;
        this.description = description;
    }

    /** Every prompt follows one script. */
    FakeModel(Script script) {
        this(FakeTokenizer.mistralLike(), prompt -> script, 8192, "fake model on cpu");
    }

    /** Lets a blocked prefill go on. */
    void release() {
        gate.countDown();
    }

    int prefills() {
        return prefillLengths.size();
    }

    @Override
    public LmTokenizer tokenizer() {
        return tokenizer;
    }

    /** Prometheus 2's template: the fake's tokenizer is Mistral-shaped. */
    @Override
    public ChatTemplate chatTemplate() {
        return ChatTemplate.mistralInstruct();
    }

    @Override
    public String family() {
        return "mistral";
    }

    @Override
    public BatchDecoder newBatch(int batchSize, int maxLength) {
        return new ScriptedBatch(batchSize, maxLength);
    }

    @Override
    public int maxSequenceLength() {
        return maxSequenceLength;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        closed.set(true);
    }

    private final class ScriptedBatch implements BatchDecoder {
        private final int batchSize;
        private final int capacity;
        private final List<Script> rows = new ArrayList<>();
        private final List<List<Integer>> fed = new ArrayList<>();
        private int used;

        ScriptedBatch(int batchSize, int capacity) {
            this.batchSize = batchSize;
            this.capacity = capacity;
        }

        @Override
        public float[][] prefill(int[][] prompts) {
            callingThreads.add(Thread.currentThread().getName());
            if (prompts.length > batchSize) {
                throw new IllegalArgumentException(prompts.length + " prompts for a batch of " + batchSize);
            }
            List<Integer> lengths = new ArrayList<>();
            for (int[] p : prompts) {
                lengths.add(p.length);
                used = Math.max(used, p.length);
                String text = tokenizer.decode(p);
                if (text.contains("case=explode")) {
                    prefillLengths.add(lengths);
                    throw new IllegalStateException("fake CUDA error: out of memory");
                }
                if (text.contains("case=block")) {
                    blocked.countDown();
                    try {
                        if (!gate.await(20, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("test never released the blocked prefill");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
                rows.add(scripts.apply(text));
                fed.add(new ArrayList<>());
            }
            if (used > capacity) {
                throw new IllegalArgumentException("prompt of " + used + " tokens in a cache of " + capacity);
            }
            prefillLengths.add(lengths);
            fedPerBatch.add(fed);
            return logits();
        }

        @Override
        public float[][] step(int[] tokens) {
            callingThreads.add(Thread.currentThread().getName());
            if (tokens.length != rows.size()) {
                throw new IllegalArgumentException(tokens.length + " tokens for " + rows.size() + " rows");
            }
            if (++used > capacity) {
                throw new IllegalStateException("KV cache overflow: " + used + " > " + capacity);
            }
            for (int i = 0; i < tokens.length; i++) {
                fed.get(i).add(tokens[i]);
            }
            return logits();
        }

        private float[][] logits() {
            float[][] out = new float[rows.size()][];
            for (int i = 0; i < rows.size(); i++) {
                List<Integer> f = fed.get(i);
                String text = tokenizer.decode(f.stream().mapToInt(Integer::intValue).toArray());
                out[i] = rows.get(i).logits(tokenizer, text, List.copyOf(f));
            }
            return out;
        }

        @Override
        public int remainingCapacity() {
            return capacity - used;
        }

        @Override
        public void close() {
        }
    }
}
