package dev.rubric.lm;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * The weights of one decoder layer, as Hugging Face names them under {@code model.layers.N.}: the attention block
 * and either a dense SwiGLU MLP (Mistral, Llama, Qwen2) or a router with experts (Mixtral).
 *
 * @param qkvBias the biases of the query, key and value projections (Qwen2), or null where the architecture has none
 */
record LayerWeights(
        NDArray inputNorm,
        NDArray queryProjection,
        NDArray keyProjection,
        NDArray valueProjection,
        NDArray outputProjection,
        NDArray postAttentionNorm,
        FeedForward feedForward,
        QkvBias qkvBias) {

    /** Qwen2's biases, added after the query, key and value projections ({@code nn.Linear(..., bias=True)}). */
    record QkvBias(NDArray query, NDArray key, NDArray value) {
    }

    /** The block after attention: a dense MLP or a mixture of experts. */
    sealed interface FeedForward permits SwiGlu, SparseMoe {
    }

    /** One SwiGLU MLP: {@code down(silu(gate(x)) * up(x))}. */
    record SwiGlu(NDArray gate, NDArray up, NDArray down) implements FeedForward {
    }

    /** Mixtral's sparse block: a router over experts, each a SwiGLU MLP. */
    record SparseMoe(NDArray router, List<SwiGlu> experts) implements FeedForward {
    }

    static LayerWeights load(WeightLoader loader, ModelConfig c, int layer) {
        String p = "model.layers." + layer + ".";
        long hidden = c.hiddenSize();
        long q = (long) c.heads() * c.headDim();
        long kv = (long) c.kvHeads() * c.headDim();
        NDArray inputNorm = loader.load(p + "input_layernorm.weight", hidden);
        NDArray wq = loader.load(p + "self_attn.q_proj.weight", q, hidden);
        NDArray wk = loader.load(p + "self_attn.k_proj.weight", kv, hidden);
        NDArray wv = loader.load(p + "self_attn.v_proj.weight", kv, hidden);
        NDArray wo = loader.load(p + "self_attn.o_proj.weight", hidden, q);
        NDArray postNorm = loader.load(p + "post_attention_layernorm.weight", hidden);
        QkvBias bias = c.attentionBias() ? new QkvBias(
                loader.load(p + "self_attn.q_proj.bias", q),
                loader.load(p + "self_attn.k_proj.bias", kv),
                loader.load(p + "self_attn.v_proj.bias", kv)) : null;
        if (!c.isMixtureOfExperts()) {
            SwiGlu mlp = new SwiGlu(
                    loader.load(p + "mlp.gate_proj.weight", c.intermediateSize(), hidden),
                    loader.load(p + "mlp.up_proj.weight", c.intermediateSize(), hidden),
                    loader.load(p + "mlp.down_proj.weight", hidden, c.intermediateSize()));
            return new LayerWeights(inputNorm, wq, wk, wv, wo, postNorm, mlp, bias);
        }
        NDArray router = loader.load(p + "block_sparse_moe.gate.weight", c.experts(), hidden);
        SwiGlu[] experts = new SwiGlu[c.experts()];
        for (int e = 0; e < experts.length; e++) {
            String x = p + "block_sparse_moe.experts." + e + ".";
            // Mixtral's expert naming: w1 = gate, w3 = up, w2 = down
            experts[e] = new SwiGlu(
                    loader.load(x + "w1.weight", c.intermediateSize(), hidden),
                    loader.load(x + "w3.weight", c.intermediateSize(), hidden),
                    loader.load(x + "w2.weight", hidden, c.intermediateSize()));
        }
        return new LayerWeights(inputNorm, wq, wk, wv, wo, postNorm, new SparseMoe(router, List.of(experts)), bias);
    }
}
