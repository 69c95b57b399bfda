package dev.rubric.junit.engine;

import org.opentest4j.TestAbortedException;

/**
 * One sample of a sampled test failed its assertions. It is reported to JUnit as aborted, not failed, because one
 * failed sample must not fail the build when the test's pass rate is still met: the sampled method's own node carries
 * the verdict (passed or failed on the pass rate). The results file records the sample as FAILED.
 */
final class SampleFailedException extends TestAbortedException {

    SampleFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
