package dev.rubric.junit.engine;

import dev.rubric.judge.JudgeConfig;

/**
 * The judge of assertions made outside the rubric engine (a plain Jupiter {@code @Test}): built from system
 * properties and environment variables on the first grading, once per JVM, and released when the JVM shuts down.
 * A rubric engine run configured alike uses the same judge ({@link JudgeRegistry}).
 */
final class StandaloneJudge {

    private StandaloneJudge() {
    }

    private static final class Holder {
        static final SharedJudge JUDGE = new SharedJudge(JudgeConfig::fromSystem, JudgeRegistry.JVM);
        static final GradingScope SCOPE = new GradingScope(JUDGE, null, null);

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(JUDGE::close, "rubric-judge-shutdown"));
        }
    }

    static GradingScope scope() {
        return Holder.SCOPE;
    }
}
