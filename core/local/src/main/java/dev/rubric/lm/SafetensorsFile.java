package dev.rubric.lm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code .safetensors} file: an 8-byte little-endian header length, a JSON header naming each tensor's dtype,
 * shape and byte range, then the data. Everything in the header is checked against the file before any byte is
 * mapped (header length against the file size and a cap, ranges inside the data area and not overlapping, shape times
 * dtype size equal to the byte range, known dtypes); tensors are then memory-mapped one at a time.
 */
final class SafetensorsFile implements AutoCloseable {

    /** Largest header accepted; real headers are a few hundred kilobytes. */
    static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Path file;
    private final FileChannel channel;
    private final Map<String, TensorEntry> tensors;

    private SafetensorsFile(Path file, FileChannel channel, Map<String, TensorEntry> tensors) {
        this.file = file;
        this.channel = channel;
        this.tensors = tensors;
    }

    /** Opens and checks a file; the channel stays open until {@link #close()}. */
    public static SafetensorsFile open(Path file) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new CheckpointException("cannot open " + file + ": " + e.getMessage(), e);
        }
        try {
            return new SafetensorsFile(file, channel, readHeader(file, channel));
        } catch (RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw new CheckpointException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** The tensors of this file by name, in the order of their bytes. */
    public Map<String, TensorEntry> tensors() {
        return tensors;
    }

    /**
     * The tensor's bytes, memory-mapped read-only, little-endian. One mapping is limited to 2 GiB by the JDK; no
     * single tensor of a 7B or 8x7B Mistral comes near that.
     */
    public ByteBuffer map(TensorEntry tensor) {
        if (!tensor.file().equals(file)) {
            throw new IllegalArgumentException(tensor + " is not in " + file);
        }
        long length = tensor.byteLength();
        if (length > Integer.MAX_VALUE) {
            throw new CheckpointException("tensor " + tensor + " is " + length
                    + " bytes; one tensor is read as one memory mapping of at most 2 GiB: this checkpoint's layout is "
                    + "not supported, re-shard it with smaller tensors");
        }
        try {
            return channel.map(FileChannel.MapMode.READ_ONLY, tensor.dataStart() + tensor.begin(), length)
                    .order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new CheckpointException("cannot map " + tensor + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new CheckpointException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, TensorEntry> readHeader(Path file, FileChannel channel) throws IOException {
        String name = file.getFileName().toString();
        long fileSize = channel.size();
        if (fileSize < 8) {
            throw new CheckpointException("safetensors file " + name + " has " + fileSize
                    + " bytes, fewer than its 8-byte header length: the file is corrupt or truncated; delete it to "
                    + "re-download");
        }
        ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, lengthBytes, 0);
        long headerLength = lengthBytes.getLong(0);
        if (headerLength < 0) { // the top bit set: as an unsigned number beyond 2^63, no header length at all
            throw new CheckpointException("safetensors file " + name + " does not start with a header length: its first"
                    + " 8 bytes (" + HexFormat.ofDelimiter(" ").formatHex(lengthBytes.array()) + ") read as a"
                    + " little-endian length are more than 2^63 bytes, beyond any file (this one has " + fileSize
                    + " bytes): it is not a safetensors file, or it is corrupt; delete it to re-download");
        }
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > fileSize - 8) {
            throw new CheckpointException("safetensors header of " + name + " declares "
                    + headerLength + " bytes; the file has " + fileSize
                    + " bytes and headers are at most " + MAX_HEADER_BYTES
                    + ": the file is corrupt or truncated; delete it to re-download");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        readFully(channel, headerBytes, 8);
        JsonNode header;
        try {
            header = JSON.readTree(headerBytes.array());
        } catch (IOException e) {
            throw new CheckpointException("safetensors header of " + name + " is not valid JSON (" + e.getMessage()
                    + "): the file is corrupt; delete it to re-download", e);
        }
        if (header == null || !header.isObject()) {
            throw new CheckpointException("safetensors header of " + name
                    + " is not a JSON object: the file is corrupt; delete it to re-download");
        }
        long dataStart = 8 + headerLength;
        long dataSize = fileSize - dataStart;
        List<TensorEntry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("__metadata__")) {
                continue;
            }
            entries.add(entry(file, field.getKey(), field.getValue(), dataStart, dataSize));
        }
        entries.sort(Comparator.comparingLong(TensorEntry::begin).thenComparingLong(TensorEntry::end));
        for (int i = 1; i < entries.size(); i++) {
            TensorEntry previous = entries.get(i - 1);
            TensorEntry current = entries.get(i);
            if (current.begin() < previous.end()) {
                throw new CheckpointException("safetensors header of " + name + ": tensors " + previous.name()
                        + " [" + previous.begin() + ", " + previous.end() + ") and " + current.name() + " ["
                        + current.begin() + ", " + current.end()
                        + ") overlap: the file is corrupt; delete it to re-download");
            }
        }
        Map<String, TensorEntry> byName = new LinkedHashMap<>();
        for (TensorEntry e : entries) {
            byName.put(e.name(), e);
        }
        return Collections.unmodifiableMap(byName);
    }

    private static TensorEntry entry(Path file, String tensor, JsonNode node, long dataStart, long dataSize) {
        String name = file.getFileName().toString();
        String where = "tensor " + tensor + " in " + name;
        JsonNode dtype = node.get("dtype");
        JsonNode shape = node.get("shape");
        JsonNode offsets = node.get("data_offsets");
        if (dtype == null || !dtype.isTextual() || shape == null || !shape.isArray() || offsets == null
                || !offsets.isArray() || offsets.size() != 2) {
            throw new CheckpointException(where + " lacks a dtype, shape or two data_offsets (" + node
                    + "): the file is corrupt; delete it to re-download");
        }
        SafetensorsDtype type = SafetensorsDtype.parse(dtype.asText(), tensor, name);
        long[] dims = new long[shape.size()];
        long elements = 1;
        for (int i = 0; i < dims.length; i++) {
            JsonNode d = shape.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToLong() || d.longValue() < 0) {
                throw new CheckpointException(where + " has dimension " + d + " in shape " + shape
                        + "; dimensions are non-negative integers: the file is corrupt; delete it to re-download");
            }
            dims[i] = d.longValue();
            try {
                elements = Math.multiplyExact(elements, dims[i]);
            } catch (ArithmeticException e) {
                throw new CheckpointException(where + " has shape " + shape
                        + ", more elements than a file can hold: the file is corrupt; delete it to re-download");
            }
        }
        long begin = offset(offsets.get(0), where);
        long end = offset(offsets.get(1), where);
        if (begin > end || end > dataSize) {
            throw new CheckpointException(where + " lies at bytes [" + begin + ", " + end + ") of a data area of "
                    + dataSize + " bytes: the file is corrupt or truncated; delete it to re-download");
        }
        String expected; // in words: a shape whose bytes overflow a long has no byte count to print
        try {
            long bytes = Math.multiplyExact(elements, type.bytes());
            expected = bytes == end - begin ? null : bytes + " bytes";
        } catch (ArithmeticException e) {
            expected = "more bytes than any file holds (over 2^63)";
        }
        if (expected != null) {
            throw new CheckpointException(where + " is " + type + " of shape " + shape + ", which is " + expected
                    + ", but its data_offsets span " + (end - begin)
                    + " bytes: the file is corrupt; delete it to re-download");
        }
        return new TensorEntry(tensor, type, dims, file, dataStart, begin, end);
    }

    private static long offset(JsonNode n, String where) {
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
            throw new CheckpointException(where + " has data offset " + n
                    + "; offsets are non-negative integers: the file is corrupt; delete it to re-download");
        }
        return n.longValue();
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + at);
            }
            at += n;
        }
    }

    private static void closeQuietly(FileChannel channel, Exception cause) {
        try {
            channel.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
