package dev.rubric.results;

import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The tests of one results file as the tree their {@code parentId}s make: a sampled test above its samples, a
 * {@code @Cases} method's id above its cases. Built once in linear time; a file whose ids do not make a tree (a test
 * listed twice, a parent cycle, nesting deeper than {@link ResultsFiles#MAX_DEPTH}) is refused, so that no failure
 * can hide in a loop and no walk can recurse without end. A parent id that names no test makes a root (a
 * {@code @Cases} method has no result of its own).
 */
@API(status = INTERNAL, since = "0.1")
public final class ResultsTree {

    private final Map<String, TestResult> byId;
    private final List<TestResult> tests;
    private Map<TestResult, Integer> position;
    private final Map<String, List<TestResult>> children;
    private final List<TestResult> roots;

    private ResultsTree(List<TestResult> tests, Map<String, TestResult> byId, Map<String, List<TestResult>> children,
                        List<TestResult> roots) {
        this.tests = tests;
        this.byId = byId;
        this.children = children;
        this.roots = roots;
    }

    /**
     * The tree of a run's tests.
     *
     * @throws IllegalArgumentException naming the tests, when they do not make a tree
     */
    public static ResultsTree of(RunResults run) {
        Map<String, TestResult> byId = new HashMap<>(run.tests().size() * 2);
        for (TestResult t : run.tests()) {
            if (t.uniqueId() == null) {
                throw new IllegalArgumentException("a test (" + t.className() + "." + t.methodName()
                        + ") has no uniqueId");
            }
            if (byId.put(t.uniqueId(), t) != null) {
                throw new IllegalArgumentException("the test " + t.uniqueId() + " is listed twice");
            }
        }
        Map<String, List<TestResult>> children = new HashMap<>();
        List<TestResult> roots = new ArrayList<>();
        for (TestResult t : run.tests()) {
            if (t.parentId() != null && byId.containsKey(t.parentId())) {
                children.computeIfAbsent(t.parentId(), k -> new ArrayList<>()).add(t);
            } else {
                roots.add(t);
            }
        }
        // every test must be reached from a root: what is not sits on a parent cycle (its failures would vanish)
        int reached = 0;
        List<TestResult> level = roots;
        for (int depth = 0; !level.isEmpty(); depth++) {
            if (depth > ResultsFiles.MAX_DEPTH) {
                throw new IllegalArgumentException("its tests nest deeper than " + ResultsFiles.MAX_DEPTH
                        + " levels (below " + level.get(0).uniqueId() + ")");
            }
            reached += level.size();
            List<TestResult> next = new ArrayList<>();
            for (TestResult t : level) {
                next.addAll(children.getOrDefault(t.uniqueId(), List.of()));
            }
            level = next;
        }
        if (reached != run.tests().size()) {
            List<String> onCycle = run.tests().stream().map(TestResult::uniqueId).filter(id -> !reachable(id, byId))
                    .limit(5).toList();
            throw new IllegalArgumentException("the parentIds of " + (run.tests().size() - reached)
                    + " tests make a cycle, e.g. " + String.join(" -> ", onCycle));
        }
        return new ResultsTree(run.tests(), byId, children, roots);
    }

    private static boolean reachable(String id, Map<String, TestResult> byId) {
        // only called once a cycle is known; bounded by the number of tests
        String at = id;
        for (int i = 0; i <= byId.size(); i++) {
            TestResult t = byId.get(at);
            if (t.parentId() == null || !byId.containsKey(t.parentId())) {
                return true;
            }
            at = t.parentId();
        }
        return false;
    }

    /** The test with this unique id, or {@code null}. */
    public TestResult node(String uniqueId) {
        return byId.get(uniqueId);
    }

    /** The tests without a parent in the file, in the file's order. */
    public List<TestResult> roots() {
        return roots;
    }

    /** The tests directly below {@code node}, in the file's order. */
    public List<TestResult> children(TestResult node) {
        return children.getOrDefault(node.uniqueId(), List.of());
    }

    /** The tests below {@code node} (its samples or cases, and theirs), in the file's order. */
    public List<TestResult> descendants(TestResult node) {
        List<TestResult> out = new ArrayList<>();
        collect(node, out, 0);
        if (position == null) {
            position = new java.util.IdentityHashMap<>(tests.size());
            tests.forEach(t -> position.put(t, position.size()));
        }
        out.sort(java.util.Comparator.comparingInt(position::get));
        return out;
    }

    private void collect(TestResult node, List<TestResult> out, int depth) {
        // depth is bounded: of() refused deeper trees
        for (TestResult kid : children(node)) {
            out.add(kid);
            collect(kid, out, depth + 1);
        }
    }
}
