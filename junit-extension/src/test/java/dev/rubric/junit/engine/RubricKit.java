package dev.rubric.junit.engine;

import dev.rubric.junit.testing.ScriptedJudge;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.nio.file.Path;

/**
 * The rubric engine under EngineTestKit with the scripted judge (no verdict cache: EngineTestKit does not read system
 * properties), a private report folder and no console output.
 */
final class RubricKit {

    private RubricKit() {
    }

    static EngineTestKit.Builder engine(Path reportDir, DiscoverySelector... selectors) {
        return EngineTestKit.engine("rubric")
                .selectors(selectors)
                .configurationParameter("rubric.judge", ScriptedJudge.class.getName())
                .configurationParameter("rubric.cache", "off")  // the tests count the judge's calls
                .configurationParameter("rubric.report.dir", reportDir.toString())
                .configurationParameter("rubric.report.progress", "false")
                .configurationParameter("rubric.report.summary", "false");
    }

    /** The usual script: "good answer" 5, "bad answer" 2, two even answers 3, "explode" fails. */
    static void standardScript() {
        ScriptedJudge.reset();
        ScriptedJudge.score("good answer", 5);
        ScriptedJudge.score("bad answer", 2);
        ScriptedJudge.score("even answer", 3);
        ScriptedJudge.score("other even answer", 3);
        ScriptedJudge.score("explode", ScriptedJudge.FAIL);
    }
}
