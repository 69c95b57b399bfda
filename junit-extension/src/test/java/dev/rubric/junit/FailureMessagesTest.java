package dev.rubric.junit;

import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.DecodingSettings;
import dev.rubric.core.JudgeFingerprint;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class FailureMessagesTest {

    @Test
    void wrappedTextKeepsItsWordsButNotTerminalEscapeSequences() {
        String feedback = "Polite \u001b[2J\u001b[32mPASSED\u001b[0m and\u0007 clear.";

        String wrapped = FailureMessages.wrap(feedback);

        assertThat(wrapped).doesNotContain("\u001b", "\u0007")
                .isEqualTo("  Polite \uFFFD[2J\uFFFD[32mPASSED\uFFFD[0m and\uFFFD clear.\n");
    }

    /** A forced verdict is one the judge stopped before writing, or ran out of budget for: the message says both. */
    @Test
    void aForcedVerdictSaysTheJudgeDidNotWriteTheResultItself() {
        JudgeFingerprint fp = new JudgeFingerprint("local", "m", "r", "prometheus-2/v1",
                DecodingSettings.GREEDY.withMaxTokens(300));

        String source = FailureMessages.source(AbsoluteVerdict.of(3, "f", null, true, fp, Duration.ZERO));

        assertThat(source).doesNotContain("ran out of tokens")
                .endsWith("; forced: the judge did not write [RESULT] itself (it stopped before it, or reached its"
                        + " token budget, rubric.judge.max-tokens=300), so the decoder appended it and chose the verdict"
                        + " among the verdict tokens alone (1-5, or A and B)");
        assertThat(FailureMessages.source(AbsoluteVerdict.of(3, "f", null, false, fp, Duration.ZERO)))
                .doesNotContain("forced");
    }

    @Test
    void paragraphsStayOnTheirOwnLines() {
        assertThat(FailureMessages.wrap("first line\nsecond line")).isEqualTo("  first line\n  second line\n");
    }
}
