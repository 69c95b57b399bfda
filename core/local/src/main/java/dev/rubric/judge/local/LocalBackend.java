package dev.rubric.judge.local;

import dev.rubric.core.Judge;
import dev.rubric.judge.JudgeBackend;
import dev.rubric.judge.JudgeConfig;

/** {@code rubric.judge=local}: Prometheus in the test JVM, on the model of {@code dev.rubric.lm}. */
public final class LocalBackend implements JudgeBackend {

    @Override
    public JudgeConfig.Backend backend() {
        return JudgeConfig.Backend.LOCAL;
    }

    @Override
    public Judge open(JudgeConfig config) {
        return LocalJudge.open(config);
    }
}
