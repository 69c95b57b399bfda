package dev.rubric.secret;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedactionTest {

    private static final String KEY = "sk-redact/Test+Key=0123456789";

    static {
        Secret.of(KEY);
    }

    @Test
    void everyFormOfASecretIsMasked() {
        assertThat(Redaction.redact("raw " + KEY + " end")).isEqualTo("raw **** end");
        assertThat(Redaction.redact("url " + URLEncoder.encode(KEY, StandardCharsets.UTF_8) + " end"))
                .isEqualTo("url **** end");
        assertThat(Redaction.redact("json \"" + KEY.replace("/", "\\/") + "\" end")).isEqualTo("json \"****\" end");
        assertThat(Redaction.redact(KEY + KEY)).isEqualTo("********");
    }

    @Test
    void aSecretCutAtEitherEndOfTheTextIsMaskedFromEightCharactersOn() {
        assertThat(Redaction.redact("echo: " + KEY.substring(0, 8))).isEqualTo("echo: ****");
        assertThat(Redaction.redact(KEY.substring(KEY.length() - 12) + " was sent")).isEqualTo("**** was sent");
        assertThat(Redaction.redact("echo: " + KEY.substring(0, 7))).as("7 characters are no evidence")
                .isEqualTo("echo: " + KEY.substring(0, 7));
    }

    @Test
    void textWithoutSecretsAndShortValuesAreLeftAlone() {
        Secret.of("short");
        assertThat(Redaction.redact("a short text")).isEqualTo("a short text");
        assertThat(Redaction.redact(null)).isNull();
        assertThat(Redaction.redact("")).isEmpty();
    }

    @Test
    void aCredentialIsTrimmedAndRefusedWithoutItsValueWhenAHeaderCannotCarryIt() {
        assertThat(Secret.credential("the environment variable K", " tok-abcdefgh\n").reveal()).isEqualTo("tok-abcdefgh");
        assertThatThrownBy(() -> Secret.credential("the environment variable K", "tok-ab\u0007cdefgh"))
                .hasMessageStartingWith("the environment variable K holds a character that cannot be sent in an"
                        + " HTTP header (U+0007 ") // the control character's name differs between JDKs
                .hasMessageEndingWith(", character 7 of 13; the value is not shown): copy it again without that"
                        + " character");
        assertThatThrownBy(() -> Secret.credential("the environment variable K", "tok abcdefgh"))
                .hasMessageContaining("U+0020 SPACE, character 4 of 12").hasMessageNotContaining("abcdefgh");
        assertThatThrownBy(() -> Secret.credential("the environment variable K", "tök-abcdefgh"))
                .hasMessageContaining("U+00F6 LATIN SMALL LETTER O WITH DIAERESIS");
        assertThatThrownBy(() -> Secret.credential("the environment variable K", " \n"))
                .hasMessage("the environment variable K is set but empty");
    }
}
