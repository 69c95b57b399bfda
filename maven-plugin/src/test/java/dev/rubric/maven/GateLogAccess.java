package dev.rubric.maven;

import dev.rubric.maven.gate.Gate;
import dev.rubric.maven.merge.MergedResults;
import dev.rubric.maven.text.Text;

/** For the scale benchmark: what CheckMojo logs, printed (GateLog is package-private to the goals). */
public final class GateLogAccess {

    private GateLogAccess() {
    }

    public static void print(Gate.Result result, MergedResults merged) {
        GateLog.table(result, false).forEach(l -> System.out.println(Text.console(l)));
        System.out.println(Text.console(GateLog.summary(result, merged)));
        if (!result.passed()) {
            System.out.println(Text.console(GateLog.failure(result, "Results: scale")));
        }
    }
}
