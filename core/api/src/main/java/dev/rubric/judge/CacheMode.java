package dev.rubric.judge;

/** How the verdict cache is used: read and write (default), read only, write only, or off. */
public enum CacheMode {
    READWRITE, READ, WRITE, OFF;

    public boolean reads() {
        return this == READWRITE || this == READ;
    }

    public boolean writes() {
        return this == READWRITE || this == WRITE;
    }
}
