package dev.rubric.lm;

/**
 * Rotary position embedding tables in Hugging Face's layout ({@code rotate_half}): for position p and i below half
 * the head width, the angle is {@code p / theta^(2i/d)}, and the cos/sin rows repeat that half twice.
 */
final class RotaryEmbedding {

    private final int headDim;
    private final double[] inverseFrequencies;

    RotaryEmbedding(int headDim, double theta) {
        this.headDim = headDim;
        int half = headDim / 2;
        inverseFrequencies = new double[half];
        for (int i = 0; i < half; i++) {
            inverseFrequencies[i] = 1.0 / Math.pow(theta, (2.0 * i) / headDim);
        }
    }

    /** Fills cos and sin rows ({@code headDim} each) for the given positions, one row per position. */
    void tables(int[] positions, float[] cos, float[] sin) {
        int half = headDim / 2;
        for (int r = 0; r < positions.length; r++) {
            int base = r * headDim;
            for (int i = 0; i < half; i++) {
                double angle = positions[r] * inverseFrequencies[i];
                float c = (float) Math.cos(angle);
                float s = (float) Math.sin(angle);
                cos[base + i] = c;
                cos[base + half + i] = c;
                sin[base + i] = s;
                sin[base + half + i] = s;
            }
        }
    }
}
