package dev.rubric.judge.local;

import dev.rubric.core.Judge;
import dev.rubric.judge.JudgeBackend;
import dev.rubric.judge.JudgeConfig;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/** {@code rubric.judge=local}: Prometheus in the test JVM, on the model of {@code dev.rubric.lm}. */
@API(status = INTERNAL, since = "0.1")
public final class LocalBackend implements JudgeBackend {

    @Override
    public JudgeConfig.Backend backend() {
        return JudgeConfig.Backend.LOCAL;
    }

    @Override
    public Judge open(JudgeConfig config) {
        return LazyLocalJudge.of(config, ModelIdentity.of(config));
    }
}
