package dev.rubric.judge.local;

import dev.rubric.core.DecodingSettings;
import dev.rubric.core.GradingMode;
import dev.rubric.core.JudgeException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class VerdictDecoderTest {

    private static final Map<String, Float> SCORES = Map.of("1", 0.5f, "2", 1f, "3", 2f, "4", 3f, "5", 1.5f);

    private static DecodeRequest absolute(FakeTokenizer t, String prompt) {
        return new DecodeRequest(t.encode(prompt, true), GradingMode.ABSOLUTE, 42L);
    }

    private static List<DecodedVerdict> decode(FakeModel model, DecodingSettings settings, DecodeRequest... requests) {
        return new VerdictDecoder(model, settings).decode(List.of(requests), () -> false);
    }

    /** softmax over the five score logits 0.5, 1, 2, 3, 1.5, computed independently of the decoder. */
    private static double[] expectedScoreProbabilities() {
        double[] l = {0.5, 1, 2, 3, 1.5};
        double z = 0;
        for (double v : l) {
            z += Math.exp(v);
        }
        double[] p = new double[5];
        for (int i = 0; i < 5; i++) {
            p[i] = Math.exp(l[i]) / z;
        }
        return p;
    }

    @Test
    void aWrittenVerdictKeepsTheFeedbackAndTheSoftmaxOfTheScoreLogits() {
        FakeModel model = new FakeModel(FakeModel.writes("Feedback: Good answer. [RESULT]", "</s>", SCORES));

        DecodedVerdict v = decode(model, DecodingSettings.GREEDY, absolute(model.tokenizer, "grade this")).get(0);

        assertThat(v.choice()).isEqualTo(3);
        assertThat(v.forced()).isFalse();
        assertThat(v.feedback()).isEqualTo("Good answer.");
        assertThat(v.output()).isEqualTo("Feedback: Good answer. [RESULT] 4");
        double[] expected = expectedScoreProbabilities();
        for (int i = 0; i < 5; i++) {
            assertThat(v.probabilities().get(i)).isCloseTo(expected[i], within(1e-9));
        }
        FakeTokenizer t = model.tokenizer;
        // after "]" the tokenizer's own bridge '▁' was fed, whatever the model preferred there
        List<Integer> fed = model.fedPerBatch.get(0).get(0);
        assertThat(fed.subList(fed.size() - 2, fed.size())).containsExactly(t.id("]"), t.id("▁"));
    }

    @Test
    void afterTheMarkerOnlyScoreTokensAreAllowedWhateverTheModelPrefers() {
        Map<String, Float> prefersProse = Map.of("▁Good", 30f, "</s>", 25f, "2", 1f, "3", 0.5f);
        FakeModel model = new FakeModel(FakeModel.writes("Feedback: Good. [RESULT]", "</s>", prefersProse));

        DecodedVerdict v = decode(model, DecodingSettings.GREEDY, absolute(model.tokenizer, "p")).get(0);

        assertThat(v.choice() + 1).isEqualTo(2);
        double z = 3 + Math.exp(1) + Math.exp(0.5);
        double[] expected = {1 / z, Math.exp(1) / z, Math.exp(0.5) / z, 1 / z, 1 / z};
        for (int i = 0; i < 5; i++) {
            assertThat(v.probabilities().get(i)).isCloseTo(expected[i], within(1e-12));
        }
        assertThat(v.output()).endsWith("[RESULT] 2");
    }

    @Test
    void aSpentBudgetAppendsTheMarkerAndMarksTheVerdictForced() {
        FakeModel model = new FakeModel(FakeModel.writes("", "▁la", SCORES));

        DecodedVerdict v = decode(model, DecodingSettings.GREEDY.withMaxTokens(6), absolute(model.tokenizer, "p"))
                .get(0);

        assertThat(v.forced()).isTrue();
        assertThat(v.generatedTokens()).isEqualTo(6);
        assertThat(v.feedback()).isEqualTo("la la la la la la");
        assertThat(v.output()).isEqualTo("la la la la la la [RESULT] 4");
        assertThat(v.probabilities().get(3)).isCloseTo(expectedScoreProbabilities()[3], within(1e-9));
    }

    @Test
    void anEndOfSequenceBeforeTheMarkerStopsTheFeedbackAndForcesTheVerdict() {
        FakeModel model = new FakeModel(FakeModel.writes("Feedback: Good answer.", "</s>", SCORES));

        DecodedVerdict v = decode(model, DecodingSettings.GREEDY, absolute(model.tokenizer, "p")).get(0);

        assertThat(v.forced()).isTrue();
        assertThat(v.generatedTokens()).isEqualTo(model.tokenizer.encode("Feedback: Good answer.", false).length);
        assertThat(v.feedback()).isEqualTo("Good answer.");
        assertThat(v.output()).isEqualTo("Feedback: Good answer. [RESULT] 4");
        assertThat(model.fedPerBatch.get(0).get(0)).doesNotContain(FakeTokenizer.EOS);
    }

    @Test
    void aMarkerSplitIntoOddPiecesOrWrittenInLowerCaseIsStillFound() {
        List<String> pieces = List.of("Feedback:", "▁Good", ".", "▁", "[", "R", "e", "s", "U", "L", "T", "]");
        FakeModel model = new FakeModel(FakeModel.writesPieces(pieces, "▁la", SCORES));

        DecodedVerdict v = decode(model, DecodingSettings.GREEDY, absolute(model.tokenizer, "p")).get(0);

        assertThat(v.forced()).isFalse();
        assertThat(v.feedback()).isEqualTo("Good.");
        assertThat(v.output()).isEqualTo("Feedback: Good. [ResULT] 4");
    }

    @Test
    void pairwiseAllowsOnlyTheTokenizersOwnWinnerTokens() {
        // "A" without the space piece is not how this tokenizer writes " A": it stays forbidden
        Map<String, Float> winners = Map.of("A", 9f, "▁A", 1.2f, "▁B", 0.3f);
        FakeModel model = new FakeModel(FakeModel.writes("Feedback: A is better. [RESULT]", "</s>", winners));
        DecodeRequest request = new DecodeRequest(model.tokenizer.encode("p", true), GradingMode.PAIRWISE, 1L);

        DecodedVerdict v = decode(model, DecodingSettings.GREEDY, request).get(0);

        assertThat(v.choice()).isZero();
        assertThat(v.probabilities().get(0)).isCloseTo(1 / (1 + Math.exp((double) 0.3f - (double) 1.2f)), within(1e-9));
        assertThat(v.output()).isEqualTo("Feedback: A is better. [RESULT] A");
        assertThat(v.feedback()).isEqualTo("A is better.");
    }

    @Test
    void finishedSequencesArePaddedAndABatchDecodesLikeEachSequenceAlone() {
        FakeTokenizer t = FakeTokenizer.mistralLike();
        FakeModel.Script shortOne = FakeModel.writes("Feedback: Good. [RESULT]", "</s>", SCORES);
        FakeModel.Script longOne = FakeModel.writes("Feedback: la la la la la la la. [RESULT]", "</s>",
                Map.of("1", 3f));
        FakeModel batched = new FakeModel(t, p -> p.contains("long") ? longOne : shortOne, 8192, "fake cpu");

        List<DecodedVerdict> together = decode(batched, DecodingSettings.GREEDY, absolute(t, "short"),
                absolute(t, "a long prompt"));
        DecodedVerdict shortAlone = decode(new FakeModel(shortOne), DecodingSettings.GREEDY, absolute(t, "short"))
                .get(0);
        DecodedVerdict longAlone = decode(new FakeModel(longOne), DecodingSettings.GREEDY,
                absolute(t, "a long prompt")).get(0);

        assertThat(together).containsExactly(shortAlone, longAlone);
        assertThat(together.get(1).choice()).isZero();
        List<Integer> shortRow = batched.fedPerBatch.get(0).get(0);
        List<Integer> longRow = batched.fedPerBatch.get(0).get(1);
        assertThat(shortRow).hasSameSizeAs(longRow);
        int shortFed = t.encode("Feedback: Good. [RESULT]", false).length + 1;   // + the bridge
        assertThat(shortRow.subList(shortFed, shortRow.size())).containsOnly(FakeTokenizer.EOS);
        assertThat(shortRow.subList(0, shortFed)).doesNotContain(FakeTokenizer.EOS);
    }

    @Test
    void samplingIsReproducibleForASeedAndVariesAcrossSeeds() {
        DecodingSettings sampling = new DecodingSettings(12, 1.0, 0.9, 1.03, 42L, 1);
        FakeModel.Script babble = FakeModel.babbles(List.of("▁la", "▁di", "▁da"),
                Map.of("1", 1f, "2", 1f, "3", 1f, "4", 1f, "5", 1f));
        FakeTokenizer t = FakeTokenizer.mistralLike();
        int[] prompt = t.encode("p", true);

        DecodedVerdict first = decode(new FakeModel(babble), sampling,
                new DecodeRequest(prompt, GradingMode.ABSOLUTE, 7L)).get(0);
        DecodedVerdict again = decode(new FakeModel(babble), sampling,
                new DecodeRequest(prompt, GradingMode.ABSOLUTE, 7L)).get(0);
        List<DecodedVerdict> others = decode(new FakeModel(babble), sampling,
                new DecodeRequest(prompt, GradingMode.ABSOLUTE, 8L), new DecodeRequest(prompt, GradingMode.ABSOLUTE, 7L));

        assertThat(again).isEqualTo(first);
        assertThat(others.get(1)).as("a sequence's draws do not depend on its batch").isEqualTo(first);
        assertThat(others.get(0).output()).isNotEqualTo(first.output());
        assertThat(first.forced()).isTrue();
        assertThat(first.feedback().split(" ")).hasSize(12);
    }

    @Test
    void aPromptLongerThanTheModelLeavesIsRefusedBeforeTheModelRuns() {
        FakeTokenizer t = FakeTokenizer.mistralLike();
        FakeModel model = new FakeModel(t, p -> FakeModel.writes("", "</s>", SCORES), 100, "fake cpu");
        VerdictDecoder decoder = new VerdictDecoder(model, DecodingSettings.GREEDY.withMaxTokens(50));

        assertThat(decoder.maxPromptTokens()).isEqualTo(100 - 50 - 6);
        assertThatThrownBy(() -> decoder.decode(List.of(new DecodeRequest(new int[45], GradingMode.ABSOLUTE, 1)),
                () -> false)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("45 tokens");
        assertThat(model.prefills()).isZero();
        assertThatThrownBy(() -> new VerdictDecoder(model, DecodingSettings.GREEDY.withMaxTokens(95)))
                .hasMessageContaining("rubric.judge.max-tokens = 95");
    }

    @Test
    void greedyDecodingAppliesTheRepetitionPenaltyOverPromptAndOutput() {
        FakeModel.Script twoWords = (t, text, fed) -> {
            float[] logits = new float[t.vocabularySize()];
            java.util.Arrays.fill(logits, -20f);
            logits[t.id("▁la")] = 2.0f;
            logits[t.id("▁di")] = 1.9f;
            logits[t.id("4")] = 1f;
            return logits;
        };
        FakeTokenizer t = FakeTokenizer.mistralLike();
        DecodingSettings plain = DecodingSettings.GREEDY.withMaxTokens(4);
        DecodingSettings penalised = new DecodingSettings(4, 0, 1, 1.2, 42L, 1);

        assertThat(decode(new FakeModel(twoWords), plain, absolute(t, "p")).get(0).feedback())
                .isEqualTo("la la la la");
        // 2.0 / 1.2 = 1.67 < 1.9 once "la" was written; then both are penalised and "la" leads again
        assertThat(decode(new FakeModel(twoWords), penalised, absolute(t, "p")).get(0).feedback())
                .isEqualTo("la di la la");
        // a word of the prompt is penalised from the first step (once: the penalty does not grow with repeats)
        assertThat(decode(new FakeModel(twoWords), penalised, absolute(t, "say la")).get(0).feedback())
                .isEqualTo("di la la la");
    }

    @Test
    void aStopRequestAbandonsTheBatchAsClosed() {
        FakeModel model = new FakeModel(FakeModel.writes("", "▁la", SCORES));
        VerdictDecoder decoder = new VerdictDecoder(model, DecodingSettings.GREEDY);

        assertThatThrownBy(() -> decoder.decode(List.of(absolute(model.tokenizer, "p")), () -> true))
                .isInstanceOfSatisfying(JudgeException.class,
                        e -> assertThat(e.reason()).isEqualTo(JudgeException.Reason.CLOSED));
    }
}
