package dev.rubric.maven;

import dev.rubric.maven.merge.MergedResults;
import dev.rubric.maven.merge.ResultsMerger;
import dev.rubric.results.ResultsFiles;
import dev.rubric.results.RunResults;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The modules an aggregate goal reads, as JaCoCo's report-aggregate does: the reactor projects the aggregating project
 * depends on (directly or through other reactor projects, any scope), then the project itself. Depending on them is
 * what makes Maven build them first, so their results exist when the aggregate runs.
 */
final class ReactorModules {

    static final String PLUGIN_KEY = "dev.rubric:rubric-maven-plugin";

    private final Map<MavenProject, List<RunResults>> runs = new LinkedHashMap<>();

    private ReactorModules() {
    }

    /** Reads the results files of every module of the aggregate. */
    static ReactorModules read(MavenSession session, MavenProject project,
                               java.util.function.Function<List<Path>, ResultsFiles.Detail> detail) {
        ReactorModules m = new ReactorModules();
        List<MavenProject> modules = modules(session, project);
        List<Path> all = modules.stream().flatMap(p -> ResultsFiles.list(resultsDirectory(p).toPath()).stream()).toList();
        ResultsFiles.Detail kept = detail.apply(all);
        for (MavenProject module : modules) {
            Path dir = resultsDirectory(module).toPath();
            m.runs.put(module, ResultsFiles.readAll(dir, kept));
        }
        return m;
    }

    /** The aggregated modules, in reactor order, the aggregating project last. */
    static List<MavenProject> modules(MavenSession session, MavenProject project) {
        List<MavenProject> reactor = session == null ? List.of() : session.getProjects();
        Set<MavenProject> found = new LinkedHashSet<>();
        collect(project, reactor, found);
        List<MavenProject> ordered = new ArrayList<>(reactor.stream().filter(found::contains).toList());
        ordered.remove(project);
        ordered.add(project);
        return ordered;
    }

    private static void collect(MavenProject project, List<MavenProject> reactor, Set<MavenProject> found) {
        for (Dependency d : project.getDependencies()) {
            for (MavenProject p : reactor) {
                if (p.getGroupId().equals(d.getGroupId()) && p.getArtifactId().equals(d.getArtifactId())
                        && p.getVersion().equals(d.getVersion()) && found.add(p)) {
                    collect(p, reactor, found);
                }
            }
        }
    }

    /** Where a module's engine wrote: its rubric plugin's {@code <resultsDirectory>}, else target/rubric. */
    static File resultsDirectory(MavenProject module) {
        Plugin plugin = module.getBuild().getPluginsAsMap().get(PLUGIN_KEY);
        if (plugin != null && plugin.getConfiguration() instanceof Xpp3Dom config
                && config.getChild("resultsDirectory") != null && config.getChild("resultsDirectory").getValue() != null
                && !config.getChild("resultsDirectory").getValue().contains("${")) {
            File dir = new File(config.getChild("resultsDirectory").getValue().strip());
            return dir.isAbsolute() ? dir : new File(module.getBasedir(), dir.getPath());
        }
        return new File(module.getBuild().getDirectory(), "rubric");
    }

    /** Every module's runs together (to tell results of this build from older ones). */
    List<RunResults> allRuns() {
        return runs.values().stream().flatMap(List::stream).toList();
    }

    /** Each module merged on its own, then all together with each test's module. */
    MergedResults merged() {
        Map<String, MergedResults> byModule = new LinkedHashMap<>();
        runs.forEach((module, r) -> {
            if (!r.isEmpty()) {
                byModule.put(module.getArtifactId(), ResultsMerger.merge(r));
            }
        });
        return ResultsMerger.aggregate(byModule);
    }

    /** The modules read, by artifact id. */
    List<String> names() {
        return runs.keySet().stream().map(MavenProject::getArtifactId).toList();
    }

    /** The classes with {@code @RubricTest} methods in every module's test classes. */
    List<String> rubricTestClasses() throws IOException {
        List<String> all = new ArrayList<>();
        for (MavenProject module : runs.keySet()) {
            String dir = module.getBuild().getTestOutputDirectory();
            if (dir != null) {
                all.addAll(UnrunRubricClasses.rubricTestClasses(Path.of(dir)));
            }
        }
        return all;
    }
}
