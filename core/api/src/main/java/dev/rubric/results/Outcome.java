package dev.rubric.results;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/** How a test ended. ABORTED means no verdict could be had (judge unreachable, unparseable output...). */
@API(status = INTERNAL, since = "0.1")
public enum Outcome { PASSED, FAILED, ABORTED, SKIPPED }
