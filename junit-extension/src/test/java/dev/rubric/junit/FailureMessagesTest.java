package dev.rubric.junit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailureMessagesTest {

    @Test
    void wrappedTextKeepsItsWordsButNotTerminalEscapeSequences() {
        String feedback = "Polite \u001b[2J\u001b[32mPASSED\u001b[0m and\u0007 clear.";

        String wrapped = FailureMessages.wrap(feedback);

        assertThat(wrapped).doesNotContain("\u001b", "\u0007")
                .isEqualTo("  Polite \uFFFD[2J\uFFFD[32mPASSED\uFFFD[0m and\uFFFD clear.\n");
    }

    @Test
    void paragraphsStayOnTheirOwnLines() {
        assertThat(FailureMessages.wrap("first line\nsecond line")).isEqualTo("  first line\n  second line\n");
    }
}
