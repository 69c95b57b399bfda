package dev.rubric.maven.rejudge;

import dev.rubric.core.GradingMode;
import dev.rubric.results.batch.GradedBatch;
import dev.rubric.results.batch.GradingBatch;
import dev.rubric.results.batch.GradingOutcome;
import dev.rubric.results.batch.GradingRequest;
import dev.rubric.results.AssertionRecord;
import dev.rubric.results.JudgeRecord;
import dev.rubric.results.RunResults;
import dev.rubric.results.TestResult;
import dev.rubric.results.VerdictRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * What re-judging stored results will do: every verdict of every test that can be graded again becomes a grading of
 * one batch (rebuilt from what the results file kept, {@link VerdictRecord#toGrading()}); a test that cannot (its
 * file lacks something a grading needs, or its checks and verdicts do not pair up) is left out whole, named with the
 * reason. Then {@link #apply} builds the results the new judge's verdicts give ({@link Rejudgement}).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class RejudgePlan {

    /** Where a stored verdict lives: which results file, which test node, which of its verdicts. */
    record VerdictAt(int run, String testId, int index) {
    }

    /**
     * A test left out of re-judging.
     *
     * @param label  {@code Class.method} (and the case), what people read
     * @param reason why it cannot be graded again
     */
    public record Skipped(String runId, String testId, String label, String reason) {
    }

    private final List<RunResults> runs;
    private final List<GradingRequest> requests = new ArrayList<>();
    private final Map<VerdictAt, String> ids = new LinkedHashMap<>();
    private final Map<String, VerdictRecord> old = new LinkedHashMap<>();
    private final List<Skipped> skipped = new ArrayList<>();
    private final Map<Integer, Set<String>> skippedNodes = new LinkedHashMap<>();

    private RejudgePlan(List<RunResults> runs) {
        this.runs = List.copyOf(runs);
    }

    public static RejudgePlan of(List<RunResults> runs) {
        RejudgePlan plan = new RejudgePlan(runs);
        for (int r = 0; r < runs.size(); r++) {
            plan.add(r, runs.get(r));
        }
        return plan;
    }

    private void add(int r, RunResults run) {
        dev.rubric.results.ResultsTree tree = dev.rubric.results.ResultsTree.of(run);
        for (TestResult root : tree.roots()) {
            List<TestResult> nodes = new ArrayList<>(List.of(root));
            nodes.addAll(tree.descendants(root));
            Optional<String> why = nodes.stream().map(RejudgePlan::whyNot).flatMap(Optional::stream).findFirst();
            if (why.isPresent()) {
                skipped.add(new Skipped(run.runId(), root.uniqueId(), label(root), why.get()));
                Set<String> left = skippedNodes.computeIfAbsent(r, k -> new java.util.HashSet<>());
                nodes.forEach(n -> left.add(n.uniqueId()));
                continue;
            }
            for (TestResult node : nodes) {
                for (int i = 0; i < node.verdicts().size(); i++) {
                    String id = "v" + (requests.size() + 1);
                    VerdictRecord v = node.verdicts().get(i);
                    requests.add(GradingRequest.of(id, v.toGrading()));
                    ids.put(new VerdictAt(r, node.uniqueId(), i), id);
                    old.put(id, v);
                }
            }
        }
    }

    /** Why a test node cannot be graded again, or empty. */
    static Optional<String> whyNot(TestResult node) {
        int needed = 0;
        for (AssertionRecord a : node.assertions()) {
            needed += a.aborted() ? 0 : a.mode() == GradingMode.PAIRWISE ? 2 : 1;
        }
        if (needed != node.verdicts().size()) {
            return Optional.of("its " + node.assertions().size() + " checks and " + node.verdicts().size()
                    + " verdicts do not pair up (" + node.displayName() + ")");
        }
        for (VerdictRecord v : node.verdicts()) {
            Optional<String> why = v.whyNotRegradable();
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }

    private static String label(TestResult t) {
        String simple = t.className() == null ? "?" : t.className().substring(t.className().lastIndexOf('.') + 1);
        String name = t.methodName() == null ? t.displayName() : t.methodName();
        boolean plain = t.displayName() == null || t.methodName() == null || t.displayName().startsWith(t.methodName());
        return simple + "." + name + (plain ? "" : " " + t.displayName());
    }

    /** The gradings to send to the judge. */
    public GradingBatch batch() {
        return GradingBatch.of(requests);
    }

    /** The tests left out, with the reason. */
    public List<Skipped> skipped() {
        return List.copyOf(skipped);
    }

    /** The results that were read. */
    public List<RunResults> runs() {
        return runs;
    }

    /** The old verdict and the new outcome of every grading, by request id, in the batch's order. */
    public Map<String, VerdictRecord> oldVerdicts() {
        return Map.copyOf(old);
    }

    /**
     * The results the new verdicts give: one results file per file read (same tests, run ids with "-rejudged"), the
     * tests left out missing, each test's checks held to its new verdicts.
     */
    public List<RunResults> apply(GradedBatch graded, Instant now) {
        Map<String, GradingOutcome> outcomes = graded.byId();
        JudgeRecord judge = graded.judge();
        List<RunResults> out = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            int run = r;
            Set<String> left = skippedNodes.getOrDefault(r, Set.of());
            out.add(Rejudgement.apply(runs.get(r), left, (testId, index) -> {
                String id = ids.get(new VerdictAt(run, testId, index));
                GradingOutcome o = id == null ? null : outcomes.get(id);
                if (o == null) {
                    throw new IllegalStateException("the judge process gave no outcome for grading " + id + " of "
                            + testId + ": its outcomes file is incomplete; run rubric:rejudge again");
                }
                return o;
            }, judge, now));
        }
        return out;
    }
}
