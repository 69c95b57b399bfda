package dev.rubric.lm.reference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.model.ModelSupport;
import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.tensor.AbstractTensor;
import com.github.tjake.jlama.tensor.KvBufferCache;
import dev.rubric.lm.fixtures.TinyCheckpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * Records Jlama 0.8.4's next-token probabilities for the tiny Mistral and the tiny Qwen2 fixtures (float32 weights):
 * after each fixed prompt, and after each of {@link #STEPS} greedy decoding steps. Jlama is an independent Java
 * implementation of the Hugging Face Mistral and Qwen2; the default tests compare Rubric's decoder against the files
 * this writes ({@code jlama-reference.json}, and {@code jlama-reference-qwen2.json} beside it).
 *
 * <p>Run (JDK 20+): {@code JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -pl core -Pjlama-reference
 * test-compile exec:exec}
 */
public final class JlamaReference {

    static final int STEPS = 8;

    /** Token-id prompts of several lengths (ids of the tiny tokenizer's vocabulary, BOS first). */
    static final int[][] PROMPTS = {
        {1},
        {1, 3, 62, 102, 64, 3, 23},
        {1, 70, 71, 80, 3, 90, 100, 110, 120, 130, 5, 6},
        {1, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65,
            66, 67, 68},
    };

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        record(TinyCheckpoints.Spec.tinyMistral(), "tinyMistral", out);
        record(TinyCheckpoints.Spec.tinyQwen2(), "tinyQwen2",
                out.resolveSibling(out.getFileName().toString().replace(".json", "-qwen2.json")));
        System.exit(0);
    }

    static void record(TinyCheckpoints.Spec spec, String specName, Path out) throws Exception {
        Path checkpoint = TinyCheckpoints.shared(spec, TinyCheckpoints.Storage.F32_SINGLE);
        AbstractModel model = ModelSupport.loadModel(checkpoint.toFile(), DType.F32, DType.F32);
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("reference", "Jlama 0.8.4 (com.github.tjake:jlama-core), float32 working memory");
        root.put("checkpoint", "TinyCheckpoints.Spec." + specName + "(), Storage.F32_SINGLE");
        root.put("weightsSha256", ReferenceFiles.sha256(checkpoint.resolve("model.safetensors")));
        ArrayNode cases = root.putArray("cases");
        try (KvBufferCache caches = new KvBufferCache(model)) {
            for (int[] prompt : PROMPTS) {
                ObjectNode c = cases.addObject();
                ArrayNode promptNode = c.putArray("prompt");
                for (int id : prompt) {
                    promptNode.add(id);
                }
                ArrayNode steps = c.putArray("steps");
                KvBufferCache.KvBuffer kv = caches.getKvBuffer(UUID.randomUUID());
                AbstractTensor output = null;
                int position = 0;
                for (int id : prompt) {
                    output = model.forward(id, position++, kv, Optional.empty());
                }
                for (int s = 0; s <= STEPS; s++) {
                    float[] probabilities = model.getLogits(output);
                    int next = argmax(probabilities);
                    ObjectNode step = steps.addObject();
                    step.put("argmax", next);
                    ArrayNode p = step.putArray("probabilities");
                    for (float v : probabilities) {
                        p.add(v);
                    }
                    if (s < STEPS) {
                        output = model.forward(next, position++, kv, Optional.empty());
                    }
                }
            }
        }
        Files.createDirectories(out.getParent());
        json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), root);
        System.out.println("wrote " + out);
    }

    static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
