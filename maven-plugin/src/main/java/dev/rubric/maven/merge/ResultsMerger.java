package dev.rubric.maven.merge;

import dev.rubric.results.AssertionRecord;
import dev.rubric.results.JudgeRecord;
import dev.rubric.results.Outcome;
import dev.rubric.results.ResultsTree;
import dev.rubric.results.RunResults;
import dev.rubric.results.TestResult;
import dev.rubric.results.VerdictRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * Merges the results files of several test JVMs (Surefire forks, Failsafe) into one result per test.
 *
 * <p>Within a file, a sampled test's samples are folded into the test (it counts once, by its pass rate), and a
 * data-driven test counts by its cases. Across files, a test is identified by its JUnit unique id; when it appears
 * in several files (a rerun, or a class that both Surefire and Failsafe ran), the result of the run that finished
 * last is kept (ties: the greater run id), so the merge does not depend on the order the files are listed in. A test
 * that failed in an earlier run and passed in the last is flaky: it counts as passed, as Surefire counts a flake.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ResultsMerger {

    private static final Comparator<RunResults> RUN_ORDER = Comparator
            .comparing((RunResults r) -> r.finishedAt() == null ? Instant.MIN : r.finishedAt())
            .thenComparing(r -> r.startedAt() == null ? Instant.MIN : r.startedAt())
            .thenComparing(RunResults::runId);

    /** Unique ids in natural order: the numbers in them compared as numbers ("[sample:2]" before "[sample:10]"). */
    public static final Comparator<String> NATURAL = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int ei = i;
                int ej = j;
                while (ei < a.length() && Character.isDigit(a.charAt(ei))) {
                    ei++;
                }
                while (ej < b.length() && Character.isDigit(b.charAt(ej))) {
                    ej++;
                }
                int c = new java.math.BigInteger(a.substring(i, ei)).compareTo(new java.math.BigInteger(b.substring(j, ej)));
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private ResultsMerger() {
    }

    public static MergedResults merge(List<RunResults> runs) {
        List<RunResults> ordered = runs.stream().sorted(RUN_ORDER).toList();
        Map<String, GatedTest> latest = new java.util.HashMap<>();
        // only the tests seen more than once: a map of every test would cost a large run dearly
        Map<String, Integer> repeats = new java.util.HashMap<>();
        Set<String> failedEarlier = new HashSet<>();
        Map<String, JudgeRecord> judges = new TreeMap<>();
        for (RunResults run : ordered) {
            if (run.judge() != null) {
                judges.putIfAbsent(run.judge().fingerprintId() == null ? run.judge().description()
                        : run.judge().fingerprintId(), run.judge());
            }
            for (GatedTest test : testsOf(run)) {
                GatedTest earlier = latest.put(test.id(), test);
                if (earlier != null) {
                    repeats.merge(test.id(), 2, (a, b) -> a + 1);
                    if (earlier.outcome() == Outcome.FAILED) {
                        failedEarlier.add(test.id());
                    }
                }
            }
        }
        List<GatedTest> tests = new ArrayList<>(latest.size());
        for (GatedTest t : latest.values()) {
            int seen = repeats.getOrDefault(t.id(), 1);
            boolean flaky = failedEarlier.contains(t.id()) && t.outcome() == Outcome.PASSED;
            tests.add(seen == 1 && !flaky ? t : withSeen(t, seen, flaky));
        }
        latest = null;
        tests.sort(Comparator.comparing((GatedTest t) -> String.valueOf(t.className())).thenComparing(GatedTest::id));
        List<String> duplicates = repeats.keySet().stream().sorted().toList();
        return new MergedResults(List.copyOf(tests), runs.size(), new ArrayList<>(judges.values()), duplicates);
    }

    /** The tests of one file: roots, with sampled tests folded and data-driven tests split into their cases. */
    static List<GatedTest> testsOf(RunResults run) {
        ResultsTree tree;
        try {
            tree = ResultsTree.of(run);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the results of run " + run.runId() + " are damaged: " + e.getMessage()
                    + "; run the tests again", e);
        }
        List<GatedTest> out = new ArrayList<>();
        for (TestResult root : tree.roots()) {
            collect(root, tree, run.runId(), out);
        }
        return out;
    }

    // recursion depth is bounded: ResultsTree refuses trees deeper than ResultsFiles.MAX_DEPTH
    private static void collect(TestResult node, ResultsTree tree, String runId, List<GatedTest> out) {
        List<TestResult> kids = tree.children(node);
        if (node.samples() == null && !kids.isEmpty()) {
            // samples and cases in their own order (sample 2 before sample 10), whatever order the file lists them in
            List<TestResult> sorted = new ArrayList<>(kids);
            sorted.sort(Comparator.comparing(TestResult::uniqueId, NATURAL));
            for (TestResult kid : sorted) {
                collect(kid, tree, runId, out);
            }
            return;
        }
        List<AssertionRecord> assertions = node.assertions();
        List<VerdictRecord> verdicts = node.verdicts();
        if (node.samples() != null && (assertions.isEmpty() || verdicts.isEmpty())) {
            assertions = new ArrayList<>(assertions);
            verdicts = new ArrayList<>(verdicts);
            // the samples' records, unless the engine already copied them onto the sampled test
            List<TestResult> descendants = descendantsInOrder(node, tree);
            if (assertions.isEmpty()) {
                for (TestResult d : descendants) {
                    assertions.addAll(d.assertions());
                }
            }
            if (verdicts.isEmpty()) {
                for (TestResult d : descendants) {
                    verdicts.addAll(d.verdicts());
                }
            }
        }
        out.add(new GatedTest(node.uniqueId(), node.className(), node.methodName(), node.displayName(), node.tags(),
                node.outcome(), node.message(), node.durationMs(), node.samples(), assertions, verdicts, runId, 1, false,
                null, node.abort()));
    }

    /** Depth first, each level in natural id order (sample 2 before sample 10). */
    private static List<TestResult> descendantsInOrder(TestResult node, ResultsTree tree) {
        List<TestResult> out = new ArrayList<>();
        List<TestResult> kids = new ArrayList<>(tree.children(node));
        kids.sort(Comparator.comparing(TestResult::uniqueId, NATURAL));
        for (TestResult kid : kids) {
            out.add(kid);
            out.addAll(descendantsInOrder(kid, tree));
        }
        return out;
    }

    private static GatedTest withSeen(GatedTest t, int seen, boolean flaky) {
        return new GatedTest(t.id(), t.className(), t.methodName(), t.displayName(), t.tags(), t.outcome(), t.message(),
                t.durationMs(), t.samples(), t.assertions(), t.verdicts(), t.runId(), seen, flaky, t.module(), t.abort());
    }

    /**
     * The merged results of several modules as one: each test marked with its module (tests are merged within their
     * module only, so two modules may have a test class of the same name), sorted by module, then class and id.
     *
     * @param byModule each module's merged results, by module name, in reactor order
     */
    public static MergedResults aggregate(Map<String, MergedResults> byModule) {
        List<GatedTest> tests = new ArrayList<>();
        Map<String, JudgeRecord> judges = new TreeMap<>();
        List<String> duplicates = new ArrayList<>();
        int files = 0;
        for (Map.Entry<String, MergedResults> e : byModule.entrySet()) {
            e.getValue().tests().forEach(t -> tests.add(t.inModule(e.getKey())));
            e.getValue().judges().forEach(j -> judges.putIfAbsent(j.fingerprintId() == null ? j.description()
                    : j.fingerprintId(), j));
            e.getValue().duplicates().forEach(d -> duplicates.add(e.getKey() + " " + d));
            files += e.getValue().files();
        }
        tests.sort(Comparator.comparing((GatedTest t) -> String.valueOf(t.module()))
                .thenComparing(t -> String.valueOf(t.className())).thenComparing(GatedTest::id));
        return new MergedResults(tests, files, new ArrayList<>(judges.values()), duplicates);
    }

    /** The rubric names used by any test, sorted. */
    public static List<String> rubricNames(Collection<GatedTest> tests) {
        TreeSet<String> names = new TreeSet<>();
        for (GatedTest t : tests) {
            t.assertions().forEach(a -> add(names, a.rubric()));
            t.verdicts().forEach(v -> add(names, v.rubric()));
        }
        return List.copyOf(names);
    }

    private static void add(TreeSet<String> names, String name) {
        if (name != null && !name.isBlank()) {
            names.add(name);
        }
    }
}
