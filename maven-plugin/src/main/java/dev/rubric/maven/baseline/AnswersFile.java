package dev.rubric.maven.baseline;

import dev.rubric.maven.merge.GatedTest;
import dev.rubric.maven.merge.MergedResults;
import dev.rubric.maven.merge.ResultsMerger;
import dev.rubric.results.ResultsTree;
import dev.rubric.results.RunResults;
import dev.rubric.results.TestResult;
import dev.rubric.results.VerdictRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * The answers behind a baseline, kept beside it ({@code baseline-answers.json} next to {@code baseline.json}) when
 * {@code rubric:baseline} is asked to: one results file holding, for every test of the baseline, the run of it that
 * counted (its samples and cases too), so that {@code rubric:rejudge} can grade last week's answers again after the
 * judge changed. Timings, latencies, run times and cache flags are left out, so that it changes only when the answers
 * or verdicts do.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class AnswersFile {

    public static final String RUN_ID = "baseline-answers";

    private AnswersFile() {
    }

    /** {@code baseline.json} -> {@code baseline-answers.json}, in the same folder. */
    public static Path beside(Path baseline) {
        String name = baseline.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return baseline.resolveSibling(stem + "-answers.json");
    }

    /** The counted run of every merged test, its descendants included, as one results file. */
    public static RunResults of(List<RunResults> runs, MergedResults merged) {
        Map<String, RunResults> byRun = runs.stream()
                .collect(Collectors.toMap(RunResults::runId, Function.identity(), (a, b) -> b));
        Map<String, ResultsTree> trees = new java.util.HashMap<>();
        List<TestResult> kept = new ArrayList<>();
        for (GatedTest t : merged.tests()) {
            RunResults run = byRun.get(t.runId());
            if (run == null) {
                continue;
            }
            ResultsTree tree = trees.computeIfAbsent(run.runId(), k -> ResultsTree.of(run));
            TestResult node = tree.node(t.id());
            if (node != null) {
                kept.add(stable(node));
                tree.descendants(node).stream().map(AnswersFile::stable).forEach(kept::add);
            }
        }
        kept.sort(Comparator.comparing(TestResult::uniqueId, ResultsMerger.NATURAL));
        return new RunResults(RunResults.SCHEMA_VERSION, RUN_ID,
                merged.judges().size() == 1 ? merged.judges().get(0) : null, null, null, 0, 0, kept);
    }

    private static TestResult stable(TestResult t) {
        List<VerdictRecord> verdicts = t.verdicts().stream().map(v -> new VerdictRecord(v.mode(), v.rubric(),
                v.criteria(), v.instruction(), v.response(), v.responseB(), v.reference(), v.score(), v.winner(),
                v.expectedScore(), v.probabilities(), v.sampleScores(), v.feedback(), v.forced(), false, 0,
                v.fingerprintId(), v.scoreDescriptions(), v.probabilityMass())).toList();
        return new TestResult(t.uniqueId(), t.parentId(), t.className(), t.methodName(), t.displayName(), t.tags(),
                t.outcome(), t.message(), 0, t.assertions(), verdicts, t.samples(), t.abort());
    }
}
