package dev.rubric.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;

/**
 * The forward pass of the Llama-family decoder (Hugging Face's {@code MistralForCausalLM},
 * {@code MixtralForCausalLM} and {@code Qwen2ForCausalLM}, which adds biases to the query, key and value projections)
 * on DJL NDArrays. It runs a block of new tokens for a batch of sequences against a KV
 * cache; every temporary it makes lives in the caller's scope.
 *
 * <p>DJL's PyTorch JNI has no rsqrt, SiLU, tril or fused attention: RMSNorm is {@code x / sqrt(mean(x^2) + eps)},
 * SiLU is {@code x * sigmoid(x)}, and the causal-and-padding mask is built on the host. As in Hugging Face, the
 * norm's statistics and the attention softmax are computed in float32 whatever the working dtype; the attention
 * scores are scaled before they are computed, so that float16 holds larger ones than Hugging Face's eager attention.
 */
final class Transformer {

    /** Added to the attention scores of keys a query may not see; exp() of it is exactly 0 in float32. */
    static final float MASKED = -1e9f;

    /** How a forward pass multiplies by its weight matrices: {@code x W^T}, with {@code W} as Hugging Face stores it. */
    interface Projection {
        NDArray apply(NDArray x, NDArray weight);
    }

    /** libtorch's own product, on the calling thread's libtorch threads. */
    static final Projection WHOLE = (x, weight) -> Linear.linear(x, weight).singletonOrThrow();

    private final ModelConfig config;
    private final DataType dtype;
    private final NDArray embedding;
    private final List<LayerWeights> layers;
    private final NDArray finalNorm;
    private final NDArray lmHead;
    private final RotaryEmbedding rope;

    Transformer(ModelConfig config, DataType dtype, NDArray embedding, List<LayerWeights> layers, NDArray finalNorm,
            NDArray lmHead) {
        this.config = config;
        this.dtype = dtype;
        this.embedding = embedding;
        this.layers = List.copyOf(layers);
        this.finalNorm = finalNorm;
        this.lmHead = lmHead;
        this.rope = new RotaryEmbedding(config.headDim(), config.ropeTheta());
    }

    ModelConfig config() {
        return config;
    }

    DataType dtype() {
        return dtype;
    }

    /**
     * Runs {@code tokens} new tokens for each of {@code n} sequences (cache rows {@code [row, row + n)}), written to
     * cache slots {@code [start, start + tokens)}, and returns the next-token logits after each sequence's last slot.
     * The attention mask is the sum of a causal part shared by all sequences and a padding part per sequence; both
     * are 0 or {@link #MASKED} (finite, so a padding query that sees nothing still gets finite values). Each layer's
     * temporaries are freed before the next layer runs.
     *
     * @param ids       token ids, row-major {@code n x tokens}
     * @param positions rotary positions of those tokens, row-major {@code n x tokens}
     * @param causal    additive mask, row-major {@code tokens x (start + tokens)}
     * @param padding   additive mask, row-major {@code n x (start + tokens)}
     * @param weights   how the weight products are computed: {@link #WHOLE}, or split over cores ({@link RowSplit})
     */
    float[][] forward(NDManager scope, KvCache cache, int row, int n, int tokens, int start, long[] ids,
            int[] positions, float[] causal, float[] padding, Projection weights) {
        int seen = start + tokens;
        int headDim = config.headDim();
        NDArray x = embedding.get(scope.create(ids, new Shape(n, tokens)));
        x.attach(scope);

        float[] cos = new float[n * tokens * headDim];
        float[] sin = new float[n * tokens * headDim];
        rope.tables(positions, cos, sin);
        // the two masks summed once for every layer: [n, 1, 1, tokens, seen] against scores [n, kvHeads, group, ., .]
        NDArray additive = scope.create(causal, new Shape(1, 1, 1, tokens, seen))
                .add(scope.create(padding, new Shape(n, 1, 1, 1, seen)));
        Mask mask = new Mask(
                working(scope.create(cos, new Shape(n, 1, tokens, headDim))),
                working(scope.create(sin, new Shape(n, 1, tokens, headDim))),
                additive);

        for (int l = 0; l < layers.size(); l++) {
            LayerWeights w = layers.get(l);
            try (NDManager layerScope = scope.newSubManager()) {
                x.attach(layerScope);
                NDArray h = rmsNorm(x, w.inputNorm());
                NDArray attention = attention(layerScope, cache, l, w, h, row, n, tokens, start, mask, weights);
                NDArray afterAttention = x.add(attention);
                h = rmsNorm(afterAttention, w.postAttentionNorm());
                NDArray mlp = w.feedForward() instanceof LayerWeights.SparseMoe moe
                        ? mixtureOfExperts(layerScope, h, moe, weights)
                        : swiGlu(h, (LayerWeights.SwiGlu) w.feedForward(), weights);
                x = afterAttention.add(mlp);
                x.attach(scope);
            }
        }
        NDArray last = x.get(new NDIndex(":, {}, :", tokens - 1));
        NDArray logits = weights.apply(rmsNorm(last, finalNorm), lmHead).toType(DataType.FLOAT32, false);
        float[] flat = logits.toFloatArray();
        int vocabulary = config.vocabularySize();
        float[][] rows = new float[n][vocabulary];
        for (int b = 0; b < n; b++) {
            System.arraycopy(flat, b * vocabulary, rows[b], 0, vocabulary);
        }
        return rows;
    }

    /** Per-call inputs shared by every layer: rotary tables and the additive mask (causal plus padding). */
    private record Mask(NDArray cos, NDArray sin, NDArray additive) {
    }

    private NDArray attention(NDManager scope, KvCache cache, int layer, LayerWeights w, NDArray h, int row, int n,
            int tokens, int start, Mask mask, Projection weights) {
        int heads = config.heads();
        int kvHeads = config.kvHeads();
        int headDim = config.headDim();
        int group = config.headsPerKvHead();
        int seen = start + tokens;
        LayerWeights.QkvBias bias = w.qkvBias();
        NDArray q = heads(linear(weights, h, w.queryProjection(), bias == null ? null : bias.query()),
                n, tokens, heads);
        NDArray k = heads(linear(weights, h, w.keyProjection(), bias == null ? null : bias.key()),
                n, tokens, kvHeads);
        NDArray v = heads(linear(weights, h, w.valueProjection(), bias == null ? null : bias.value()),
                n, tokens, kvHeads);
        // the 1/sqrt(d) scale goes on the queries before the product, not on the scores after it (as PyTorch's own
        // scaled_dot_product_attention does): in float16 a product q.k of up to 65504 * sqrt(d) stays finite, where
        // scaling afterwards overflows at 65504 (Hugging Face's eager attention, which overflows there)
        q = rotate(q, mask.cos(), mask.sin()).muli(1.0 / Math.sqrt(headDim)); // in place: rotate's own temporary
        k = rotate(k, mask.cos(), mask.sin());
        NDIndex written = new NDIndex("{}:{}, :, {}:{}", row, row + n, start, seen);
        cache.keys(layer).set(written, k);
        cache.values(layer).set(written, v);
        NDIndex visible = new NDIndex("{}:{}, :, 0:{}", row, row + n, seen);
        NDArray keys = cache.keys(layer).get(visible);
        keys.attach(scope);
        NDArray values = cache.values(layer).get(visible);
        values.attach(scope);

        // grouped-query attention: the `group` query heads that share a KV head are one block of group x T query rows,
        // [n, kvHeads, group * T, d] against the cache's [n, kvHeads, seen, d] as it lies (a batched matrix product
        // with equal batch dimensions reads the cache in place; broadcasting it over a group axis would copy it).
        NDArray groupedQ = q.reshape(n, kvHeads, (long) group * tokens, headDim);
        NDArray scores = groupedQ.matMul(keys.transpose(0, 1, 3, 2))
                .toType(DataType.FLOAT32, false)
                .reshape(n, kvHeads, group, tokens, seen)
                .addi(mask.additive()); // in place: the scores are this call's own temporary
        NDArray probabilities = working(scores.softmax(4)).reshape(n, kvHeads, (long) group * tokens, seen);
        NDArray out = probabilities.matMul(values)
                .reshape(n, heads, tokens, headDim)
                .transpose(0, 2, 1, 3)
                .reshape(n, tokens, (long) heads * headDim);
        return weights.apply(out, w.outputProjection());
    }

    /** [n, T, heads * d] to [n, heads, T, d]. */
    private NDArray heads(NDArray projected, int n, int tokens, int count) {
        return projected.reshape(n, tokens, count, config.headDim()).transpose(0, 2, 1, 3);
    }

    /** Hugging Face's rotary embedding: {@code x * cos + rotate_half(x) * sin}, rotate_half = cat(-x2, x1). */
    private NDArray rotate(NDArray x, NDArray cos, NDArray sin) {
        int half = config.headDim() / 2;
        NDArray first = x.get(new NDIndex(":, :, :, 0:{}", half));
        NDArray second = x.get(new NDIndex(":, :, :, {}:", half));
        NDArray rotated = NDArrays.concat(new NDList(second.neg(), first), 3);
        return x.mul(cos).add(rotated.mul(sin));
    }

    private NDArray rmsNorm(NDArray x, NDArray weight) {
        NDArray wide = x.toType(DataType.FLOAT32, false);
        int lastAxis = x.getShape().dimension() - 1;
        NDArray meanSquare = wide.pow(2).mean(new int[] {lastAxis}, true);
        NDArray normalised = wide.div(meanSquare.add(config.rmsNormEps()).sqrt());
        return working(normalised).mul(weight);
    }

    private static NDArray swiGlu(NDArray x, LayerWeights.SwiGlu mlp, Projection weights) {
        NDArray gate = weights.apply(x, mlp.gate());
        NDArray activated = gate.mul(Activation.sigmoid(gate));
        return weights.apply(activated.mul(weights.apply(x, mlp.up())), mlp.down());
    }

    /** Mixtral's sparse block: route on the host, run each expert on its tokens, weighted sum back per token. */
    private NDArray mixtureOfExperts(NDManager scope, NDArray h, LayerWeights.SparseMoe w, Projection products) {
        Shape shape = h.getShape();
        int tokens = Math.toIntExact(shape.get(0) * shape.get(1));
        int hidden = config.hiddenSize();
        int topK = config.expertsPerToken();
        int expertCount = config.experts();
        NDArray flat = h.reshape(tokens, hidden);
        float[] routerLogits = products.apply(flat, w.router()).toType(DataType.FLOAT32, false).toFloatArray();
        MoeRouting routing = MoeRouting.route(routerLogits, tokens, expertCount, topK);

        List<List<Integer>> slotsOfExpert = new ArrayList<>();
        for (int e = 0; e < expertCount; e++) {
            slotsOfExpert.add(new ArrayList<>());
        }
        for (int t = 0; t < tokens; t++) {
            for (int j = 0; j < topK; j++) {
                slotsOfExpert.get(routing.experts()[t][j]).add(t * topK + j);
            }
        }
        // outputs stacked in expert order; rowOfSlot[token * topK + j] says where each (token, choice) landed
        NDList outputs = new NDList();
        long[] rowOfSlot = new long[tokens * topK];
        int row = 0;
        for (int e = 0; e < expertCount; e++) {
            List<Integer> slots = slotsOfExpert.get(e);
            if (slots.isEmpty()) {
                continue;
            }
            long[] tokenIndex = new long[slots.size()];
            float[] weights = new float[slots.size()];
            for (int i = 0; i < slots.size(); i++) {
                int slot = slots.get(i);
                tokenIndex[i] = slot / topK;
                weights[i] = routing.weights()[slot / topK][slot % topK];
                rowOfSlot[slot] = row++;
            }
            NDArray expertInput = flat.get(scope.create(tokenIndex));
            NDArray weightColumn = working(scope.create(weights, new Shape(slots.size(), 1)));
            outputs.add(swiGlu(expertInput, w.experts().get(e), products).mul(weightColumn));
        }
        NDArray stacked = outputs.size() == 1 ? outputs.get(0) : NDArrays.concat(outputs, 0);
        return stacked.get(scope.create(rowOfSlot))
                .reshape(tokens, topK, hidden)
                .sum(new int[] {1})
                .reshape(shape);
    }

    /** {@code x W^T + b}; the bias (Qwen2's query, key and value) broadcasts over the batch and the tokens. */
    private static NDArray linear(Projection weights, NDArray x, NDArray weight, NDArray bias) {
        NDArray projected = weights.apply(x, weight);
        return bias == null ? projected : projected.addi(bias); // in place: the projection is this call's temporary
    }

    private NDArray working(NDArray x) {
        return x.getDataType() == dtype ? x : x.toType(dtype, false);
    }
}
