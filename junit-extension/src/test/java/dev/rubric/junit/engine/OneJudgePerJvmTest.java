package dev.rubric.junit.engine;

import dev.rubric.junit.RubricAssertions;
import dev.rubric.junit.fixtures.BasicFixture;
import dev.rubric.junit.testing.ScriptedJudge;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * A plain Jupiter test (this class) and rubric engine runs in one JVM: configured alike they share one judge (for
 * rubric.judge=local, one loaded model); configured differently, the engine's judge is its own and closed at the end
 * of its run.
 */
class OneJudgePerJvmTest {

    static final String Q = "How do I get a refund?";

    @TempDir
    Path reports;

    @BeforeAll
    static void judgeOfThePlainTests() {
        RubricKit.configurePlainTestsJudge();
    }

    @BeforeEach
    void script() {
        RubricKit.standardScript();
    }

    @Test
    void anEngineRunConfiguredLikeThePlainTestsGradesWithTheirJudge() {
        // the plain tests' judge: built now, or by an earlier test
        RubricAssertions.assertThatAnswer("good answer").to(Q).scoresAtLeast(5);
        ScriptedJudge.CONSTRUCTED.set(0);

        RubricKit.engineLikeThePlainTests(reports, selectClass(BasicFixture.class)).execute()
                .testEvents().assertStatistics(s -> s.succeeded(1).failed(1).aborted(0));

        assertThat(ScriptedJudge.CONSTRUCTED).as("judges built by the engine run").hasValue(0);
        assertThat(ScriptedJudge.CLOSED).as("the plain tests still hold the judge").hasValue(0);
        assertThatCode(() -> RubricAssertions.assertThatAnswer("good answer").to(Q).scoresAtLeast(5))
                .doesNotThrowAnyException();
        assertThat(ScriptedJudge.CALLS).hasValue(4);
        assertThat(ScriptedJudge.CONSTRUCTED).hasValue(0);
    }

    @Test
    void plainAssertionsAfterAnEngineRunConfiguredAlikeUseTheJudgeTheRunBuilt() {
        // builds the judge unless the plain tests of this JVM already hold one (the Maven IT checks a fresh JVM)
        RubricKit.engineLikeThePlainTests(reports, selectClass(BasicFixture.class)).execute()
                .testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
        int built = ScriptedJudge.CONSTRUCTED.get();

        assertThatCode(() -> RubricAssertions.assertThatAnswer("good answer").to(Q).scoresAtLeast(5))
                .doesNotThrowAnyException();

        assertThat(built).isLessThanOrEqualTo(1);
        assertThat(ScriptedJudge.CONSTRUCTED).as("judges built for the plain assertion").hasValue(built);
        assertThat(ScriptedJudge.CLOSED).as("the run left its judge to the plain tests").hasValue(0);
    }

    @Test
    void anEngineRunConfiguredDifferentlyBuildsItsOwnJudgeAndClosesItAtTheEnd() {
        RubricAssertions.assertThatAnswer("good answer").to(Q).scoresAtLeast(5);
        ScriptedJudge.CONSTRUCTED.set(0);

        RubricKit.engine(reports, selectClass(BasicFixture.class)).execute() // another judge timeout
                .testEvents().assertStatistics(s -> s.succeeded(1).failed(1));

        assertThat(ScriptedJudge.CONSTRUCTED).hasValue(1);
        assertThat(ScriptedJudge.CLOSED).hasValue(1);
        assertThatCode(() -> RubricAssertions.assertThatAnswer("good answer").to(Q).scoresAtLeast(5))
                .doesNotThrowAnyException();
        assertThat(ScriptedJudge.CONSTRUCTED).hasValue(1);
    }
}
