package dev.rubric.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The table of batches that fit, in docs/local-model.md, is the planner's own output: this renders it from the real
 * Prometheus 2 configs and fails when the docs hold anything else (the message gives the table to paste).
 */
class MemoryTableTest {

    static final String START = "<!-- memory-table: rendered by MemoryTableTest; edit the planner, not this table -->";
    static final String END = "<!-- /memory-table -->";
    static final int[] GPU_GIB = {16, 24, 48, 80};
    static final int[] PROMPTS = {512, 1024, 2048};
    /** What the CUDA context, libtorch's kernels and the driver hold before the judge loads anything. */
    static final long CONTEXT_GIB = 1;

    @TempDir
    Path dir;

    @Test
    void theDocsHoldTheTableThePlannerComputes() throws IOException {
        String table = render(MemoryPlanTest.config(dir, MemoryPlanTest.SEVEN_B),
                MemoryPlanTest.config(dir, MemoryPlanTest.EIGHT_X_7B));
        Path docs = docs();
        String text = Files.readString(docs);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start < 0 || end < start) {
            fail(docs + " has no " + START + " ... " + END + " section; put this there:%n%s", table);
        }
        String inDocs = text.substring(start + START.length(), end).strip();
        assertThat(inDocs).as("the table in %s; the planner renders:%n%s", docs, table).isEqualTo(table.strip());
    }

    static String render(ModelConfig seven, ModelConfig eightBySeven) {
        StringBuilder t = new StringBuilder();
        t.append("| model, float16 | GPU (free at start) | 512-token prompts | 1,024 | 2,048 |\n");
        t.append("|---|---|---|---|---|\n");
        for (ModelConfig config : new ModelConfig[] {seven, eightBySeven}) {
            MemoryCosts costs = new MemoryCosts(config, 2);
            String name = String.format(Locale.ROOT, "Prometheus 2 %s (%.1f GB of weights)",
                    config.isMixtureOfExperts() ? "8x7B" : "7B", costs.weightBytes() / 1e9);
            for (int gib : GPU_GIB) {
                long free = (gib - CONTEXT_GIB) << 30;
                MemoryPlan plan = MemoryPlan.of(costs, name, OptionalLong.of(free), PromptHeads.MAX_TOKENS,
                        Integer.MAX_VALUE, MemoryPlanTest.GENERATED);
                t.append(String.format(Locale.ROOT, "| %s | %d GB, %d GiB free |", name, gib, gib - CONTEXT_GIB));
                for (int prompt : PROMPTS) {
                    t.append(' ').append(plan.weightsFit() ? String.valueOf(plan.batchFor(prompt))
                            : "weights do not fit").append(" |");
                }
                t.append('\n');
            }
        }
        return t.toString();
    }

    /** docs/local-model.md of this checkout, found by walking up from the working directory. */
    static Path docs() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("docs").resolve("local-model.md");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("no docs/local-model.md above " + Path.of("").toAbsolutePath());
    }
}
