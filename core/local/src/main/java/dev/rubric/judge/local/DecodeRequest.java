package dev.rubric.judge.local;

import dev.rubric.core.GradingMode;

import java.util.Objects;

/**
 * One sequence for the {@link VerdictDecoder}: the prompt's token ids (BOS included), which verdict it ends in, and
 * the seed of its own random source (used only when sampling), so its output does not depend on its batch.
 */
record DecodeRequest(int[] prompt, GradingMode mode, long seed) {

    public DecodeRequest {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(mode, "mode");
        if (prompt.length == 0) {
            throw new IllegalArgumentException("a prompt needs at least one token (the BOS)");
        }
    }
}
