package dev.rubric.judge.local;

import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.PairwiseGrading;
import dev.rubric.core.Rubrics;
import dev.rubric.judge.JudgeConfig;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Gradings whose instruction names a case ("case=s3", "case=babble"), and a fake model that acts them out. */
final class LocalJudgeFixtures {

    static final Map<String, Float> SCORES = Map.of("1", 0.5f, "2", 1f, "3", 2f, "4", 3f, "5", 1.5f);
    private static final Pattern CASE = Pattern.compile("case=(\\w+)");

    private LocalJudgeFixtures() {
    }

    /**
     * case=sN: writes "Feedback: Good. [RESULT]" and prefers score N; case=babble: three words at random, never the
     * marker; case=pair: "A is better" with logits 1.2 (A) and 0.3 (B); anything else: the {@link #SCORES} logits.
     */
    static FakeModel model(int maxSequenceLength, String description) {
        return new FakeModel(FakeTokenizer.mistralLike(), LocalJudgeFixtures::script, maxSequenceLength, description);
    }

    static FakeModel model() {
        return model(16_384, "fake Mistral on cpu, float32");
    }

    private static FakeModel.Script script(String prompt) {
        Matcher m = CASE.matcher(prompt);
        String name = m.find() ? m.group(1) : "";
        if (name.matches("s[1-5]")) {
            return FakeModel.writes("Feedback: Good. [RESULT]", "</s>", Map.of(name.substring(1), 5f));
        }
        return switch (name) {
            case "babble" -> FakeModel.babbles(List.of("▁la", "▁di", "▁da"), Map.of("1", 1f, "2", 1f, "3", 1f,
                    "4", 1f, "5", 1f));
            case "pair" -> FakeModel.writes("Feedback: A is better. [RESULT]", "</s>", Map.of("▁A", 1.2f, "▁B", 0.3f));
            default -> FakeModel.writes("Feedback: Good answer. [RESULT]", "</s>", SCORES);
        };
    }

    static AbsoluteGrading grading(String caseName) {
        return new AbsoluteGrading("case=" + caseName + " How do I get a refund?", "Ask the support team.",
                Rubrics.HELPFULNESS, null);
    }

    static AbsoluteGrading grading(String caseName, String response) {
        return new AbsoluteGrading("case=" + caseName + " How do I get a refund?", response, Rubrics.HELPFULNESS,
                null);
    }

    static PairwiseGrading pairwise() {
        return new PairwiseGrading("case=pair Which is better?", "Ask support.", "No idea.", Rubrics.HELPFULNESS,
                null);
    }

    /** A configuration from key-value pairs, as JUnit parameters would give it. */
    static JudgeConfig config(String... keyValues) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return JudgeConfig.from(k -> Optional.ofNullable(m.get(k)), Map.of());
    }

    static LocalJudge.Scheduling batches(int size, long fillWaitMillis) {
        return new LocalJudge.Scheduling(size, Duration.ofMillis(fillWaitMillis));
    }
}
