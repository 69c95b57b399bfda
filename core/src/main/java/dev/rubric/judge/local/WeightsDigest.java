package dev.rubric.judge.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A revision for weights that came from a plain directory (no Hub commit): SHA-256 over config.json and, for each
 * safetensors file, its name, size and header (tensor names, shapes, dtypes and offsets). Reading the headers, not
 * the gigabytes behind them, keeps start-up fast; any re-export or retraining changes sizes or headers in practice,
 * but two files that differ only inside tensor data would share a digest (the fingerprint says "headers").
 */
final class WeightsDigest {

    private static final long MAX_HEADER = 100L * 1024 * 1024;

    private WeightsDigest() {
    }

    static String of(Path directory) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Path config = directory.resolve("config.json");
            if (Files.isRegularFile(config)) {
                sha.update(Files.readAllBytes(config));
            }
            List<Path> files;
            try (Stream<Path> s = Files.list(directory)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".safetensors")).sorted().toList();
            }
            for (Path file : files) {
                sha.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                sha.update(Long.toString(Files.size(file)).getBytes(StandardCharsets.UTF_8));
                sha.update(header(file));
            }
            return "headers-sha256:" + HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the weights in " + directory + " for their digest (" + e
                    + "): check that the folder and its files are readable by the test JVM", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static byte[] header(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            while (len.hasRemaining() && ch.read(len) >= 0) {
                // read the 8-byte header length
            }
            if (len.hasRemaining()) {
                return new byte[0];
            }
            long n = len.flip().getLong();
            if (n <= 0 || n > MAX_HEADER || n > ch.size() - 8) {
                return new byte[0]; // the loader reports the corrupt header with its own message
            }
            ByteBuffer header = ByteBuffer.allocate((int) n);
            while (header.hasRemaining() && ch.read(header) >= 0) {
                // read the JSON header
            }
            return header.array();
        }
    }
}
