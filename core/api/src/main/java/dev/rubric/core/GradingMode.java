package dev.rubric.core;

/** Absolute: one response gets a score from 1 to 5. Pairwise: the better of two responses, A or B. */
public enum GradingMode { ABSOLUTE, PAIRWISE }
