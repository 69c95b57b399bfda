package dev.rubric.junit.engine;

import dev.rubric.results.AbortRecord;
import dev.rubric.results.JudgeRecord;
import dev.rubric.results.Outcome;
import dev.rubric.results.RunResults;
import dev.rubric.results.SampleStats;
import dev.rubric.results.TestResult;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gathers one {@link TestResult} per finished test node (method, sample, case) of a run. Thread-safe. How a node
 * ended is decided by {@link TestEnding}: a judge's abort is ABORTED (with its reason), a failed sample FAILED, and
 * any other abort (a failed assumption) SKIPPED.
 */
final class ResultsCollector {

    private record Started(TestRecord record, long startNanos) {
    }

    private final Map<UniqueId, Started> running = new ConcurrentHashMap<>();
    private final List<TestResult> finished = new ArrayList<>();

    /** Starts a node's record (its verdicts and assertions) and clock. */
    public TestRecord start(UniqueId id) {
        return running.computeIfAbsent(id, k -> new Started(new TestRecord(), System.nanoTime())).record();
    }

    /** The record of a started node, or empty. */
    public TestRecord recordOf(UniqueId id) {
        Started s = running.get(id);
        return s == null ? new TestRecord() : s.record();
    }

    public void finished(RubricNode node, TestExecutionResult result, SampleStats samples) {
        Started s = running.remove(node.getUniqueId());
        long durationMs = s == null ? 0 : (System.nanoTime() - s.startNanos()) / 1_000_000;
        TestRecord record = s == null ? new TestRecord() : s.record();
        TestEnding ending = TestEnding.of(result);
        add(node, ending.outcome(), ending.message(), durationMs, record, samples, ending.abort());
    }

    /**
     * A test class failed as a whole (its constructor or {@code close()} threw): its methods that have no result yet
     * get one with the class's outcome and message, so the results file does not silently lack them.
     */
    public void classFailed(ClassDescriptor type, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
            return;
        }
        for (MethodDescriptor method : methodsIn(type)) {
            if (!recorded(method.getUniqueId())) {
                finished(method, result, null);
            }
        }
    }

    /** A class that did not run (disabled, or by a condition): its tests, nested ones too, are skipped with its reason. */
    public void classSkipped(ClassDescriptor type, String reason) {
        for (MethodDescriptor method : methodsIn(type)) {
            if (!recorded(method.getUniqueId())) {
                skipped(method, reason);
            }
        }
    }

    private static List<MethodDescriptor> methodsIn(ClassDescriptor type) {
        return type.getDescendants().stream().filter(MethodDescriptor.class::isInstance)
                .map(MethodDescriptor.class::cast).toList();
    }

    private boolean recorded(UniqueId id) {
        String text = id.toString();
        synchronized (finished) {
            return finished.stream().anyMatch(t -> t.uniqueId().equals(text) || text.equals(t.parentId()));
        }
    }

    public void skipped(RubricNode node, String reason) {
        running.remove(node.getUniqueId());
        add(node, Outcome.SKIPPED, reason, 0, new TestRecord(), null, null);
    }

    private void add(RubricNode node, Outcome outcome, String message, long durationMs,
                     TestRecord record, SampleStats samples, AbortRecord abort) {
        String parentId = node.parentTestId().map(UniqueId::toString).orElse(null);
        List<String> tags = node.getTags().stream().map(TestTag::getName).sorted().toList();
        TestResult r = new TestResult(node.getUniqueId().toString(), parentId, node.testClass().getName(),
                node.testMethod().getName(), node.getDisplayName(), tags, outcome, message, durationMs,
                record.assertions(), record.verdicts(), samples, abort);
        synchronized (finished) {
            finished.add(r);
        }
    }

    public List<TestResult> results() {
        synchronized (finished) {
            return List.copyOf(finished);
        }
    }

    /** The run's results: every finished node, the judge (when one was built), cache counts from the verdicts. */
    public RunResults toRunResults(JudgeRecord judge, Instant startedAt, Instant finishedAt) {
        return RunResults.of(judge, startedAt, finishedAt, results());
    }
}
