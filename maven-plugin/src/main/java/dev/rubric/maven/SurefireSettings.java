package dev.rubric.maven;

import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What the project's Surefire hands its test JVM, so that a judge process started by the plugin gets the judge
 * configuration the tests get: {@code <systemPropertyVariables>}, {@code <configurationParameters>} (JUnit's, given as
 * system properties, the closest a plain JVM has), {@code <environmentVariables>}, {@code <workingDirectory>} and
 * {@code <jvm>}. The plugin-level configuration first, then each execution's, later ones winning (a project that
 * runs its rubric tests in an execution of their own configures them there). A value that names a property set while
 * the build runs ({@code ${standin.port}}, which build-helper's reserve-network-port sets after Maven read the POM) is
 * resolved from the project's properties as they are when the goal runs, as Surefire resolves it; a value that
 * still names an unknown property, or one of Surefire's own late replacements ({@code @{...}}), is left out.
 *
 * @param systemProperties  -D properties
 * @param environment       environment variables
 * @param workingDirectory  Surefire's {@code <workingDirectory>}, or {@code null} (the project's folder)
 * @param jvm               Surefire's {@code <jvm>}, or {@code null}
 */
record SurefireSettings(Map<String, String> systemProperties, Map<String, String> environment, String workingDirectory,
                        String jvm) {

    static final String SUREFIRE = "org.apache.maven.plugins:maven-surefire-plugin";

    static SurefireSettings of(MavenProject project) {
        Map<String, String> properties = new LinkedHashMap<>();
        Map<String, String> environment = new LinkedHashMap<>();
        String[] single = new String[2];
        Plugin surefire = project == null ? null : project.getBuild().getPluginsAsMap().get(SUREFIRE);
        if (surefire != null) {
            List<Object> configs = new ArrayList<>();
            configs.add(surefire.getConfiguration());
            for (PluginExecution e : surefire.getExecutions()) {
                configs.add(e.getConfiguration());
            }
            Properties runtime = project.getProperties();
            for (Object c : configs) {
                if (c instanceof Xpp3Dom config) {
                    children(config, "systemPropertyVariables", properties, runtime);
                    configurationParameters(config, properties);
                    children(config, "environmentVariables", environment, runtime);
                    single[0] = value(config, "workingDirectory", single[0]);
                    single[1] = value(config, "jvm", single[1]);
                }
            }
        }
        return new SurefireSettings(properties, environment, single[0], single[1]);
    }

    private static void children(Xpp3Dom config, String name, Map<String, String> into, Properties runtime) {
        Xpp3Dom parent = config.getChild(name);
        if (parent == null) {
            return;
        }
        for (Xpp3Dom child : parent.getChildren()) {
            String v = resolved(child.getValue(), runtime);
            if (v != null && !v.contains("${") && !v.contains("@{")) {
                into.put(child.getName(), v.strip());
            }
        }
    }

    /** {@code value} with each {@code ${name}} that {@code runtime} knows replaced (once: no recursion). */
    static String resolved(String value, Properties runtime) {
        if (value == null || runtime == null || !value.contains("${")) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int from = 0;
        while (true) {
            int start = value.indexOf("${", from);
            int end = start < 0 ? -1 : value.indexOf('}', start + 2);
            if (end < 0) {
                return out.append(value, from, value.length()).toString();
            }
            String known = runtime.getProperty(value.substring(start + 2, end));
            out.append(value, from, start).append(known != null ? known : value.substring(start, end + 1));
            from = end + 1;
        }
    }

    private static void configurationParameters(Xpp3Dom config, Map<String, String> into) {
        Xpp3Dom c = config.getChild("configurationParameters");
        if (c == null || c.getValue() == null) {
            return;
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(c.getValue()));
        } catch (IOException e) {
            return; // a String reader does not fail
        }
        p.stringPropertyNames().forEach(k -> into.put(k, p.getProperty(k).strip()));
    }

    private static String value(Xpp3Dom config, String name, String otherwise) {
        Xpp3Dom c = config.getChild(name);
        return c == null || c.getValue() == null || c.getValue().isBlank() || c.getValue().contains("${")
                ? otherwise : c.getValue().strip();
    }
}
