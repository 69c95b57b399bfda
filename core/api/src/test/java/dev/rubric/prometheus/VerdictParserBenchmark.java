package dev.rubric.prometheus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How long {@link VerdictParser} takes on 100,000-character judge outputs, ordinary and degenerate (a benchmark, run
 * on purpose; see docs/PERFORMANCE.md): per output, the median of 9 rounds of {@code parseScore} plus
 * {@code parseWinner}, after 3 warm-up rounds.
 * <p>
 * {@code mvn -q -pl core/api test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.rubric.prometheus.VerdictParserBenchmark}
 */
public final class VerdictParserBenchmark {

    static final int LENGTH = 100_000;

    private VerdictParserBenchmark() {
    }

    public static void main(String[] args) {
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("prose, then [RESULT] 4", fill("The response is accurate and helpful. ") + " [RESULT] 4");
        outputs.put("spaces, then [RESULT] 4", fill(" ") + "[RESULT] 4");
        outputs.put("[RESULT] then spaces, no number", "[RESULT]" + fill(" ") + "x");
        outputs.put("[RESULT] then \"(\" then 4", "[RESULT] " + fill("(") + "4");
        outputs.put("\"[RESULT] 4 \" repeated, then x", fill("[RESULT] 4 ") + "x");
        outputs.put("\"score 1 \" repeated, then x", fill("score 1 ") + "x");
        outputs.put("\"[RESULT: \" repeated, then x", fill("[RESULT: ") + "x");
        outputs.put("\"\\nResult \" repeated, then x", fill("\nResult ") + "x");
        outputs.put("NBSP and \\n runs, then [RESULT] A", fill("\u00A0 \n") + "[RESULT] A");
        outputs.put("</s> repeated after [RESULT] 5", "[RESULT] 5" + fill("</s> "));
        System.out.println("| output (100,000 characters) | median ms |");
        System.out.println("|---|---|");
        for (Map.Entry<String, String> e : outputs.entrySet()) {
            System.out.printf(Locale.ROOT, "| %s | %.1f |%n", e.getKey(), medianMillis(e.getValue()));
        }
    }

    private static String fill(String unit) {
        return unit.repeat(LENGTH / unit.length());
    }

    private static double medianMillis(String output) {
        List<Double> rounds = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            long start = System.nanoTime();
            VerdictParser.parseScore(output);
            VerdictParser.parseWinner(output);
            if (i >= 3) {
                rounds.add((System.nanoTime() - start) / 1e6);
            }
        }
        rounds.sort(null);
        return rounds.get(rounds.size() / 2);
    }
}
