package dev.rubric.lm;

/** The element types Rubric reads from safetensors files, with their sizes in bytes. */
enum SafetensorsDtype {
    F32(4),
    F16(2),
    BF16(2);

    private final int bytes;

    SafetensorsDtype(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    /** The dtype of a header's {@code "dtype"} field; others (I8, F64, F8_E4M3, ...) are refused with the reason. */
    static SafetensorsDtype parse(String name, String tensor, String file) {
        for (SafetensorsDtype d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        throw new CheckpointException("tensor " + tensor + " in " + file + " has dtype " + name
                + "; Rubric reads F32, F16 and BF16 weights: use the unquantized checkpoint (Prometheus 2 ships BF16)");
    }
}
