package dev.rubric.judge.openai;

import dev.rubric.core.Judge;
import dev.rubric.judge.JudgeBackend;
import dev.rubric.judge.JudgeConfig;

/** {@code rubric.judge=openai}: the judge behind an OpenAI-compatible server. */
public final class OpenAiBackend implements JudgeBackend {

    @Override
    public JudgeConfig.Backend backend() {
        return JudgeConfig.Backend.OPENAI;
    }

    @Override
    public Judge open(JudgeConfig config) {
        return new OpenAiJudge(config);
    }
}
