package dev.rubric.lm;

/**
 * What the decoder's arrays cost in bytes, from the config and the working dtype alone (no weights needed): the
 * weights, the KV cache per token, and the temporaries of one forward call, counted array by array as
 * {@link Transformer} makes them. Every temporary of a layer lives until that layer's scope closes, so a call's peak
 * is the arrays alive during one layer plus those that live for the whole call.
 *
 * @param config       the model's shape
 * @param elementBytes bytes per value of the working dtype (2 for float16, 4 for float32)
 */
record MemoryCosts(ModelConfig config, int elementBytes) {

    private static final int FLOAT32 = 4;

    MemoryCosts {
        if (elementBytes != 2 && elementBytes != 4) {
            throw new IllegalArgumentException("the working dtype has 2 or 4 bytes per value, not " + elementBytes);
        }
    }

    /** Every parameter in the working dtype. */
    long weightBytes() {
        return config.parameterCount() * elementBytes;
    }

    /** Keys and values of one token in every layer. */
    long kvBytesPerToken() {
        return 2L * config.layers() * config.kvHeads() * config.headDim() * elementBytes;
    }

    /** One layer's keys (or values) for {@code sequences} rows of {@code capacity} slots: what growing adds at once. */
    long growthBytes(int sequences, int capacity) {
        return (long) sequences * config.kvHeads() * capacity * config.headDim() * elementBytes;
    }

    /**
     * The peak of one forward call's temporaries: {@code sequences} sequences of {@code tokens} new tokens each,
     * attending to {@code seen} slots (a prefill: tokens = seen; a decode step: tokens = 1).
     */
    long forwardBytes(int sequences, int tokens, int seen) {
        long e = elementBytes;
        long nt = (long) sequences * tokens;
        long hidden = config.hiddenSize();
        long d = config.headDim();
        long q = (long) config.heads() * d;
        long kv = (long) config.kvHeads() * d;
        long scores = nt * config.heads() * seen;

        // for the whole call: the residual stream, the rotary tables (float32 from the host, then the working
        // dtype), the causal, padding and summed masks (float32)
        long call = nt * hidden * e + 2 * nt * d * (FLOAT32 + e)
                + ((long) tokens * seen + (long) sequences * seen + nt * seen) * FLOAT32;

        // one layer: two RMSNorms (float32 copy, its square, the quotient, then the working dtype and the weighted)
        long norms = 2 * nt * hidden * (3L * FLOAT32 + 2 * e);
        // q, k, v; the rotation of q and k (negated half, concatenation, two products, their sum); q scaled
        long projections = nt * (q + 2 * kv) * e + 4 * nt * (q + kv) * e + nt * q * e;
        // scores in the working dtype, as float32 (scaled and masked in place), the softmax, back to the working
        // dtype; in float32 the two casts are the arrays themselves
        long attention = scores * (e == FLOAT32 ? 2 * FLOAT32 : 2 * e + 2 * FLOAT32);
        // the weighted values, their transposed copy, the output projection, the two residual sums
        long output = 2 * nt * q * e + 3 * nt * hidden * e;
        long mlp = config.isMixtureOfExperts() ? mixtureBytes(nt) : nt * (5L * config.intermediateSize() + hidden) * e;
        // (the batched products read the cached keys and values in place: no copy of them)
        long layer = norms + projections + attention + output + mlp;

        // the last token's logits: the working dtype and float32
        long logits = (long) sequences * config.vocabularySize() * (e + FLOAT32);
        return call + layer + logits;
    }

    /**
     * Mixtral's sparse block for {@code rows} tokens: the router's logits, each token's input gathered for each of
     * its experts, each expert's SwiGLU on its rows, the weighted outputs, their concatenation and the gather back,
     * the sum over the chosen experts.
     */
    private long mixtureBytes(long rows) {
        long e = elementBytes;
        long hidden = config.hiddenSize();
        long routed = rows * config.expertsPerToken();
        return rows * config.experts() * (e + FLOAT32)
                + routed * hidden * e
                + routed * (5L * config.intermediateSize() + 2 * hidden) * e
                + 2 * routed * hidden * e
                + rows * hidden * e;
    }
}
