package dev.rubric.maven;

import org.apache.maven.model.Build;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The judge process of rejudge, calibrate and bench gets the judge settings the project's Surefire gives its tests. */
class SurefireSettingsTest {

    private static MavenProject projectWith(String... namesAndValues) {
        Xpp3Dom config = new Xpp3Dom("configuration");
        Xpp3Dom variables = new Xpp3Dom("systemPropertyVariables");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Xpp3Dom v = new Xpp3Dom(namesAndValues[i]);
            v.setValue(namesAndValues[i + 1]);
            variables.addChild(v);
        }
        config.addChild(variables);
        Plugin surefire = new Plugin();
        surefire.setGroupId("org.apache.maven.plugins");
        surefire.setArtifactId("maven-surefire-plugin");
        surefire.setConfiguration(config);
        MavenProject project = new MavenProject();
        Build build = new Build();
        build.addPlugin(surefire);
        project.setBuild(build);
        return project;
    }

    @Test
    void aPropertySetWhileTheBuildRunsIsResolvedAsSurefireResolvesIt() {
        // build-helper's reserve-network-port sets standin.port after Maven read the POM
        MavenProject project = projectWith("rubric.judge.url", "http://127.0.0.1:${standin.port}/v1",
                "rubric.judge", "openai");
        project.getProperties().setProperty("standin.port", "41234");

        assertThat(SurefireSettings.of(project).systemProperties())
                .containsEntry("rubric.judge.url", "http://127.0.0.1:41234/v1")
                .containsEntry("rubric.judge", "openai");
    }

    @Test
    void aValueNamingAnUnknownPropertyOrALateReplacementIsLeftOut() {
        MavenProject project = projectWith("rubric.judge.url", "http://127.0.0.1:${never.set}/v1",
                "rubric.judge.seed", "@{seed}", "rubric.judge.model", "m");

        assertThat(SurefireSettings.of(project).systemProperties())
                .doesNotContainKeys("rubric.judge.url", "rubric.judge.seed")
                .containsEntry("rubric.judge.model", "m");
    }

    @Test
    void resolutionIsOnePassAndLeavesUnknownNamesAsWritten() {
        Properties p = new Properties();
        p.setProperty("a", "${b}");
        p.setProperty("c", "3");
        assertThat(SurefireSettings.resolved("${a}-${c}-${d}-${", p)).isEqualTo("${b}-3-${d}-${");
        assertThat(SurefireSettings.resolved("plain", p)).isEqualTo("plain");
    }
}
