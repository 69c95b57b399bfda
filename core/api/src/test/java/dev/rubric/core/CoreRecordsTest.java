package dev.rubric.core;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The validation and small behaviours of the judge contract's values. */
class CoreRecordsTest {

    private static final JudgeFingerprint FP = new JudgeFingerprint("openai", "org/m", "abc123", "prometheus-2/v1",
            DecodingSettings.GREEDY);

    @Test
    void aRubricNeedsCriteriaAndFiveNonBlankDescriptions() {
        assertThatThrownBy(() -> Rubric.of(" ", "a", "b", "c", "d", "e"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a rubric's criteria must not be blank");
        assertThatThrownBy(() -> Rubric.of(null, "a", "b", "c", "d", "e")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rubric("n", "Is it ok?", List.of("a", "b", "c", "d")))
                .hasMessage("a rubric needs exactly 5 score descriptions (score 1 to 5); got 4 for criteria \"Is it ok?\"");
        assertThatThrownBy(() -> Rubric.of("Is it ok?", "a", "b", "", "d", "e"))
                .hasMessage("the description of score 3 is blank in the rubric \"Is it ok?\": every level from 1 to 5"
                        + " needs one");
        assertThatThrownBy(() -> Rubric.of("Is it ok?", "a", "b", "c", "d", null))
                .hasMessageContaining("score 5 is blank");
        assertThatThrownBy(() -> new Rubric("n", "c", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aRubricKeepsAnImmutableCopyAndDerivesItsName() {
        List<String> levels = new ArrayList<>(List.of("a", "b", "c", "d", "e"));
        Rubric r = new Rubric(null, "Is the answer short?", levels);
        levels.set(0, "changed");
        assertThat(r.describe(1)).isEqualTo("a");
        assertThat(r.describe(5)).isEqualTo("e");
        assertThatThrownBy(() -> r.scoreDescriptions().set(0, "x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(r.name()).isEqualTo("Is the answer short?");
        assertThat(Rubric.of("x".repeat(80), "a", "b", "c", "d", "e").name()).hasSize(60).endsWith("...");
        assertThat(r.named("  brevity ").name()).isEqualTo("brevity");
        assertThat(r.named("brevity").criteria()).isEqualTo(r.criteria());
        assertThatThrownBy(() -> r.describe(0)).hasMessage("score 0 is outside 1..5");
        assertThatThrownBy(() -> r.describe(6)).hasMessage("score 6 is outside 1..5");
    }

    @Test
    void thePredefinedRubricsAreTheFiveOfTheFormatWordForWord() throws IOException {
        var format = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                Rubrics.class.getResourceAsStream("/dev/rubric/prometheus/format.json")).get("rubrics");
        assertThat(Rubrics.all().keySet())
                .containsExactly("helpfulness", "harmlessness", "honesty", "factual_validity", "reasoning");
        for (var entry : Rubrics.all().entrySet()) {
            var json = format.get(entry.getKey());
            assertThat(entry.getValue().criteria()).isEqualTo(json.get("criteria").asText());
            for (int s = 1; s <= 5; s++) {
                assertThat(entry.getValue().describe(s)).isEqualTo(json.get("score" + s + "_description").asText());
            }
            assertThat(entry.getValue().name()).isEqualTo(entry.getKey());
        }
        assertThat(Rubrics.HELPFULNESS.criteria())
                .isEqualTo("Does the model provide relevant and useful responses to the user's needs or questions?");
        assertThat(List.of(Rubrics.HELPFULNESS, Rubrics.HARMLESSNESS, Rubrics.HONESTY, Rubrics.FACTUAL_VALIDITY,
                Rubrics.REASONING)).doesNotContainNull().doesNotHaveDuplicates();
    }

    @Test
    void predefinedRubricsAreFoundByNameLeniently() {
        assertThat(Rubrics.find("Factual-Validity")).contains(Rubrics.FACTUAL_VALIDITY);
        assertThat(Rubrics.find(" factual validity ")).contains(Rubrics.FACTUAL_VALIDITY);
        assertThat(Rubrics.find("HELPFULNESS")).contains(Rubrics.HELPFULNESS);
        assertThat(Rubrics.find("kindness")).isEmpty();
        assertThat(Rubrics.find(null)).isEmpty();
        assertThatThrownBy(() -> Rubrics.named("kindness"))
                .hasMessageStartingWith("no predefined rubric is called \"kindness\"; the predefined ones are"
                        + " helpfulness, harmlessness, honesty, factual_validity, reasoning");
    }

    @Test
    void responsesAndGradingsRejectMissingParts() {
        assertThatThrownBy(() -> AbsoluteGrading.of(null, "t", Rubrics.HONESTY)).hasMessage("instruction");
        assertThatThrownBy(() -> new AbsoluteGrading("q", null, Rubrics.HONESTY, null)).hasMessage("response");
        assertThatThrownBy(() -> new AbsoluteGrading("q", "r", null, null)).hasMessage("rubric");
        assertThatThrownBy(() -> new PairwiseGrading("q", "a", null, Rubrics.HONESTY, null)).hasMessage("responseB");
        assertThatThrownBy(() -> new PairwiseGrading(null, "a", "b", Rubrics.HONESTY, null)).hasMessage("instruction");
    }

    @Test
    void gradingsCarryTheirModeAndOptionalReference() {
        AbsoluteGrading a = AbsoluteGrading.of("q", "r", Rubrics.HONESTY);
        assertThat(a.mode()).isEqualTo(GradingMode.ABSOLUTE);
        assertThat(a.reference()).isEmpty();
        assertThat(a.withReference("ref").reference()).contains("ref");
        assertThat(a.withReference("ref").response()).isEqualTo("r");

        PairwiseGrading p = new PairwiseGrading("q", "a", "b", Rubrics.HONESTY, "ref");
        assertThat(p.mode()).isEqualTo(GradingMode.PAIRWISE);
        assertThat(p.swapped()).isEqualTo(new PairwiseGrading("q", "b", "a", Rubrics.HONESTY, "ref"));
        assertThat(p.swapped().swapped()).isEqualTo(p);
    }

    @Test
    void anAbsoluteVerdictChecksItsScoreProbabilitiesAndSamples() {
        assertThatThrownBy(() -> AbsoluteVerdict.of(0, "f", null, false, FP, Duration.ZERO))
                .hasMessage("an absolute verdict's score must be 1..5, got 0");
        assertThatThrownBy(() -> AbsoluteVerdict.of(6, "f", null, false, FP, Duration.ZERO))
                .hasMessageContaining("got 6");
        assertThatThrownBy(() -> AbsoluteVerdict.of(3, "f", List.of(0.5, 0.5), false, FP, Duration.ZERO))
                .hasMessage("score probabilities need 5 entries, got 2");
        assertThatThrownBy(() -> AbsoluteVerdict.of(3, "f", List.of(0.0, 0.0, 1.5, -0.5, 0.0), false, FP,
                Duration.ZERO)).hasMessageContaining("within 0..1");
        assertThatThrownBy(() -> AbsoluteVerdict.of(3, "f", Arrays.asList(0.0, 0.0, Double.NaN, 1.0, 0.0), false, FP,
                Duration.ZERO)).hasMessageContaining("within 0..1");
        assertThatThrownBy(() -> AbsoluteVerdict.of(3, "f", Arrays.asList(0.0, null, 0.5, 0.5, 0.0), false, FP,
                Duration.ZERO)).hasMessageContaining("within 0..1");
        assertThatThrownBy(() -> AbsoluteVerdict.of(3, "f", List.of(0.1, 0.1, 0.1, 0.1, 0.1), false, FP,
                Duration.ZERO)).hasMessageContaining("must sum to 1");
        assertThatThrownBy(() -> new AbsoluteVerdict(3, "f", null, List.of(3, 7), false, FP, Duration.ZERO, false))
                .hasMessage("sampled scores must be 1..5, got [3, 7]");
        assertThatThrownBy(() -> AbsoluteVerdict.of(3, null, null, false, FP, Duration.ZERO)).hasMessage("feedback");
        assertThatThrownBy(() -> AbsoluteVerdict.of(3, "f", null, false, null, Duration.ZERO)).hasMessage("fingerprint");
        assertThatThrownBy(() -> AbsoluteVerdict.of(3, "f", null, false, FP, null)).hasMessage("latency");
    }

    @Test
    void anAbsoluteVerdictDerivesExpectedScoreMeanAndSpread() {
        AbsoluteVerdict v = AbsoluteVerdict.of(4, "f", List.of(0.0, 0.0, 0.25, 0.5, 0.25), false, FP,
                Duration.ofMillis(5));
        assertThat(v.expectedScore()).hasValueSatisfying(e -> assertThat(e).isCloseTo(4.0, within(1e-12)));
        assertThat(v.sampleScores()).containsExactly(4);
        assertThat(v.meanSampledScore()).isEqualTo(4.0);
        assertThat(v.sampledScoreSpread()).isZero();
        assertThat(AbsoluteVerdict.of(2, "f", null, false, FP, Duration.ZERO).expectedScore()).isEmpty();

        AbsoluteVerdict sampled = new AbsoluteVerdict(3, "f", null, List.of(2, 4), false, FP, Duration.ZERO, false);
        assertThat(sampled.meanSampledScore()).isEqualTo(3.0);
        assertThat(sampled.sampledScoreSpread()).isEqualTo(1.0);

        assertThat(v.cached()).isFalse();
        AbsoluteVerdict cached = v.asCached();
        assertThat(cached.cached()).isTrue();
        assertThat(cached).usingRecursiveComparison().ignoringFields("cached").isEqualTo(v);
    }

    /** Probabilities and their mass come together: none without probabilities, (0, 1] with them. */
    @Test
    void aVerdictsProbabilityMassBelongsToItsProbabilities() {
        List<Double> p = List.of(0.0, 0.0, 0.25, 0.5, 0.25);
        assertThat(AbsoluteVerdict.of(4, "f", p, 0.93, false, FP, Duration.ZERO).probabilityMass()).isEqualTo(0.93);
        assertThat(AbsoluteVerdict.of(4, "f", p, false, FP, Duration.ZERO).probabilityMass())
                .as("probabilities given without a mass are the whole distribution over the scores").isEqualTo(1.0);
        assertThat(AbsoluteVerdict.of(4, "f", null, false, FP, Duration.ZERO).probabilityMass()).isNull();
        assertThatThrownBy(() -> AbsoluteVerdict.of(4, "f", null, 0.5, false, FP, Duration.ZERO))
                .hasMessage("a probability mass (0.5) needs the probabilities it belongs to");
        assertThatThrownBy(() -> AbsoluteVerdict.of(4, "f", p, 1.2, false, FP, Duration.ZERO))
                .hasMessage("the probability mass of a verdict's probabilities must be within (0, 1], got 1.2");
        assertThatThrownBy(() -> AbsoluteVerdict.of(4, "f", p, 0.0, false, FP, Duration.ZERO))
                .hasMessageContaining("(0, 1]");
        assertThat(AbsoluteVerdict.of(4, "f", p, 0.93, false, FP, Duration.ZERO).asCached().probabilityMass())
                .isEqualTo(0.93);

        PairwiseVerdict pair = new PairwiseVerdict(Winner.A, "f", 0.8, 0.99, false, FP, Duration.ZERO, false);
        assertThat(pair.probabilityMass()).isEqualTo(0.99);
        assertThat(pair.asCached().probabilityMass()).isEqualTo(0.99);
        assertThat(new PairwiseVerdict(Winner.A, "f", 0.8, false, FP, Duration.ZERO, false).probabilityMass())
                .isEqualTo(1.0);
        assertThatThrownBy(() -> new PairwiseVerdict(Winner.A, "f", null, 0.9, false, FP, Duration.ZERO, false))
                .hasMessageContaining("needs the probabilities");
    }

    @Test
    void aPairwiseVerdictChecksItsProbability() {
        assertThatThrownBy(() -> new PairwiseVerdict(Winner.A, "f", 1.5, false, FP, Duration.ZERO, false))
                .hasMessage("probability of A must be within 0..1, got 1.5");
        assertThatThrownBy(() -> new PairwiseVerdict(Winner.A, "f", Double.NaN, false, FP, Duration.ZERO, false))
                .hasMessageContaining("within 0..1");
        assertThatThrownBy(() -> new PairwiseVerdict(null, "f", null, false, FP, Duration.ZERO, false))
                .hasMessage("winner");
        PairwiseVerdict v = new PairwiseVerdict(Winner.B, "f", 0.25, false, FP, Duration.ZERO, false);
        assertThat(v.probabilityOfA()).contains(0.25);
        assertThat(v.asCached().cached()).isTrue();
        assertThat(v.asCached().winner()).isEqualTo(Winner.B);
        assertThat(Winner.A.other()).isEqualTo(Winner.B);
        assertThat(Winner.B.other()).isEqualTo(Winner.A);
    }

    @Test
    void decodingSettingsRejectImpossibleValues() {
        assertThatThrownBy(() -> DecodingSettings.GREEDY.withMaxTokens(0)).hasMessage("maxTokens must be at least 1, got 0");
        assertThatThrownBy(() -> new DecodingSettings(10, -0.1, 1, 1, 0, 1)).hasMessageContaining("temperature");
        assertThatThrownBy(() -> new DecodingSettings(10, Double.NaN, 1, 1, 0, 1)).hasMessageContaining("temperature");
        assertThatThrownBy(() -> new DecodingSettings(10, 0, 0, 1, 0, 1)).hasMessageContaining("top-p");
        assertThatThrownBy(() -> new DecodingSettings(10, 0, 1.01, 1, 0, 1)).hasMessageContaining("top-p");
        assertThatThrownBy(() -> new DecodingSettings(10, 0, Double.NaN, 1, 0, 1)).hasMessageContaining("top-p");
        assertThatThrownBy(() -> new DecodingSettings(10, 0, 1, 0, 0, 1)).hasMessageContaining("repetition penalty");
        assertThatThrownBy(() -> new DecodingSettings(10, 0, 1, 1, 0, 0)).hasMessageContaining("samples");
        assertThat(DecodingSettings.GREEDY.greedy()).isTrue();
        assertThat(DecodingSettings.PAPER.greedy()).isFalse();
        assertThat(DecodingSettings.PAPER).isEqualTo(new DecodingSettings(1024, 1.0, 0.9, 1.03, 42, 3));
        assertThat(DecodingSettings.PAPER.withMaxTokens(64).maxTokens()).isEqualTo(64);
        assertThat(DecodingSettings.PAPER.withMaxTokens(64).samples()).isEqualTo(3);
    }

    @Test
    void aFingerprintHasAStableCanonicalTextAndId() {
        assertThat(FP.canonical()).isEqualTo("backend=openai;model=org/m;revision=abc123;format=prometheus-2/v1;"
                + "max_tokens=1024;temperature=0.0;top_p=1.0;repetition_penalty=1.0;seed=42;samples=1");
        assertThat(FP.id()).matches("[0-9a-f]{16}")
                .isEqualTo(new JudgeFingerprint("openai", "org/m", "abc123", "prometheus-2/v1",
                        DecodingSettings.GREEDY).id())
                .isNotEqualTo(new JudgeFingerprint("openai", "org/m", "abc124", "prometheus-2/v1",
                        DecodingSettings.GREEDY).id());
        assertThat(new JudgeFingerprint("local", "m", null, "v", DecodingSettings.GREEDY).revision()).isEqualTo("unknown");
        assertThat(new JudgeFingerprint("local", "m", " ", "v", DecodingSettings.GREEDY).revision()).isEqualTo("unknown");
        assertThat(FP.toString()).isEqualTo("openai:org/m@abc123 (prometheus-2/v1, greedy, max 1024 tokens)");
        assertThat(new JudgeFingerprint("local", "m", "r", "v", DecodingSettings.PAPER).toString())
                .isEqualTo("local:m@r (v, t=1.0, max 1024 tokens, 3 samples)");
        assertThatThrownBy(() -> new JudgeFingerprint(null, "m", "r", "v", DecodingSettings.GREEDY))
                .hasMessage("backend");
    }

    @Test
    void aFingerprintsIdentityIsSortedEscapedAndPartOfItsId() {
        JudgeFingerprint plain = new JudgeFingerprint("openai", "org/m", "abc123", "prometheus-2/v1",
                DecodingSettings.GREEDY);
        JudgeFingerprint named = new JudgeFingerprint("openai", "org/m", "abc123", "prometheus-2/v1",
                DecodingSettings.GREEDY, Map.of("url", "http://h/v1", "api", "chat"));

        assertThat(plain.identity()).isEmpty();
        assertThat(named.identity().keySet()).containsExactly("api", "url");
        assertThat(named.canonical()).isEqualTo(plain.canonical() + ";api=chat;url=http://h/v1");
        assertThat(named.id()).isNotEqualTo(plain.id());
        assertThat(named.toString()).as("where a judge is reached is not what it is, for people")
                .endsWith("tokens) {api=chat}");
        // a value cannot pose as two entries
        JudgeFingerprint posing = new JudgeFingerprint("openai", "org/m", "abc123", "prometheus-2/v1",
                DecodingSettings.GREEDY, Map.of("api", "chat;url=http://h/v1"));
        assertThat(posing.canonical()).endsWith(";api=chat\\;url\\=http://h/v1");
        assertThat(posing.id()).isNotEqualTo(named.id());
        assertThatThrownBy(() -> new JudgeFingerprint("openai", "m", "r", "v", DecodingSettings.GREEDY,
                Map.of("Bad Name", "x"))).hasMessageContaining("lower-case words");
        assertThat(new JudgeFingerprint("openai", "m", "r", "v", DecodingSettings.GREEDY, null).identity()).isEmpty();
    }

    @Test
    void theJudgeExceptionIsFoundBehindFutureWrappers() {
        JudgeException cause = new JudgeException(JudgeException.Reason.TIMED_OUT, "no answer in 120 s");
        CompletableFuture<Verdict> failed = CompletableFuture.failedFuture(cause);
        CompletionException wrapped = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> failed.thenApply(v -> v).join());
        assertThat(JudgeException.find(wrapped)).containsSame(cause);
        assertThat(JudgeException.find(new RuntimeException(new IllegalStateException()))).isEmpty();
        assertThat(JudgeException.find(null)).isEmpty();
        assertThat(cause.reason()).isEqualTo(JudgeException.Reason.TIMED_OUT);
    }
}
