package dev.rubric.junit.engine;

import dev.rubric.junit.JudgeAbortedException;
import dev.rubric.results.AbortReasons;

import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * What a sampled test (a sampled method, or a sampled case of a {@code @Cases} method) does around its samples: it
 * starts the tally and its clock before them, decides its own outcome from the tally after them, and reports the pass
 * rate when it finishes.
 */
final class Sampling {

    private Sampling() {
    }

    /** Before the samples: the node's clock (its samples' time together) and a fresh tally for them. */
    static RubricExecutionContext start(RubricExecutionContext context, TestDescriptor node, double minPassRate) {
        context.run().results().start(node.getUniqueId());
        int samples = (int) node.getChildren().stream().filter(SampleDescriptor.class::isInstance).count();
        return context.withTally(new SampleTally(samples, minPassRate, context.run().settings().earlyStop()));
    }

    /**
     * After the samples, in the sampled test's {@link PassRateDescriptor}: nothing when the pass rate was met; else
     * skipped (a sample's assumption failed), aborted (some samples had no verdict: with the first one's reason) or
     * failed.
     */
    static void decide(RubricExecutionContext context) {
        SampleTally tally = context.tally();
        if (tally == null || tally.met()) {
            return;
        }
        if (tally.skipReason() != null) {
            throw new TestAbortedException("a sample skipped itself, and so the samples after it: "
                    + tally.skipReason());
        }
        if (tally.anyAborted()) {
            JudgeAbortedException first = tally.firstAbort();
            throw new JudgeAbortedException("not enough samples passed and some had no verdict: " + tally.describe()
                    + AbortReasons.FIRST_ABORT + first.reasonMessage(), first.reason(), first.reasonMessage(), first);
        }
        throw new AssertionFailedError("the sampled test failed: " + tally.describe()
                + (tally.firstFailure() == null ? "" : System.lineSeparator() + "first failure: " + tally.firstFailure()));
    }

    /**
     * The pass rate as a report entry, and the node's result with its sample statistics: the outcome its
     * {@link PassRateDescriptor} came to, unless the sampled node itself failed before that.
     */
    static void finished(RubricExecutionContext context, RubricNode node, TestExecutionResult result) {
        SampleTally tally = context.tally();
        TestExecutionResult outcome = result;
        if (tally != null) {
            context.run().listener().reportingEntryPublished(node,
                    ReportEntry.from("rubric.samples", tally.describe()));
            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL && tally.decision() != null) {
                outcome = tally.decision();
            }
        }
        context.run().results().finished(node, outcome, tally == null ? null : tally.stats());
    }
}
