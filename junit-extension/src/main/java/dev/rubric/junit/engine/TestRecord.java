package dev.rubric.junit.engine;

import dev.rubric.junit.internal.GradingScope;
import dev.rubric.results.AssertionRecord;
import dev.rubric.results.VerdictRecord;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/** What one test node asked of the judge and asserted: the verdicts and assertions that go into the results file. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class TestRecord implements GradingScope.Recorder {

    private final List<VerdictRecord> verdicts = new ArrayList<>();
    private final List<AssertionRecord> assertions = new ArrayList<>();

    @Override
    public synchronized void add(VerdictRecord verdict) {
        verdicts.add(verdict);
    }

    @Override
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
