package dev.rubric.lm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rubric.lm.fixtures.TinyCheckpoints;
import dev.rubric.lm.fixtures.TinyCheckpoints.Spec;
import dev.rubric.lm.fixtures.TinyCheckpoints.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our decoder against Jlama 0.8.4, an independent Java implementation of the Hugging Face Mistral and Qwen2, on the
 * tiny random Mistral and Qwen2: next-token probabilities after each prompt and after each of 8 greedy steps must
 * agree to 1e-4 (float32). The reference files are recorded by the {@code jlama-reference} Maven profile (see
 * core/local/pom.xml).
 */
class JlamaReferenceTest {

    static final double TOLERANCE = 1e-4;

    record Case(int[] prompt, List<Integer> argmax, List<double[]> probabilities) {
    }

    static JsonNode reference;
    static List<Case> cases;
    static JsonNode qwen2Reference;
    static List<Case> qwen2Cases;

    @BeforeAll
    static void readReference() throws IOException {
        reference = read("jlama-reference.json");
        cases = cases(reference);
        qwen2Reference = read("jlama-reference-qwen2.json");
        qwen2Cases = cases(qwen2Reference);
    }

    private static JsonNode read(String name) throws IOException {
        try (InputStream in = JlamaReferenceTest.class.getResourceAsStream(name)) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static List<Case> cases(JsonNode reference) {
        List<Case> cases = new ArrayList<>();
        for (JsonNode c : reference.get("cases")) {
            int[] prompt = new int[c.get("prompt").size()];
            for (int i = 0; i < prompt.length; i++) {
                prompt[i] = c.get("prompt").get(i).asInt();
            }
            List<Integer> argmax = new ArrayList<>();
            List<double[]> probabilities = new ArrayList<>();
            for (JsonNode step : c.get("steps")) {
                argmax.add(step.get("argmax").asInt());
                double[] p = new double[step.get("probabilities").size()];
                for (int i = 0; i < p.length; i++) {
                    p[i] = step.get("probabilities").get(i).asDouble();
                }
                probabilities.add(p);
            }
            cases.add(new Case(prompt, argmax, probabilities));
        }
        return cases;
    }

    @Test
    void theReferenceWasRecordedOnTheBytesTheFixtureWritesToday() throws Exception {
        assertRecordedOn(Spec.tinyMistral(), reference);
        assertRecordedOn(Spec.tinyQwen2(), qwen2Reference);
    }

    private static void assertRecordedOn(Spec spec, JsonNode reference) throws Exception {
        Path weights = TinyCheckpoints.shared(spec, Storage.F32_SINGLE).resolve("model.safetensors");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(weights)));
        assertThat(sha).as("the %s fixture changed: re-record the Jlama reference with the jlama-reference profile",
                spec.name()).isEqualTo(reference.get("weightsSha256").asText());
    }

    @Test
    void float32Qwen2WithBiasesMatchesJlamaAfterPrefillAndEveryGreedyStep() {
        assertMatchesJlama(Spec.tinyQwen2(), Storage.F32_SINGLE, false, qwen2Cases);
    }

    @Test
    void bfloat16ShardedQwen2MatchesJlamaInOneLeftPaddedBatch() {
        assertMatchesJlama(Spec.tinyQwen2(), Storage.BF16_SHARDED, true, qwen2Cases);
    }

    @Test
    void float32MistralMatchesJlamaAfterPrefillAndEveryGreedyStep() {
        assertMatchesJlama(Spec.tinyMistral(), Storage.F32_SINGLE, false, cases);
    }

    @Test
    void bfloat16ShardedMistralMatchesJlama() {
        assertMatchesJlama(Spec.tinyMistral(), Storage.BF16_SHARDED, true, cases);
    }

    @Test
    void mixtralWithIdenticalExpertsMatchesJlamasMistralOnTheSameWeights() {
        // the renormalised top-2 weights sum to 1, so identical experts must give the dense MLP's output
        assertMatchesJlama(Spec.tinyMixtralOfIdenticalExperts(), Storage.F32_SINGLE, true, cases);
    }

    /** Follows Jlama's greedy tokens, one sequence at a time or all prompts in one left-padded batch. */
    static void assertMatchesJlama(Spec spec, Storage storage, boolean batched, List<Case> cases) {
        double worst = 0;
        try (CausalLm lm = CausalLm.load(TinyCheckpoints.shared(spec, storage))) {
            List<List<Case>> groups = new ArrayList<>();
            if (batched) {
                groups.add(cases);
            } else {
                cases.forEach(c -> groups.add(List.of(c)));
            }
            for (List<Case> group : groups) {
                int steps = group.get(0).probabilities().size() - 1;
                int longest = group.stream().mapToInt(c -> c.prompt().length).max().orElseThrow();
                try (BatchDecoder decoder = lm.newBatch(group.size(), longest + steps)) {
                    float[][] logits = decoder.prefill(group.stream().map(Case::prompt).toArray(int[][]::new));
                    for (int s = 0; s <= steps; s++) {
                        int[] next = new int[group.size()];
                        for (int b = 0; b < group.size(); b++) {
                            Case c = group.get(b);
                            double d = Probabilities.maxAbsDifference(Probabilities.softmax(logits[b]),
                                    c.probabilities().get(s));
                            worst = Math.max(worst, d);
                            assertThat(d).as("%s %s, prompt of %d tokens, step %d: max |dp| against Jlama",
                                    spec.name(), storage, c.prompt().length, s).isLessThanOrEqualTo(TOLERANCE);
                            assertThat(Probabilities.argmax(logits[b])).isEqualTo(c.argmax().get(s));
                            next[b] = c.argmax().get(s);
                        }
                        if (s < steps) {
                            logits = decoder.step(next);
                        }
                    }
                }
            }
        }
        System.out.printf("%s %s%s: max |dp| against Jlama = %.3g%n", spec.name(), storage,
                batched ? " (batched)" : "", worst);
    }
}
