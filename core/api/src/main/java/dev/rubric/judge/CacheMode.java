package dev.rubric.judge;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/** How the verdict cache is used: read and write (default), read only, write only, or off. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum CacheMode {
    READWRITE, READ, WRITE, OFF;

    public boolean reads() {
        return this == READWRITE || this == READ;
    }

    public boolean writes() {
        return this == READWRITE || this == WRITE;
    }
}
