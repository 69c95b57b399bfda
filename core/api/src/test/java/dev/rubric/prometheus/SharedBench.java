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
        return find(Path.of("prometheus-bench"), Files::isDirectory, "the benchmark data shared/prometheus-bench",
                "; outside the team, take vicuna_eval.json and hhh_alignment_eval.json from eval/benchmark/data/ of"
                + " github.com/prometheus-eval/prometheus-eval (commit dcfb442, Apache-2.0) into ../shared/prometheus-bench/");
    }

    /**
     * A file of the team's {@code shared/prometheus/} folder (the format and the parser-parity vectors), or a test
     * failure saying where it was looked for.
     */
    static Path formatFile(String name) {
        return find(Path.of("prometheus", name), Files::isRegularFile, "shared/prometheus/" + name, "");
    }

    /** {@code shared/<relative>} in the working directory or the nearest parent that has it. */
    private static Path find(Path relative, java.util.function.Predicate<Path> present, String what, String more) {
        Path start = Path.of("").toAbsolutePath();
        StringBuilder looked = new StringBuilder();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve(relative);
            if (present.test(candidate)) {
                return candidate;
            }
            looked.append("\n  ").append(candidate);
        }
        return fail(what + " was not found beside the working directory " + start + " or any parent; looked at:"
                + looked + "\nCheck out the project's shared/ folder beside the clone (../shared) to run the"
                + " conformance tests" + more);
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
