package dev.rubric.judge;

import dev.rubric.core.ConfigKeys;
import dev.rubric.core.Judge;
import dev.rubric.core.JudgeException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The judge finds its backends on the classpath. This module's tests have rubric-core alone on it, as a project that
 * judges only through a server (and excludes rubric-local) has.
 */
class JudgeBackendsTest {

    @Test
    void theServerJudgeComesWithRubricCore() {
        Map<String, String> p = Map.of(ConfigKeys.JUDGE, "openai", ConfigKeys.URL, "http://127.0.0.1:9/v1",
                ConfigKeys.CACHE, "off");
        try (Judge judge = Judges.create(JudgeConfig.from(k -> Optional.ofNullable(p.get(k)), Map.of()))) {
            assertThat(judge.fingerprint().backend()).isEqualTo("openai");
        }
    }

    @Test
    void theLocalJudgeWithoutRubricLocalOnTheClasspathNamesTheDependencyToAddAndTheServerAlternative() {
        JudgeConfig local = JudgeConfig.defaults();

        assertThatThrownBy(() -> Judges.create(local))
                .isInstanceOfSatisfying(JudgeException.class,
                        e -> assertThat(e.reason()).isEqualTo(JudgeException.Reason.MISCONFIGURED))
                .hasMessageContaining("rubric.judge=local")
                .hasMessageContaining("dev.rubric:rubric-local")
                .hasMessageContaining("-Drubric.judge=openai -Drubric.judge.url=");
    }
}
