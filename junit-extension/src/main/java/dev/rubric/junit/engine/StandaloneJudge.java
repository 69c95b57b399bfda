package dev.rubric.junit.engine;

import dev.rubric.judge.JudgeConfig;

/**
 * The judge of assertions made outside a test run (a main method, a launcher without Rubric's listener); in a test run,
 * each test's scope has the run's judge. Configured like the engine (system properties, then
 * {@code junit-platform.properties} on the classpath, then environment variables), built on the first grading (or
 * taken over from a rubric engine run configured alike), once per JVM, and released when the JVM shuts down. A rubric
 * engine run configured alike uses the same judge ({@link JudgeRegistry}).
 */
final class StandaloneJudge {

    private StandaloneJudge() {
    }

    private static final class Holder {
        static final SharedJudge JUDGE = new SharedJudge(StandaloneJudge::config, JudgeRegistry.JVM);
        static final GradingScope SCOPE = new GradingScope(JUDGE, null, null);

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(JUDGE::close, "rubric-judge-shutdown"));
        }
    }

    static GradingScope scope() {
        return Holder.SCOPE;
    }

    /**
     * At the end of an engine run whose judge is configured exactly as the plain Jupiter tests of this JVM configure
     * theirs: the plain tests take the judge over (it stays open until the JVM shuts down), so that their assertions,
     * which the launcher may run after the rubric engine, do not build (for a local judge: load) it a second time.
     *
     * @return whether the plain tests now hold the judge
     */
    static boolean takeOverIfConfiguredAlike(JudgeConfig engineJudge) {
        try {
            if (!config().equals(engineJudge)) {
                return false;
            }
            Holder.JUDGE.get();
            return true;
        } catch (RuntimeException e) {
            return false; // the plain tests' judge is misconfigured: they will say so when they grade
        }
    }

    /** System properties first, then the classpath's junit-platform.properties: JUnit's own order. */
    static JudgeConfig config() {
        return JudgeConfig.fromSystemAndClasspath(Thread.currentThread().getContextClassLoader());
    }
}
