package dev.rubric.judge.local;

import dev.rubric.lm.CheckpointWeights;
import dev.rubric.lm.TensorEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;

/**
 * A revision for weights that came from a plain directory (no Hub commit): SHA-256 over config.json and every
 * tensor the checkpoint declares (name, dtype, shape, shard and byte range), as the loader's bounds-checked
 * safetensors reader sees them. Reading the headers, not the gigabytes behind them, keeps start-up fast; any
 * re-export or retraining changes the headers in practice, but two checkpoints that differ only inside tensor data
 * would share a digest (which is why it says "headers").
 */
final class WeightsDigest {

    private WeightsDigest() {
    }

    static String of(Path directory) {
        try (CheckpointWeights weights = CheckpointWeights.open(directory)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Path config = directory.resolve("config.json");
            if (Files.isRegularFile(config)) {
                sha.update(Files.readAllBytes(config));
            }
            weights.tensors().values().stream().sorted(Comparator.comparing(TensorEntry::name)).forEach(t ->
                    sha.update((t.name() + "|" + t.dtype() + "|" + Arrays.toString(t.shape()) + "|"
                            + t.file().getFileName() + "|" + t.begin() + "-" + t.end() + "\n")
                            .getBytes(StandardCharsets.UTF_8)));
            return "headers-sha256:" + HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory.resolve("config.json")
                    + " for the weights' digest: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
