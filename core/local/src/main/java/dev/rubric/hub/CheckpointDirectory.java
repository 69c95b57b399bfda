package dev.rubric.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What the local judge needs in a model folder: config.json, tokenizer.json and safetensors weights (every shard that
 * model.safetensors.index.json names, when there is one). Pickle weights (*.bin, *.pt, *.pth) never count.
 */
final class CheckpointDirectory {

    static final String CONFIG = "config.json";
    static final String TOKENIZER = "tokenizer.json";
    static final String INDEX = "model.safetensors.index.json";
    private static final long MAX_INDEX_BYTES = 64L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointDirectory() {
    }

    /** Throws a {@link HubException} naming everything that {@code dir} lacks; {@code what} says what the folder is. */
    static void require(Path dir, String what) {
        List<String> missing = missing(dir);
        if (!missing.isEmpty()) {
            throw new HubException(HubException.Problem.INCOMPLETE_CHECKPOINT,
                    what + " " + dir + " cannot be used as the judge model: " + String.join("; ", missing) + ".");
        }
    }

    /** Whether {@code dir} holds everything the judge needs. */
    static boolean isComplete(Path dir) {
        return missing(dir).isEmpty();
    }

    /** One sentence per missing thing; empty when the folder is complete. */
    static List<String> missing(Path dir) {
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            problems.add("it is not a directory");
            return problems;
        }
        for (String required : List.of(CONFIG, TOKENIZER)) {
            if (!Files.isRegularFile(dir.resolve(required))) {
                problems.add("it has no " + required);
            }
        }
        Path index = dir.resolve(INDEX);
        if (Files.isRegularFile(index)) {
            try {
                List<String> absent = new ArrayList<>();
                for (String shard : shardsOf(index)) {
                    Path file = RepoFileNames.resolveInside(dir, shard, INDEX);
                    if (!Files.isRegularFile(file)) {
                        absent.add(shard);
                    }
                }
                if (!absent.isEmpty()) {
                    problems.add(INDEX + " names shards that are missing: " + String.join(", ", absent));
                }
            } catch (IOException | HubException e) {
                problems.add(INDEX + " is unreadable (" + e.getMessage() + "); delete it to re-download");
            }
        } else if (list(dir, ".safetensors").isEmpty()) {
            List<String> pickles = new ArrayList<>();
            for (String ext : List.of(".bin", ".pt", ".pth")) {
                pickles.addAll(list(dir, ext));
            }
            if (pickles.isEmpty()) {
                problems.add("it has no *.safetensors weights");
            } else {
                problems.add("it has only pickle weights (" + String.join(", ", pickles) + "), which Rubric never "
                        + "loads because unpickling a file can run arbitrary code. Convert them once to safetensors, "
                        + "e.g. python -c \"from transformers import AutoModelForCausalLM as M; "
                        + "M.from_pretrained('" + dir + "', torch_dtype='auto').save_pretrained('" + dir
                        + "-safetensors', safe_serialization=True)\" and copy tokenizer.json next to them, or use a "
                        + "revision of the model on the Hub that has *.safetensors files (often refs/pr/N by "
                        + "SFconvertbot)");
            }
        }
        return problems;
    }

    /** The distinct shard file names that an index's weight_map refers to, checked to stay inside the folder. */
    static List<String> shardsOf(Path index) throws IOException {
        if (Files.size(index) > MAX_INDEX_BYTES) {
            throw new IOException(index.getFileName() + " is " + Files.size(index) + " bytes, more than an index has");
        }
        JsonNode map = JSON.readTree(index.toFile()).path("weight_map");
        if (!map.isObject() || map.isEmpty()) {
            throw new IOException("it has no weight_map");
        }
        TreeSet<String> shards = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            JsonNode shard = it.next().getValue();
            if (!shard.isTextual()) {
                throw new IOException("its weight_map has a non-text entry " + shard);
            }
            String name = shard.asText();
            if (!RepoFileNames.isSafe(name)) {
                throw new HubException(HubException.Problem.HUB_ERROR, INDEX + " names the shard '" + name
                        + "', which would leave the model folder; refusing to use it");
            }
            shards.add(name);
        }
        return List.copyOf(shards);
    }

    private static List<String> list(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.toLowerCase(Locale.ROOT).endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
