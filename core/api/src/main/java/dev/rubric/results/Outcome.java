package dev.rubric.results;

/** How a test ended. ABORTED means no verdict could be had (judge unreachable, unparseable output...). */
public enum Outcome { PASSED, FAILED, ABORTED, SKIPPED }
