package dev.rubric.maven;

import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SurefireVersionTest {

    private static MavenProject withSurefire(String version) {
        Plugin surefire = new Plugin();
        surefire.setGroupId("org.apache.maven.plugins");
        surefire.setArtifactId("maven-surefire-plugin");
        surefire.setVersion(version);
        Build build = new Build();
        build.addPlugin(surefire);
        Model model = new Model();
        model.setBuild(build);
        return new MavenProject(model);
    }

    @Test
    void maven38sDefaultSurefireIsTooOldForTheRubricEngine() {
        assertThat(SurefireVersion.tooOld(withSurefire("2.12.4"))).contains("2.12.4");
        assertThat(SurefireVersion.tooOld(withSurefire("2.21.0"))).contains("2.21.0");
        assertThat(SurefireVersion.sentence("2.12.4")).contains("maven-surefire-plugin 2.12.4",
                "runs no JUnit Platform engine", "pin maven-surefire-plugin 3.5.4");
    }

    @Test
    void aSurefireThatRunsJUnitPlatformEnginesIsFine() {
        assertThat(SurefireVersion.tooOld(withSurefire("2.22.0"))).isEmpty();
        assertThat(SurefireVersion.tooOld(withSurefire("3.0.0-M7"))).isEmpty();
        assertThat(SurefireVersion.tooOld(withSurefire("3.5.4"))).isEmpty();
        assertThat(SurefireVersion.tooOld(new MavenProject(new Model()))).isEmpty();
        assertThat(SurefireVersion.tooOld(null)).isEmpty();
    }
}
