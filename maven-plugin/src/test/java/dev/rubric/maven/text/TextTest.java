package dev.rubric.maven.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextTest {

    @Test
    void shortenKeepsShortTextAndFoldsWhitespace() {
        assertThat(Text.shorten("  The answer\n\tis   fine. ", 200)).isEqualTo("The answer is fine.");
        assertThat(Text.shorten(null, 10)).isEmpty();
    }

    @Test
    void shortenKeepsTerminalEscapeSequencesOutOfTheLog() {
        assertThat(Text.shorten("\u001b[2K\u001b[32mBUILD SUCCESS\u009b0m", 200))
                .isEqualTo("\uFFFD[2K\uFFFD[32mBUILD SUCCESS\uFFFD0m");
    }

    @Test
    void namesReachTheConsoleWithControlAndBidiCharactersEscaped() {
        // U+202E makes "gnp.exe" read "exe.png"; NUL and ESC could cut or rewrite the log line
        assertThat(Text.printable("Refund\u202Egnp.exe\u0000\u001b[2K")).isEqualTo("Refund\\u202Egnp.exe\\u0000\\u001B[2K");
        assertThat(Text.printable("a\u2066b\u200Fc\u2028d")).isEqualTo("a\\u2066b\\u200Fc\\u2028d");
        assertThat(Text.printable("plain [case:3] naïve 日本")).isEqualTo("plain [case:3] naïve 日本");
        assertThat(Text.console("line one \u202E\nline two\u0000")).isEqualTo("line one \\u202E\nline two\\u0000");
        assertThat(Text.shorten("x\u202Ey", 20)).isEqualTo("x\uFFFDy");
    }

    @Test
    void shortenCutsAtAWordAndSaysSo() {
        String feedback = "The response contradicts the reference answer about the refund window entirely";

        String cut = Text.shorten(feedback, 40);

        assertThat(cut).isEqualTo("The response contradicts the...").hasSizeLessThanOrEqualTo(40);
    }

    @Test
    void shortenCutsALongWordHard() {
        assertThat(Text.shorten("x".repeat(100), 20)).isEqualTo("x".repeat(17) + "...");
    }

    @Test
    void numbersReadTheSameOnEveryLocale() {
        assertThat(Text.percent(0.875)).isEqualTo("87.5%");
        assertThat(Text.percent(Double.NaN)).isEqualTo("-");
        assertThat(Text.score(4.125)).isEqualTo("4.13");
        assertThat(Text.signed(-0.4)).isEqualTo("-0.40");
        assertThat(Text.signed(0.25)).isEqualTo("+0.25");
    }
}
