package dev.rubric.maven;

import org.apache.maven.artifact.versioning.ComparableVersion;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;

import java.util.Optional;

/**
 * Whether the project's Surefire can run the rubric engine at all. JUnit Platform engines need Surefire 2.22.0 or
 * later; Maven 3.8 and older bind 2.12.4 when the POM pins no version, and that Surefire runs no rubric test, silently.
 */
final class SurefireVersion {

    static final String FIRST_WITH_JUNIT_PLATFORM = "2.22.0";

    private SurefireVersion() {
    }

    /** The version of the project's maven-surefire-plugin when it is too old for JUnit Platform engines. */
    static Optional<String> tooOld(MavenProject project) {
        if (project == null) {
            return Optional.empty();
        }
        return project.getBuildPlugins().stream()
                .filter(p -> "org.apache.maven.plugins".equals(p.getGroupId())
                        && "maven-surefire-plugin".equals(p.getArtifactId()))
                .map(Plugin::getVersion)
                .filter(v -> v != null && !v.contains("${"))
                .filter(v -> new ComparableVersion(v).compareTo(new ComparableVersion(FIRST_WITH_JUNIT_PLATFORM)) < 0)
                .findFirst();
    }

    /** The sentence for the no-results message. */
    static String sentence(String version) {
        return "This project runs maven-surefire-plugin " + version + " (Maven 3.8 and older use 2.12.4 when the POM "
                + "pins no version), which runs no JUnit Platform engine, so no rubric test ran: pin "
                + "maven-surefire-plugin 3.5.4 (2.22.0 at least) in <build><plugins> (and maven-failsafe-plugin too, "
                + "if it runs rubric tests).";
    }
}
