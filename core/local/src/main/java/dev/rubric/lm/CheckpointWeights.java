package dev.rubric.lm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apiguardian.api.API;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The safetensors weights of a checkpoint directory: one {@code model.safetensors}, or the shards that
 * {@code model.safetensors.index.json} names. Pickle ({@code .bin}) weights are never loaded: unpickling runs code
 * from the file.
 */
@API(status = INTERNAL, since = "0.1")
public final class CheckpointWeights implements AutoCloseable {

    static final String SINGLE_FILE = "model.safetensors";
    static final String INDEX_FILE = "model.safetensors.index.json";

    private final Path directory;
    private final Map<String, SafetensorsFile> shards;
    private final Map<String, TensorEntry> tensors;

    private CheckpointWeights(Path directory, Map<String, SafetensorsFile> shards, Map<String, TensorEntry> tensors) {
        this.directory = directory;
        this.shards = shards;
        this.tensors = tensors;
    }

    /** Opens the weights of a checkpoint directory, checking every header and the index. */
    public static CheckpointWeights open(Path directory) {
        Path index = directory.resolve(INDEX_FILE);
        if (Files.isRegularFile(index)) {
            return openSharded(directory, index);
        }
        Path single = directory.resolve(SINGLE_FILE);
        if (Files.isRegularFile(single)) {
            SafetensorsFile file = SafetensorsFile.open(single);
            return new CheckpointWeights(directory, Map.of(SINGLE_FILE, file), file.tensors());
        }
        throw new CheckpointException(noSafetensorsMessage(directory));
    }

    private static String noSafetensorsMessage(Path directory) {
        List<String> pickles;
        try (Stream<Path> files = Files.list(directory)) {
            pickles = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".bin") || n.endsWith(".pt")
                    || n.endsWith(".pth")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            return "cannot list checkpoint directory " + directory + ": " + e.getMessage();
        }
        if (!pickles.isEmpty()) {
            return directory + " holds only pickle weights " + pickles
                    + "; Rubric never loads pickle files, because unpickling runs code from the file: download the "
                    + "model's .safetensors files (Prometheus 2 publishes them) or convert with "
                    + "transformers' save_pretrained(safe_serialization=True)";
        }
        return directory + " has neither " + SINGLE_FILE + " nor " + INDEX_FILE
                + ": point rubric.judge.model at a Hugging Face checkpoint directory";
    }

    private static CheckpointWeights openSharded(Path directory, Path index) {
        JsonNode weightMap;
        try {
            weightMap = new ObjectMapper().readTree(index.toFile()).path("weight_map");
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + index + ": " + e.getMessage()
                    + ": the file is corrupt; delete it to re-download", e);
        }
        if (!weightMap.isObject() || weightMap.isEmpty()) {
            throw new CheckpointException(index + " has no \"weight_map\" object naming each tensor's shard: the file "
                    + "is corrupt; delete it to re-download");
        }
        Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
        Map<String, TensorEntry> tensors = new LinkedHashMap<>();
        try {
            for (Iterator<Map.Entry<String, JsonNode>> it = weightMap.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String shardName = e.getValue().asText("");
                checkShardName(shardName, e.getKey(), index);
                SafetensorsFile shard = shards.get(shardName);
                if (shard == null) {
                    Path path = directory.resolve(shardName);
                    if (!Files.isRegularFile(path)) {
                        throw new CheckpointException(INDEX_FILE + " puts " + e.getKey() + " in " + shardName
                                + ", which is not in " + directory + ": the download is incomplete; delete the "
                                + "directory to re-download");
                    }
                    shard = SafetensorsFile.open(path);
                    shards.put(shardName, shard);
                }
                TensorEntry entry = shard.tensors().get(e.getKey());
                if (entry == null) {
                    throw new CheckpointException(INDEX_FILE + " puts " + e.getKey() + " in " + shardName
                            + ", whose header does not list it: the checkpoint is corrupt; delete it to re-download");
                }
                tensors.put(e.getKey(), entry);
            }
        } catch (RuntimeException e) {
            shards.values().forEach(SafetensorsFile::close);
            throw e;
        }
        return new CheckpointWeights(directory, shards, tensors);
    }

    /** Shard names are plain file names in the checkpoint directory: no absolute paths, separators or "..". */
    private static void checkShardName(String shard, String tensor, Path index) {
        boolean plain = !shard.isEmpty() && !shard.contains("/") && !shard.contains("\\") && !shard.equals("..")
                && !shard.equals(".") && !shard.contains("\0") && !shard.contains(":")
                && Path.of(shard).getFileName().toString().equals(shard);
        if (!plain || !shard.endsWith(".safetensors")) {
            throw new CheckpointException(index + " puts " + tensor + " in shard \"" + shard
                    + "\"; shards must be .safetensors files inside the checkpoint directory: the index is corrupt "
                    + "or malicious; delete it to re-download");
        }
    }

    public Path directory() {
        return directory;
    }

    /** Every tensor of the checkpoint by name. */
    public Map<String, TensorEntry> tensors() {
        return tensors;
    }

    /** The named tensor, which must have the given shape. */
    public TensorEntry require(String name, long... shape) {
        TensorEntry entry = tensors.get(name);
        if (entry == null) {
            throw new CheckpointException("tensor " + name + ": expected " + Arrays.toString(shape)
                    + ", but no safetensors file of " + directory
                    + " has it: the checkpoint does not match its config.json or is incomplete");
        }
        if (!entry.hasShape(shape)) {
            throw new CheckpointException(name + ": expected " + Arrays.toString(shape) + ", found "
                    + Arrays.toString(entry.shape()) + " in " + entry.file().getFileName()
                    + ": the checkpoint does not match its config.json");
        }
        return entry;
    }

    /** The tensor's bytes, memory-mapped, little-endian. */
    public ByteBuffer map(TensorEntry entry) {
        for (SafetensorsFile shard : shards.values()) {
            if (shard.file().equals(entry.file())) {
                return shard.map(entry);
            }
        }
        throw new IllegalArgumentException(entry + " is not part of " + directory);
    }

    /** Total bytes of all tensors. */
    public long totalBytes() {
        return tensors.values().stream().mapToLong(TensorEntry::byteLength).sum();
    }

    @Override
    public void close() {
        for (SafetensorsFile shard : shards.values()) {
            shard.close();
        }
    }
}
