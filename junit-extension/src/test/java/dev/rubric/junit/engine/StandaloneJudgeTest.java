package dev.rubric.junit.engine;

import dev.rubric.judge.JudgeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Plain Jupiter tests configure their judge as the engine does, so that both can share it. */
class StandaloneJudgeTest {

    @TempDir
    Path classpath;

    private <T> T withClasspathProperties(String properties, Supplier<T> action) throws Exception {
        Files.writeString(classpath.resolve(dev.rubric.judge.JudgeConfig.JUNIT_PROPERTIES), properties);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classpath.toUri().toURL()}, null)) {
            thread.setContextClassLoader(loader);
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    void junitPlatformPropertiesConfigureTheJudgeAndSystemPropertiesWin() throws Exception {
        String before = System.getProperty("rubric.judge.retries");
        System.setProperty("rubric.judge.retries", "3");
        try {
            JudgeConfig config = withClasspathProperties("rubric.judge.max-tokens=77\nrubric.judge.retries=2\n",
                    StandaloneJudge::config);
            assertThat(config.decoding().maxTokens()).isEqualTo(77);
            assertThat(config.server().retries()).isEqualTo(3);
        } finally {
            if (before == null) {
                System.clearProperty("rubric.judge.retries");
            } else {
                System.setProperty("rubric.judge.retries", before);
            }
        }
    }

    @Test
    void anUnknownKeyInJunitPlatformPropertiesIsNamed() {
        assertThatThrownBy(() -> withClasspathProperties("rubric.judge.max-token=77\n", StandaloneJudge::config))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rubric.judge.max-token");
    }
}
