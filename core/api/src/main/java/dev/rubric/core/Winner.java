package dev.rubric.core;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/** The response a pairwise verdict prefers. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Winner {
    A, B;

    public Winner other() {
        return this == A ? B : A;
    }
}
