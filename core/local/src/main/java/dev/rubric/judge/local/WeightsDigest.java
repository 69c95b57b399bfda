package dev.rubric.judge.local;

import dev.rubric.lm.CheckpointWeights;
import dev.rubric.lm.TensorEntry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The revision of weights that came from a plain folder (no Hub commit): a SHA-256 over every file the loader reads
 * (config.json, tokenizer.json, the safetensors index when there is one, and each safetensors file), by name and
 * content. Two folders differ in it exactly when a byte the model is built from differs: a fine-tune exported like
 * its base, into the same folder, is another judge.
 *
 * <p>Each file's content hash comes from {@link FileDigests}: read once and remembered by path, size, modification time
 * and file key, so a normal start does not re-read 14.5 GB; a file that is a link into a Hugging Face cache's
 * {@code blobs/<sha256>} is named by its blob and never read.
 */
final class WeightsDigest {

    static final String PREFIX = "sha256:";

    private WeightsDigest() {
    }

    /**
     * @throws dev.rubric.lm.CheckpointException when the folder's weights cannot be listed (no safetensors, a broken
     *                                           index)
     * @throws java.io.UncheckedIOException      when a file cannot be read
     */
    static String of(Path directory, FileDigests digests) {
        Map<String, Path> files = new TreeMap<>();
        for (String name : new String[] {"config.json", "tokenizer.json", "model.safetensors.index.json"}) {
            Path file = directory.resolve(name);
            if (Files.isRegularFile(file)) {
                files.put(name, file);
            }
        }
        try (CheckpointWeights weights = CheckpointWeights.open(directory)) {
            for (TensorEntry t : weights.tensors().values()) {
                files.putIfAbsent(directory.relativize(t.file()).toString(), t.file());
            }
        }
        MessageDigest sha = sha256();
        files.forEach((name, file) -> sha.update((name + "\t" + digests.sha256(file) + "\n")
                .getBytes(StandardCharsets.UTF_8)));
        return PREFIX + HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
