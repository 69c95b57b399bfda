package dev.rubric.judge.process;

import dev.rubric.core.Judge;
import dev.rubric.judge.JudgeBackend;
import dev.rubric.judge.JudgeConfig;
import dev.rubric.judge.LocalModelSettings;
import dev.rubric.judge.local.LazyLocalJudge;
import dev.rubric.judge.local.ModelIdentity;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * {@code rubric.judge=local}: Prometheus on the model of {@code dev.rubric.lm}, in this machine's warm judge process
 * ({@code rubric.judge.share=machine}, the default outside CI) or in the test JVM ({@code jvm}). Either way the judge
 * knows its fingerprint from the weights' identity and touches the model only on its first grading the verdict cache
 * cannot answer.
 */
@API(status = INTERNAL, since = "0.1")
public final class LocalBackend implements JudgeBackend {

    @Override
    public JudgeConfig.Backend backend() {
        return JudgeConfig.Backend.LOCAL;
    }

    @Override
    public Judge open(JudgeConfig config) {
        ModelIdentity identity = ModelIdentity.of(config);
        return config.local().share() == LocalModelSettings.Sharing.MACHINE
                ? new ProcessJudge(config, identity, System.err)
                : LazyLocalJudge.of(config, identity);
    }
}
