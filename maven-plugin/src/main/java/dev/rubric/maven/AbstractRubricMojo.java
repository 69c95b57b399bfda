package dev.rubric.maven;

import dev.rubric.core.ConfigKeys;
import dev.rubric.maven.merge.ResultsMerger;
import dev.rubric.maven.baseline.BaselineComparison;
import dev.rubric.maven.merge.GatedTest;
import dev.rubric.maven.merge.MergedResults;
import dev.rubric.maven.baseline.BaselineFiles;

import dev.rubric.results.ResultsFiles;
import dev.rubric.results.RunResults;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** What every rubric goal shares: where the results and the baseline are, skipping, and what no results means. */
abstract class AbstractRubricMojo extends AbstractMojo {

    /** The folder the rubric engine wrote its {@code results-*.json} files into (one per test JVM). */
    @Parameter(property = "rubric.resultsDirectory", defaultValue = "${project.build.directory}/rubric")
    File resultsDirectory;

    /** The baseline to compare against (check, report) or to write (baseline); compared only when it exists. */
    @Parameter(property = "rubric.baseline", defaultValue = "${project.basedir}/src/test/rubric/baseline.json")
    File baseline;

    /** Skips the goal. */
    @Parameter(property = "rubric.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${session}", readonly = true)
    MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    /** The compiled test classes, scanned for classes with {@code @RubricTest} methods that have no results. */
    @Parameter(defaultValue = "${project.build.testOutputDirectory}", readonly = true)
    File testClassesDirectory;

    /**
     * Warns about each test class that has {@code @RubricTest} methods but no results (a class Surefire does not
     * include); false: no scan.
     */
    @Parameter(property = "rubric.warnUnrunClasses", defaultValue = "true")
    boolean warnUnrunClasses;

    /** Fails the goal when there are no results at all; false: logs that and does nothing. */
    @Parameter(property = "rubric.failIfNoResults", defaultValue = "true")
    boolean failIfNoResults;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Rubric: skipped (rubric.skip)");
            return;
        }
        List<RunResults> runs = readRuns();
        Optional<String> onPurpose = judgesThisBuildsTests() ? TestSelection.onPurpose(session, project)
                : Optional.empty();
        if (onPurpose.isPresent() && !runs.isEmpty() && runs.stream().noneMatch(this::fromThisBuild)) {
            getLog().info("Rubric: nothing to " + verb() + ": " + onPurpose.get() + ", and the " + runs.size()
                    + " results file" + (runs.size() == 1 ? "" : "s") + " in " + resultsDirectory
                    + " come from an earlier build");
            return;
        }
        MergedResults merged = merge(runs);
        runs = null; // the merged results hold what the goal needs: a large run's tests are not kept twice
        if (merged.isEmpty()) {
            noResults(merged, onPurpose);
            return;
        }
        warnOncePerProject(unrunRubricClasses(merged));
        if (merged.duplicates().size() > 0) {
            getLog().info("Rubric: " + merged.duplicates().size() + " test" + (merged.duplicates().size() == 1 ? "" : "s")
                    + " ran in more than one results file (reruns, or Surefire and Failsafe both ran a class): "
                    + "the result of the run that finished last counts");
        }
        List<GatedTest> flaky = merged.flaky();
        if (!flaky.isEmpty()) {
            getLog().warn("Rubric: " + flaky.size() + " flaky test" + (flaky.size() == 1 ? "" : "s") + " failed, then"
                    + " passed on a rerun, and count" + (flaky.size() == 1 ? "s" : "") + " as passed (as Surefire counts a"
                    + " flake): " + flaky.stream().limit(10).map(GatedTest::label).collect(Collectors.joining(", "))
                    + (flaky.size() > 10 ? " and " + (flaky.size() - 10) + " more" : ""));
        }
        if (merged.judges().size() > 1) {
            getLog().warn("Rubric: the results come from " + merged.judges().size() + " different judges ("
                    + String.join("; ", merged.judges().stream().map(BaselineFiles::judgeName).toList())
                    + "): their scores are not comparable; delete " + resultsDirectory + " and run the tests again");
        }
        run(merged);
    }

    /**
     * Whether the goal is about the tests this build ran, so that skipped or chosen tests leave it nothing to do;
     * false for a goal whose input is older by design (rubric:rejudge's stored answers).
     */
    boolean judgesThisBuildsTests() {
        return true;
    }

    /** The goal's work, given the merged results of at least one test. */
    abstract void run(MergedResults merged) throws MojoExecutionException, MojoFailureException;

    /** "check", "report", "baseline": what the goal would have done, for "nothing to ..." lines. */
    abstract String verb();

    /**
     * No results at all. Nothing to do when the tests were skipped or chosen on purpose, or when the module has no
     * test class with {@code @RubricTest} methods (a parent POM, a module without rubric tests); a failure (or with
     * failIfNoResults=false a warning) when such classes exist but did not run, naming them and why.
     */
    void noResults(MergedResults merged, Optional<String> onPurpose) throws MojoExecutionException, MojoFailureException {
        if (onPurpose.isPresent()) {
            getLog().info("Rubric: nothing to " + verb() + ": " + onPurpose.get());
            return;
        }
        List<String> rubricClasses = rubricTestClasses();
        if (rubricClasses.isEmpty()) {
            getLog().info("Rubric: nothing to " + verb() + ": " + (project != null && "pom".equals(project.getPackaging())
                    ? "a module with pom packaging has no tests of its own" : "no test class of this module has "
                    + "@RubricTest methods") + " (and there are no results in " + resultsDirectory + ")");
            return;
        }
        String message = noResultsMessage(merged.files(), rubricClasses);
        if (failIfNoResults) {
            throw new MojoFailureException(message);
        }
        String first = message.lines().findFirst().orElse(message);
        int checklist = first.lastIndexOf(" Check that:") >= 0 ? first.lastIndexOf(" Check that:")
                : first.lastIndexOf(" Otherwise, check that:");
        getLog().warn((checklist >= 0 ? first.substring(0, checklist) : first)
                + " (failIfNoResults=false: not failing)");
    }

    /**
     * Whether this goal reads every module of the reactor (the aggregate goals, declared in a module that depends on
     * the others) rather than this module alone.
     */
    boolean aggregate() {
        return false;
    }

    /** The modules of the reactor, read by the first hook of an aggregate goal that needs them. */
    private ReactorModules modules;

    private ReactorModules modules() throws MojoExecutionException {
        if (modules == null) {
            try {
                modules = ReactorModules.read(session, project, this::detail);
            } catch (RuntimeException e) {
                throw new MojoExecutionException(e.getMessage(), e);
            }
            getLog().info("Rubric: aggregating the results of " + String.join(", ", modules.names()));
        }
        return modules;
    }

    /** The results files of this goal's scope (this module, or every module); empty when there are none. */
    List<RunResults> readRuns() throws MojoExecutionException {
        if (aggregate()) {
            return modules().allRuns();
        }
        Path dir = resultsDirectory.toPath();
        try {
            List<RunResults> runs = ResultsFiles.readAll(dir, detail(ResultsFiles.list(dir)));
            getLog().debug("Rubric: read " + runs.size() + " results files from " + dir);
            return runs;
        } catch (RuntimeException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    /**
     * What this goal keeps of each test: the gate needs no verdict texts ({@link ResultsFiles.Detail#GATE}, what keeps
     * a million tests in a small heap); goals that show or keep the texts ask for them.
     */
    ResultsFiles.Detail detail(List<Path> files) {
        return ResultsFiles.Detail.GATE;
    }

    /** Merges the runs; warns when some come from an earlier build than others. */
    MergedResults merge(List<RunResults> runs) throws MojoExecutionException {
        if (aggregate()) {
            return modules().merged();
        }
        if (buildStart().isPresent()) {
            List<String> stale = StaleResults.of(runs, buildStart().get());
            if (!stale.isEmpty()) {
                getLog().warn("Rubric: " + stale.size() + " results file" + (stale.size() == 1 ? "" : "s")
                        + " in " + resultsDirectory + " come from an earlier build (runs " + String.join(", ", stale)
                        + ") and are merged with this build's: run mvn clean verify so that deleted or renamed "
                        + "tests do not linger");
            }
        }
        return ResultsMerger.merge(runs);
    }

    private Optional<Instant> buildStart() {
        return session != null && session.getRequest() != null && session.getRequest().getStartTime() != null
                ? Optional.of(session.getRequest().getStartTime().toInstant()) : Optional.empty();
    }

    private boolean fromThisBuild(RunResults run) {
        Instant finished = run.finishedAt() != null ? run.finishedAt() : run.startedAt();
        return buildStart().isEmpty() || finished == null || !finished.isBefore(buildStart().get());
    }

    /** The baseline when its file exists, else {@code null}. */
    BaselineComparison readBaseline() throws MojoExecutionException {
        if (baseline == null || !baseline.isFile()) {
            getLog().debug("Rubric: no baseline at " + baseline);
            return null;
        }
        try {
            return new BaselineComparison(BaselineFiles.read(baseline.toPath()));
        } catch (RuntimeException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    /** Warns when the baseline was made with another judge: its scores are then not comparable. */
    void warnIfOtherJudge(MergedResults merged, BaselineComparison comparison) {
        if (comparison == null || comparison.baseline().judges().isEmpty() || merged.judges().isEmpty()) {
            return;
        }
        List<String> now = merged.judges().stream().map(BaselineFiles::judgeName).sorted().distinct().toList();
        if (!now.equals(comparison.baseline().judges())) {
            getLog().warn("Rubric: the baseline " + baseline + " was made with the judge "
                    + String.join("; ", comparison.baseline().judges()) + " but these results come from "
                    + String.join("; ", now) + ": score changes may be the judge's, not the application's; "
                    + "write a new baseline with mvn rubric:baseline once the new judge is trusted");
        }
    }

    /** The concrete top-level test classes of this module (of every module) with {@code @RubricTest} methods; none when unreadable. */
    List<String> rubricTestClasses() throws MojoExecutionException {
        if (aggregate()) {
            try {
                return modules().rubricTestClasses();
            } catch (IOException e) {
                getLog().warn("Rubric: cannot look for @RubricTest classes in the modules: " + e);
                return List.of();
            }
        }
        if (testClassesDirectory == null) {
            return List.of();
        }
        try {
            return UnrunRubricClasses.rubricTestClasses(testClassesDirectory.toPath());
        } catch (IOException e) {
            getLog().warn("Rubric: cannot look for @RubricTest classes in " + testClassesDirectory + ": " + e);
            return List.of();
        }
    }

    /**
     * The classes under the test-classes folder that have {@code @RubricTest} methods but no results; none when the
     * scan is off, or when -Dtest, -Dit.test, -Dgroups or -DexcludedGroups chose some tests (the others then did not
     * run on purpose).
     */
    List<String> unrunRubricClasses(MergedResults merged) throws MojoExecutionException {
        if (aggregate() || !warnUnrunClasses || testClassesDirectory == null) { // each module warns about its own
            return List.of();
        }
        if (TestSelection.chosen(session).isPresent()) {
            getLog().debug("Rubric: one of -D" + String.join(", -D", TestSelection.CHOOSING_TESTS) + " is set: not "
                    + "looking for @RubricTest classes that did not run");
            return List.of();
        }
        return UnrunRubricClasses.withoutResults(rubricTestClasses(),
                merged.tests().stream().map(GatedTest::className).filter(Objects::nonNull).toList());
    }

    /** One warning per class that did not run, from the first rubric goal of the project (report and check share). */
    private void warnOncePerProject(List<String> unrun) {
        String key = "dev.rubric.unrunClassesWarned";
        if (unrun.isEmpty() || (project != null && project.getContextValue(key) != null)) {
            return;
        }
        if (project != null) {
            project.setContextValue(key, Boolean.TRUE);
        }
        unrun.forEach(c -> getLog().warn(UnrunRubricClasses.warning(c)));
    }

    /** Rubric test classes exist but no results: what went wrong, naming the classes. */
    String noResultsMessage(int files, List<String> unrun) {
        String found = files == 0 ? "no " + ResultsFiles.PREFIX + "*" + ResultsFiles.SUFFIX + " files"
                : files + " results files without a single test";
        String surefire = SurefireVersion.tooOld(project).map(v -> " " + SurefireVersion.sentence(v)).orElse("");
        return "No rubric results in " + resultsDirectory + " (" + found + ")." + surefire
                + (unrun.isEmpty() ? "" : " " + UnrunRubricClasses.sentence(unrun))
                + (unrun.isEmpty() && surefire.isEmpty() ? " Check that:" : " Otherwise, check that:")
                + "\n"
                + "  - the rubric engine ran: rubric-junit is a test dependency and the tests use @RubricTest;\n"
                + "  - Surefire (or Failsafe) includes the test classes: by default only classes named *Test, Test*, "
                + "*Tests or *TestCase run (Failsafe: *IT, IT*, *ITCase);\n"
                + "  - Surefire (or Failsafe) ran at all: its <skip>/<skipTests> are not set by a profile;\n"
                + "  - <resultsDirectory> is where the engine writes (its " + ConfigKeys.REPORT_DIR
                + " setting; default target/rubric).\n"
                + "To let a build without rubric results pass, set <failIfNoResults>false</failIfNoResults> "
                + "(-Drubric.failIfNoResults=false).";
    }
}
