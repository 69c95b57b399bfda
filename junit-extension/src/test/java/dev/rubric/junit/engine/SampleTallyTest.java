package dev.rubric.junit.engine;

import dev.rubric.core.JudgeException;
import dev.rubric.junit.JudgeAbortedException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SampleTallyTest {

    @Test
    void requiredPassesRoundUp() {
        assertThat(SampleTally.requiredPasses(5, 0.8)).isEqualTo(4);
        assertThat(SampleTally.requiredPasses(5, 0.6)).isEqualTo(3);
        assertThat(SampleTally.requiredPasses(3, 0.5)).isEqualTo(2);
        assertThat(SampleTally.requiredPasses(10, 0.7)).isEqualTo(7);
        assertThat(SampleTally.requiredPasses(4, 0.0)).isZero();
        assertThat(SampleTally.requiredPasses(4, 1.0)).isEqualTo(4);
    }

    @Test
    void settledOnceEnoughPassedOrTooManyFailed() {
        SampleTally t = new SampleTally(5, 0.8);
        t.passed();
        t.failed("no");
        assertThat(t.settled()).isFalse();
        t.failed("no again");
        assertThat(t.settled()).isTrue();
        assertThat(t.met()).isFalse();
        assertThat(t.firstFailure()).isEqualTo("no");

        SampleTally u = new SampleTally(5, 0.6);
        u.passed();
        u.passed();
        assertThat(u.settled()).isFalse();
        u.passed();
        assertThat(u.settled()).isTrue();
        assertThat(u.met()).isTrue();
        assertThat(u.stats().stoppedEarly()).isTrue();
    }

    @Test
    void anAbortedSampleCountsAsNotPassing() {
        SampleTally t = new SampleTally(2, 1.0);
        t.aborted(new JudgeAbortedException(new JudgeException(JudgeException.Reason.UNREACHABLE, "judge down")));
        assertThat(t.settled()).isTrue();
        assertThat(t.met()).isFalse();
        assertThat(t.anyAborted()).isTrue();
        assertThat(t.firstAbort().reason()).isEqualTo(JudgeException.Reason.UNREACHABLE);
    }

    @Test
    void aSkippedSampleSettlesTheTestSoTheRestAreNotRun() {
        SampleTally t = new SampleTally(5, 0.6);
        t.passed();
        t.skipped("Assumption failed: no API key");
        assertThat(t.settled()).isTrue();
        assertThat(t.met()).isFalse();
        assertThat(t.skipReason()).isEqualTo("Assumption failed: no API key");
    }
}
