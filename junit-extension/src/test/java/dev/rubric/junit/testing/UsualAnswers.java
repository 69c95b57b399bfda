package dev.rubric.junit.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For plain Jupiter tests of rubric checks: the {@link ScriptedJudge} is their judge, and before each test it is reset
 * to the usual answers ({@link ScriptedJudge#resetToUsualAnswers()}).
 */
public final class UsualAnswers implements BeforeAllCallback, BeforeEachCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        ScriptedJudge.useInPlainTests();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ScriptedJudge.resetToUsualAnswers();
    }
}
