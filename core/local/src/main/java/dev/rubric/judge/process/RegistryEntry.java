package dev.rubric.judge.process;

import dev.rubric.core.JudgeFingerprint;

import java.time.Instant;
import java.util.Objects;

/**
 * What a judge process publishes in its registry slot ({@code entry.json}) once it listens: enough for a client to
 * decide whether to use it (the same build and protocol, the same judge, this machine) and to reach it (the port on
 * 127.0.0.1, with the secret beside it). Never trusted on its own: a client checks the process (alive, answering
 * with this entry's build and fingerprint) before it sends a grading.
 *
 * @param device the configured device ({@code auto}, {@code cpu}, {@code gpu}), part of what makes two judges equal
 */
record RegistryEntry(int protocol, String build, long pid, int port, String host, JudgeFingerprint fingerprint,
                     String device, Instant started) {

    RegistryEntry {
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(started, "started");
        if (pid <= 0) {
            throw new IllegalArgumentException("a process id is positive, got " + pid);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("a port is 1..65535, got " + port);
        }
    }
}
