package dev.rubric.core;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/** Absolute: one response gets a score from 1 to 5. Pairwise: the better of two responses, A or B. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum GradingMode { ABSOLUTE, PAIRWISE }
