package dev.rubric.maven;

import dev.rubric.judge.JudgeConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Every property of the plugin's goals ({@code -Drubric.minPassRate=0.9}) also reaches the test JVM, since Surefire
 * forwards the command line's {@code -D}s there, and the judge configuration must let it pass. The names come from the
 * plugin descriptor that maven-plugin-plugin generated from the mojos, so a new parameter is checked the day it is
 * added, and a name the judge would reject fails here rather than in users' builds.
 */
class PluginPropertiesTest {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{(rubric\\.[^}]+)}");

    static Set<String> pluginProperties() throws IOException {
        try (InputStream in = PluginPropertiesTest.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
            assertThat(in).as("the generated plugin descriptor").isNotNull();
            Matcher m = PROPERTY.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Set<String> names = new TreeSet<>();
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        }
    }

    @Test
    void theDescriptorListsThePluginsProperties() throws IOException {
        assertThat(pluginProperties()).contains("rubric.failIfNoResults", "rubric.minPassRate", "rubric.haltOnFailure",
                "rubric.resultsDirectory", "rubric.skip", "rubric.baseline", "rubric.reportTitle");
    }

    @Test
    void noPluginPropertyIsRejectedByTheJudgeConfiguration() throws IOException {
        Set<String> names = pluginProperties();
        for (String name : names) {
            assertThatCode(() -> JudgeConfig.rejectUnknown(Set.of(name))).as(name).doesNotThrowAnyException();
        }
        // as the engine reads them: every one set at once, as Surefire forwards -D properties
        assertThatCode(() -> JudgeConfig.from(k -> names.contains(k) ? Optional.of("1") : Optional.empty(), names,
                Map.of())).doesNotThrowAnyException();
        // while a misspelt judge key is still caught
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> JudgeConfig.rejectUnknown(Set.of("rubric.judge.modle"))))
                .hasMessageContaining("did you mean rubric.judge.model?");
    }
}
