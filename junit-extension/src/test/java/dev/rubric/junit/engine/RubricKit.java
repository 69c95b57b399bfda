package dev.rubric.junit.engine;

import dev.rubric.junit.testing.ScriptedJudge;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.nio.file.Path;

/**
 * The rubric engine under EngineTestKit with the scripted judge (no verdict cache: EngineTestKit does not read system
 * properties), a private report folder and no console output. {@link #engineLikeThePlainTests} configures the judge
 * exactly as the plain Jupiter tests of this JVM do (system properties), so that both share one judge.
 */
final class RubricKit {

    private RubricKit() {
    }

    static EngineTestKit.Builder engine(Path reportDir, DiscoverySelector... selectors) {
        return EngineTestKit.engine("rubric")
                .selectors(selectors)
                .configurationParameter("rubric.judge", ScriptedJudge.class.getName())
                .configurationParameter("rubric.cache", "off")  // the tests count the judge's calls
                // a setting only the engine tests use: each run builds and closes a judge of its own instead of
                // sharing the one the plain Jupiter tests of this JVM hold (JudgeRegistry shares equal configurations)
                .configurationParameter("rubric.judge.timeout", "17s")
                .configurationParameter("rubric.report.dir", reportDir.toString())
                .configurationParameter("rubric.report.progress", "false")
                .configurationParameter("rubric.report.summary", "false");
    }

    /** Like {@link #engine}, with the judge configured as the plain Jupiter tests configure theirs. */
    static EngineTestKit.Builder engineLikeThePlainTests(Path reportDir, DiscoverySelector... selectors) {
        return EngineTestKit.engine("rubric")
                .selectors(selectors)
                .configurationParameter("rubric.judge", PLAIN_TESTS_JUDGE.get("rubric.judge"))
                .configurationParameter("rubric.cache", PLAIN_TESTS_JUDGE.get("rubric.cache"))
                .configurationParameter("rubric.report.dir", reportDir.toString())
                .configurationParameter("rubric.report.progress", "false")
                .configurationParameter("rubric.report.summary", "false");
    }

    /** The system properties that configure the judge of plain Jupiter tests in this module's tests. */
    static final java.util.Map<String, String> PLAIN_TESTS_JUDGE = java.util.Map.of(
            "rubric.judge", ScriptedJudge.class.getName(), "rubric.cache", "off");

    /** Sets {@link #PLAIN_TESTS_JUDGE} as system properties (Surefire sets rubric.cache=off too). */
    static void configurePlainTestsJudge() {
        PLAIN_TESTS_JUDGE.forEach(System::setProperty);
    }

    /** The usual script: "good answer" 5, "bad answer" 2, two even answers 3, "explode" fails (and a few more). */
    static void standardScript() {
        ScriptedJudge.resetToUsualAnswers();
    }
}
