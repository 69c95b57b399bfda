package dev.rubric.junit.engine;

import dev.rubric.results.ResultsFiles;
import dev.rubric.results.RunResults;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

import java.nio.file.Path;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine's root: when the run ends it writes the results file, prints the summary and releases the judge (closed
 * unless the plain Jupiter tests of this JVM, configured alike, take it over).
 */
final class RubricEngineDescriptor extends EngineDescriptor implements Node<RubricExecutionContext> {

    private static final Logger LOG = Logger.getLogger(RubricEngineDescriptor.class.getName());

    RubricEngineDescriptor(UniqueId id) {
        super(id, "Rubric");
    }

    @Override
    public void after(RubricExecutionContext context) {
        RunState run = context.run();
        run.progress().close();
        try {
            RunResults results = run.results().toRunResults(run.judge().record().orElse(null), run.startedAt(),
                    Instant.now());
            if (!results.tests().isEmpty()) {
                Path file = ResultsFiles.write(run.settings().reportDir(), results);
                if (run.settings().summary()) {
                    // standard output: a report, not a problem. Maven 4 logs a test JVM's standard error as
                    // "[WARNING] [stderr]" lines, its standard output as "[INFO] [stdout]"
                    System.out.print(SummaryTable.render(results.tests()));
                    System.out.println("rubric results: " + file.toAbsolutePath());
                    System.out.flush();
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "the rubric results file could not be written: " + e.getMessage(), e);
            throw e;
        } finally {
            // a judge the plain Jupiter tests of this JVM would build alike is left to them; any other one is closed
            run.judge().config().ifPresent(StandaloneJudge::takeOverIfConfiguredAlike);
            run.judge().close();
        }
    }
}
