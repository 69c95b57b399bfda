package dev.rubric.lm;

import org.apiguardian.api.API;

import java.nio.file.Path;
import java.util.Arrays;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * One tensor listed in a safetensors header, already checked against its file: its bytes are
 * {@code [dataStart + begin, dataStart + end)} of {@code file}.
 *
 * @param name      the tensor's name, e.g. {@code model.layers.0.mlp.gate_proj.weight}
 * @param dtype     element type
 * @param shape     dimensions (a copy is kept)
 * @param file      the safetensors file holding it
 * @param dataStart where the data area starts in the file (8 + header length)
 * @param begin     first byte, relative to the data area
 * @param end       one past the last byte, relative to the data area
 */
@API(status = INTERNAL, since = "0.1")
public record TensorEntry(String name, SafetensorsDtype dtype, long[] shape, Path file, long dataStart, long begin,
        long end) {

    public TensorEntry {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public long byteLength() {
        return end - begin;
    }

    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public boolean hasShape(long... expected) {
        return Arrays.equals(shape, expected);
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape) + " in " + file.getFileName();
    }
}
