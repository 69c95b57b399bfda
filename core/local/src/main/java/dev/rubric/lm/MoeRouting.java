package dev.rubric.lm;

/**
 * Mixtral's token routing, as Hugging Face's {@code MixtralSparseMoeBlock} defines it: softmax over the router
 * logits, the top-k experts, and their k weights renormalised to sum to 1. Ties go to the lower expert index.
 *
 * @param experts {@code experts[token][j]}: the j-th chosen expert of a token, highest weight first
 * @param weights {@code weights[token][j]}: its renormalised weight
 */
record MoeRouting(int[][] experts, float[][] weights) {

    /**
     * Routes {@code tokens} tokens given their router logits (row-major, {@code tokens x expertCount}).
     */
    public static MoeRouting route(float[] routerLogits, int tokens, int expertCount, int topK) {
        if (routerLogits.length != (long) tokens * expertCount) {
            throw new IllegalArgumentException(routerLogits.length + " router logits for " + tokens + " tokens x "
                    + expertCount + " experts");
        }
        if (topK < 1 || topK > expertCount) {
            throw new IllegalArgumentException("top-" + topK + " of " + expertCount + " experts");
        }
        int[][] chosen = new int[tokens][topK];
        float[][] weights = new float[tokens][topK];
        double[] probabilities = new double[expertCount];
        for (int t = 0; t < tokens; t++) {
            int base = t * expertCount;
            double max = Double.NEGATIVE_INFINITY;
            for (int e = 0; e < expertCount; e++) {
                max = Math.max(max, routerLogits[base + e]);
            }
            double sum = 0;
            for (int e = 0; e < expertCount; e++) {
                probabilities[e] = Math.exp(routerLogits[base + e] - max);
                sum += probabilities[e];
            }
            boolean[] taken = new boolean[expertCount];
            double chosenSum = 0;
            for (int j = 0; j < topK; j++) {
                int best = -1;
                for (int e = 0; e < expertCount; e++) {
                    if (!taken[e] && (best < 0 || probabilities[e] > probabilities[best])) {
                        best = e;
                    }
                }
                taken[best] = true;
                chosen[t][j] = best;
                chosenSum += probabilities[best] / sum;
            }
            for (int j = 0; j < topK; j++) {
                weights[t][j] = (float) (probabilities[chosen[t][j]] / sum / chosenSum);
            }
        }
        return new MoeRouting(chosen, weights);
    }
}
