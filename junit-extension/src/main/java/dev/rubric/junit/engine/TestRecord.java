package dev.rubric.junit.engine;

import dev.rubric.results.AssertionRecord;
import dev.rubric.results.VerdictRecord;

import java.util.ArrayList;
import java.util.List;

/** What one test node asked of the judge and asserted: the verdicts and assertions that go into the results file. */
public final class TestRecord {

    private final List<VerdictRecord> verdicts = new ArrayList<>();
    private final List<AssertionRecord> assertions = new ArrayList<>();

    public synchronized void add(VerdictRecord verdict) {
        verdicts.add(verdict);
    }

    public synchronized void add(AssertionRecord assertion) {
        assertions.add(assertion);
    }

    public synchronized List<VerdictRecord> verdicts() {
        return List.copyOf(verdicts);
    }

    public synchronized List<AssertionRecord> assertions() {
        return List.copyOf(assertions);
    }
}
