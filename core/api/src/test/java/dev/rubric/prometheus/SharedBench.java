package dev.rubric.prometheus;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Finds the project's sibling {@code shared/} folder (CI checks it out beside the clone; a worktree may link it),
 * by walking up from the working directory. Missing data fails the test: it never skips silently.
 */
final class SharedBench {

    private SharedBench() {
    }

    /** The {@code shared/prometheus-bench} folder, or a test failure saying where it was looked for. */
    static Path benchDir() {
        Path start = Path.of("").toAbsolutePath();
        StringBuilder looked = new StringBuilder();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("prometheus-bench");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            looked.append("\n  ").append(candidate);
        }
        return fail("the benchmark data shared/prometheus-bench was not found beside the working directory "
                + start + " or any parent; looked at:" + looked
                + "\nCheck out the project's shared/ folder beside the clone (../shared) to run the conformance tests;"
                + " outside the team, take vicuna_eval.json and hhh_alignment_eval.json from eval/benchmark/data/ of"
                + " github.com/prometheus-eval/prometheus-eval (commit dcfb442, Apache-2.0) into ../shared/prometheus-bench/");
    }

    /**
     * A file of the team's {@code shared/prometheus/} folder (the format and the parser-parity vectors), or a test
     * failure saying where it was looked for.
     */
    static Path formatFile(String name) {
        Path start = Path.of("").toAbsolutePath();
        StringBuilder looked = new StringBuilder();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("prometheus").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            looked.append("\n  ").append(candidate);
        }
        return fail("shared/prometheus/" + name + " was not found beside the working directory " + start
                + " or any parent; looked at:" + looked
                + "\nCheck out the project's shared/ folder beside the clone (../shared) to run the conformance tests");
    }

    /** A file of the benchmark folder, failing when it is missing. */
    static Path file(String name) {
        Path p = benchDir().resolve(name);
        if (!Files.isRegularFile(p)) {
            fail(p + " is missing from the benchmark data folder");
        }
        return p;
    }
}
