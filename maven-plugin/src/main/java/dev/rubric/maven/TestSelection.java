package dev.rubric.maven;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What the build asked of the tests: skipped ({@code -DskipTests}, {@code -Dmaven.test.skip}, {@code skipTests} in the
 * POM) or a chosen few ({@code -Dtest}, {@code -Dit.test}, {@code -Dgroups}, {@code -DexcludedGroups}). A build like
 * that may have no rubric results on purpose, and the goals then have nothing to do rather than a failure to report.
 */
final class TestSelection {

    /** Command-line properties with which Surefire or Failsafe run only some tests, on purpose. */
    static final List<String> CHOOSING_TESTS = List.of("test", "it.test", "groups", "excludedGroups");

    private static final List<String> SKIPPING_TESTS = List.of("maven.test.skip", "skipTests");
    private static final String SUREFIRE = "org.apache.maven.plugins:maven-surefire-plugin";

    private TestSelection() {
    }

    /** How the tests were skipped ("-DskipTests", "skipTests in the POM", ...), or empty when they were not. */
    static Optional<String> skipped(MavenSession session, MavenProject project) {
        for (String key : SKIPPING_TESTS) {
            if (session != null && isTrue(session.getUserProperties(), key)) {
                return Optional.of("-D" + key);
            }
            if (session != null && isTrue(session.getSystemProperties(), key)) {
                return Optional.of("-D" + key);
            }
            if (project != null && isTrue(project.getProperties(), key)) {
                return Optional.of(key + " in the POM's <properties>");
            }
        }
        Plugin surefire = project == null ? null : project.getBuild().getPluginsAsMap().get(SUREFIRE);
        if (surefire != null && surefire.getConfiguration() instanceof Xpp3Dom config) {
            for (String name : List.of("skip", "skipTests", "skipExec")) {
                Xpp3Dom child = config.getChild(name);
                if (child != null && "true".equalsIgnoreCase(String.valueOf(child.getValue()).strip())) {
                    return Optional.of("<" + name + "> in maven-surefire-plugin's configuration");
                }
            }
        }
        return Optional.empty();
    }

    /** The command-line selection ("-Dtest=SupportBotTest"), or empty when every test was to run. */
    static Optional<String> chosen(MavenSession session) {
        if (session == null) {
            return Optional.empty();
        }
        return CHOOSING_TESTS.stream().filter(k -> session.getUserProperties().getProperty(k) != null)
                .map(k -> "-D" + k + "=" + session.getUserProperties().getProperty(k)).findFirst();
    }

    /** Why rubric tests may not have run in this build on purpose: skipped or chosen; empty when they should have. */
    static Optional<String> onPurpose(MavenSession session, MavenProject project) {
        Optional<String> skipped = skipped(session, project);
        if (skipped.isPresent()) {
            return Optional.of("the tests were skipped (" + skipped.get() + ")");
        }
        return chosen(session).map(c -> "the test selection " + c + " ran no rubric test");
    }

    private static boolean isTrue(Properties properties, String key) {
        String v = properties == null ? null : properties.getProperty(key);
        // -DskipTests without a value is "true" on the command line; an empty value means the same
        return v != null && (v.isBlank() || v.strip().equalsIgnoreCase("true"));
    }
}
