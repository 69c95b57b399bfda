package dev.rubric.maven;

import dev.rubric.maven.fork.JudgeProcess;
import dev.rubric.maven.fork.JudgeProcessException;
import dev.rubric.results.batch.GradedBatch;
import dev.rubric.results.batch.GradingBatch;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The judge process of the goals that grade outside the tests (rubric:rejudge, rubric:calibrate, rubric:bench),
 * configured as the project's tests are: its test classpath, Surefire's system properties, environment, JVM and
 * working folder, then the goal's own defaults, then the build's -D properties (which win). The one place those goals
 * build it.
 */
final class JudgeProcesses {

    private JudgeProcesses() {
    }

    /**
     * @param jvm     the java executable, or {@code null} for Surefire's {@code <jvm>}, else the one running Maven
     * @param argLine extra JVM arguments, or {@code null}
     * @param timeout seconds the process may take, 0 for no limit
     */
    static JudgeProcess forProject(MavenProject project, MavenSession session, File jvm, String argLine, int timeout)
            throws MojoExecutionException {
        return forProject(project, session, Map.of(), jvm, argLine, timeout);
    }

    /**
     * @param defaults judge settings the goal wants unless the command line says otherwise (bench: the paper's
     *                 sampling); they override the project's Surefire configuration
     */
    static JudgeProcess forProject(MavenProject project, MavenSession session, Map<String, String> defaults, File jvm,
                                   String argLine, int timeout) throws MojoExecutionException {
        SurefireSettings surefire = SurefireSettings.of(project);
        Map<String, String> properties = new LinkedHashMap<>(surefire.systemProperties());
        properties.putAll(defaults);
        if (session != null) {
            session.getUserProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
        }
        Map<String, String> environment = new LinkedHashMap<>(surefire.environment());
        if (System.getenv("OPT_OUT_TRACKING") == null) {
            environment.putIfAbsent("OPT_OUT_TRACKING", "true"); // as Rubric sets it in test JVMs: DJL stays quiet
        }
        List<String> classpath;
        try {
            classpath = project == null ? List.of() : project.getTestClasspathElements();
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("Rubric: the test classpath is not resolved: " + e.getMessage(), e);
        }
        Path java = jvm != null ? jvm.toPath() : surefire.jvm() != null ? Path.of(surefire.jvm())
                : Path.of(System.getProperty("java.home"), "bin", "java");
        Path base = project == null ? Path.of(".") : project.getBasedir().toPath();
        Path workingDirectory = surefire.workingDirectory() == null ? base : base.resolve(surefire.workingDirectory());
        return new JudgeProcess(java, classpath, properties, environment, JudgeProcess.arguments(argLine),
                workingDirectory, Duration.ofSeconds(Math.max(0, timeout)));
    }

    /**
     * Grades {@code batch} in {@code process} (its files under {@code directory}), the process's output in Maven's
     * log as {@code [judge]} lines.
     *
     * @param nothingWas what the goal did not do when the judge could not be built ("re-judged", "calibrated")
     * @throws MojoExecutionException when the process could not run
     * @throws MojoFailureException   when it ran but could not build the judge (misconfigured, model missing)
     */
    static GradedBatch grade(JudgeProcess process, GradingBatch batch, Path directory, Log log, String nothingWas)
            throws MojoExecutionException, MojoFailureException {
        GradedBatch graded;
        try {
            graded = process.grade(batch, directory, line -> {
                if (line.error()) {
                    log.warn("[judge] " + line.text());
                } else {
                    log.info("[judge] " + line.text());
                }
            });
        } catch (JudgeProcessException | IllegalStateException e) {
            throw new MojoExecutionException("Rubric: " + e.getMessage(), e);
        }
        if (graded.judge() == null) {
            String why = graded.outcomes().isEmpty() || graded.outcomes().get(0).failure() == null ? "no reason given"
                    : graded.outcomes().get(0).failure().message();
            throw new MojoFailureException("Rubric: the judge could not be built, so nothing was " + nothingWas + ": "
                    + why);
        }
        return graded;
    }
}
