package dev.rubric.junit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.rubric.junit.fixtures.LeakingFixture;
import dev.rubric.secret.Secret;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * What a {@code @RubricTest} threw reaches JUnit (and so Surefire's XML, the console and the IDE) without a credential
 * this JVM knows, and as the same kind of outcome; a throwable without one is passed on as it was thrown.
 */
class RedactedFailuresTest {

    @TempDir
    Path reports;

    @BeforeAll
    static void aKeyIsKnown() {
        Secret.of(LeakingFixture.KEY); // as reading RUBRIC_JUDGE_API_KEY does
    }

    private Throwable thrownBy(String method) {
        EngineExecutionResults r = RubricKit.engine(reports, selectMethod(LeakingFixture.class, method)).execute();
        Event finished = r.testEvents().finished().stream().findFirst().orElseThrow();
        return finished.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }

    private static String printed(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    @Test
    void anErrorQuotingTheKeyIsReportedRedactedWithItsTypeCauseAndStack() {
        Throwable t = thrownBy("clientError");

        assertThat(printed(t)).doesNotContain(LeakingFixture.KEY).contains("Bearer ****")
                .contains("java.lang.IllegalStateException: gateway answered 401")
                .contains("java.io.IOException: sent header Bearer ****")
                .contains("LeakingFixture.clientError");
        assertThat(t).isNotInstanceOf(AssertionError.class); // still an error, not a failure, for Surefire
    }

    @Test
    void anAssertionQuotingTheKeyStaysAnAssertionWithRedactedValues() {
        Throwable t = thrownBy("assertionOnAHeader");

        assertThat(t).isInstanceOf(AssertionFailedError.class);
        AssertionFailedError a = (AssertionFailedError) t;
        assertThat(a.getActual().getStringRepresentation()).isEqualTo("Bearer ****");
        assertThat(a.getExpected().getStringRepresentation()).isEqualTo("Bearer expected");
        assertThat(printed(t)).doesNotContain(LeakingFixture.KEY);
    }

    @Test
    void anAbortQuotingTheKeyStaysAnAbort() {
        Throwable t = thrownBy("abortedWithTheKey");

        assertThat(t).isInstanceOf(TestAbortedException.class).hasMessage("no quota left for key ****");
    }

    @Test
    void aFailureWithoutACredentialIsPassedOnAsThrown() {
        Throwable t = thrownBy("plainFailure");

        assertThat(t).isExactlyInstanceOf(AssertionError.class).hasMessage("scored 2, wanted 4");
    }
}
