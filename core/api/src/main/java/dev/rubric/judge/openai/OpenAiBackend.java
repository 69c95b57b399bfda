package dev.rubric.judge.openai;

import dev.rubric.core.Judge;
import dev.rubric.judge.JudgeBackend;
import dev.rubric.judge.JudgeConfig;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/** {@code rubric.judge=openai}: the judge behind an OpenAI-compatible server. */
@API(status = INTERNAL, since = "0.1")
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
