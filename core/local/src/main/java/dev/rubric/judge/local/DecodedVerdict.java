package dev.rubric.judge.local;

import dev.rubric.core.GradingMode;

import java.util.List;

/**
 * What the {@link VerdictDecoder} produced for one sequence.
 *
 * @param mode            absolute (choices: scores 1..5) or pairwise (choices: A, B)
 * @param choice          the index of the chosen verdict token: score - 1, or 0 for A and 1 for B
 * @param probabilities   the model's probabilities of each choice at the verdict position (softmax of its logits,
 *                        renormalised over the allowed tokens), in choice order
 * @param feedback        the feedback the model wrote (without "Feedback:" and the result tail)
 * @param output          the whole generated text, verdict included, for logs
 * @param forced          true when the model did not write {@code [RESULT]} itself (budget spent or it stopped) and
 *                        the decoder appended it
 * @param generatedTokens how many tokens the model wrote before the verdict tail
 */
record DecodedVerdict(GradingMode mode, int choice, List<Double> probabilities, String feedback, String output,
                             boolean forced, int generatedTokens) {

    public DecodedVerdict {
        probabilities = List.copyOf(probabilities);
        if (choice < 0 || choice >= probabilities.size()) {
            throw new IllegalArgumentException("choice " + choice + " is outside the " + probabilities.size()
                    + " allowed verdict tokens");
        }
    }
}
