package dev.rubric.judge.batch;

import dev.rubric.results.batch.BatchFiles;
import dev.rubric.results.batch.GradedBatch;
import dev.rubric.results.batch.GradingBatch;
import dev.rubric.results.batch.GradingRequest;
import dev.rubric.core.Judge;
import dev.rubric.core.JudgeException;
import dev.rubric.judge.JudgeConfig;
import dev.rubric.judge.Judges;

import java.nio.file.Path;
import java.util.Map;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Grades a batch of gradings with the judge configured for this classpath, in a process of its own: the entry point a
 * build tool starts on a project's test classpath, so that the judge (the local model with DJL and the project's own
 * libtorch, a server, or the project's own Judge class) runs as it would in the tests, while the build tool itself
 * loads none of it.
 *
 * <pre>
 * java -cp TEST_CLASSPATH [-Drubric.judge...=...] dev.rubric.judge.batch.JudgeBatchMain GRADINGS.json OUTCOMES.json
 * </pre>
 *
 * <p>The judge's configuration is what a test on this classpath gets: system properties, then
 * {@code junit-platform.properties} on the classpath, then the environment ({@link JudgeConfig#fromSystemAndClasspath}),
 * with the verdict cache in front as configured. Every grading gets an outcome: its verdict, or why the judge gave
 * none (a judge that cannot be built fails them all with its reason). Progress lines go to standard output; the exit
 * status is 0 when the outcomes were written, 2 when the arguments or the gradings file are wrong (said on standard
 * error).
 */
@API(status = INTERNAL, since = "0.1")
public final class JudgeBatchMain {

    /** Lines that start with this on standard output are the runner's own (progress), for the build tool to show. */
    public static final String PREFIX = "rubric-judge-batch: ";

    private JudgeBatchMain() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println(PREFIX + "usage: JudgeBatchMain GRADINGS.json OUTCOMES.json");
            System.exit(2);
        }
        try {
            run(Path.of(args[0]), Path.of(args[1]));
        } catch (RuntimeException e) {
            System.err.println(PREFIX + e.getMessage());
            System.exit(2);
        }
        // a judge may leave non-daemon threads (an HTTP client, a model thread) behind after close
        System.exit(0);
    }

    /** Reads the gradings, grades them, writes the outcomes. */
    static void run(Path gradings, Path outcomes) {
        GradingBatch batch = BatchFiles.readGradings(gradings);
        for (GradingRequest r : batch.gradings()) {
            r.toGrading(); // a damaged request is refused before any judge is built
        }
        JudgeConfig config;
        Judge judge;
        try {
            config = JudgeConfig.fromSystemAndClasspath(Thread.currentThread().getContextClassLoader());
            judge = Judges.create(config);
        } catch (JudgeException e) {
            BatchFiles.write(outcomes, BatchGrader.unjudged(batch, e));
            System.out.println(PREFIX + "the judge could not be built: " + e.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            BatchFiles.write(outcomes, BatchGrader.unjudged(batch,
                    new JudgeException(JudgeException.Reason.MISCONFIGURED, e.getMessage(), e)));
            System.out.println(PREFIX + "the judge configuration is wrong: " + e.getMessage());
            return;
        }
        Map<String, String> settings = config.describe();
        System.out.println(PREFIX + "grading " + batch.gradings().size() + " with " + judge.fingerprint());
        try (judge) {
            GradedBatch graded = BatchGrader.grade(judge, settings, batch, line -> System.out.println(PREFIX + line));
            BatchFiles.write(outcomes, graded);
        }
    }
}
