package dev.rubric.results;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * How a test ended. ABORTED means no verdict could be had (judge unreachable, unparseable output...), with the reason
 * in {@link TestResult#abort()}; SKIPPED means the test did not run, or chose not to: disabled, a condition, a failed
 * assumption, or a sample left out once its test's outcome was settled. Neither counts as passed or failed.
 */
@API(status = INTERNAL, since = "0.1")
public enum Outcome { PASSED, FAILED, ABORTED, SKIPPED }
