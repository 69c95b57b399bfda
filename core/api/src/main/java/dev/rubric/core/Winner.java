package dev.rubric.core;

/** The response a pairwise verdict prefers. */
public enum Winner {
    A, B;

    public Winner other() {
        return this == A ? B : A;
    }
}
