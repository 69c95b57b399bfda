package dev.rubric.junit.engine;

import dev.rubric.junit.testing.ScriptedJudge;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.ConfigurationParameters;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineSettingsTest {

    private record Params(Map<String, String> map) implements ConfigurationParameters {
        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(map.get(key));
        }

        @Override
        public Optional<Boolean> getBoolean(String key) {
            return get(key).map(Boolean::parseBoolean);
        }

        @Override
        public Set<String> keySet() {
            return map.keySet();
        }
    }

    private static EngineSettings settings(Map<String, String> parameters) {
        return EngineSettings.from(new Params(parameters), Map.of());
    }

    @Test
    void parallelismDefaultsToTheJudgesConcurrencyOrBatchSize() {
        String custom = ScriptedJudge.class.getName();
        assertThat(settings(Map.of("rubric.judge", custom)).parallelism()).isEqualTo(8);
        assertThat(settings(Map.of("rubric.judge", custom, "rubric.judge.concurrency", "5")).parallelism()).isEqualTo(5);
        assertThat(settings(Map.of("rubric.judge", "local", "rubric.judge.batch-size", "12")).parallelism()).isEqualTo(12);
        assertThat(settings(Map.of("rubric.judge", "local")).parallelism()).isEqualTo(8);
        assertThat(settings(Map.of("rubric.judge", "openai", "rubric.judge.url", "http://127.0.0.1:1/v1",
                "rubric.judge.concurrency", "16")).parallelism()).isEqualTo(16);
    }

    @Test
    void anInvalidJudgeConfigurationRunsOneAtATime() {
        assertThat(settings(Map.of("rubric.judge", "openai")).parallelism()).isEqualTo(1); // no URL
    }

    @Test
    void theParallelismKeyWinsAndIsChecked() {
        assertThat(settings(Map.of("rubric.judge", "local", "rubric.execution.parallelism", "3")).parallelism())
                .isEqualTo(3);
        assertThatThrownBy(() -> settings(Map.of("rubric.execution.parallelism", "0")))
                .hasMessageContaining("rubric.execution.parallelism = \"0\" is not valid")
                .hasMessageContaining("1 runs the tests one at a time");
    }

    @Test
    void reportFolderAndConsoleOutputDefaults() {
        EngineSettings s = settings(Map.of());
        assertThat(s.reportDir()).isEqualTo(Path.of("target/rubric"));
        assertThat(s.progress()).isTrue();
        assertThat(s.summary()).isTrue();
        EngineSettings t = settings(Map.of("rubric.report.dir", "build/q", "rubric.report.progress", "false"));
        assertThat(t.reportDir()).isEqualTo(Path.of("build/q"));
        assertThat(t.progress()).isFalse();
    }

    @Test
    void sampledTestsStopEarlyUnlessTurnedOffAndABadValueSaysWhatIsAllowed() {
        assertThat(settings(Map.of()).earlyStop()).isTrue();
        assertThat(settings(Map.of("rubric.execution.early-stop", "false")).earlyStop()).isFalse();
        assertThat(settings(Map.of("rubric.execution.early-stop", " TRUE ")).earlyStop()).isTrue();
        assertThatThrownBy(() -> settings(Map.of("rubric.execution.early-stop", "no")))
                .hasMessageContaining("rubric.execution.early-stop = \"no\" is not valid")
                .hasMessageContaining("false (every sample runs)");
    }
}
