package dev.rubric.lm;

import java.util.ArrayList;
import java.util.List;

/** Greedy decoding for the decoder tests: what each path under test must give alike. */
final class Greedy {

    private Greedy() {
    }

    /** The logits after the prefill of {@code prompts} and after each of {@code steps} greedy steps. */
    static List<float[][]> logits(BatchDecoder decoder, int[][] prompts, int steps) {
        List<float[][]> all = new ArrayList<>();
        float[][] logits = decoder.prefill(prompts);
        all.add(logits);
        for (int s = 0; s < steps; s++) {
            int[] next = new int[prompts.length];
            for (int b = 0; b < prompts.length; b++) {
                next[b] = Probabilities.argmax(logits[b]);
            }
            logits = decoder.step(next);
            all.add(logits);
        }
        return all;
    }
}
