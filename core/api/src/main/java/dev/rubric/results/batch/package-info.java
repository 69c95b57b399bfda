/**
 * Internal: the files between a build tool and a judge in a process of its own ({@code rubric:rejudge}): the gradings
 * it writes ({@link dev.rubric.results.batch.GradingBatch}) and the verdicts or typed failures it reads back
 * ({@link dev.rubric.results.batch.GradedBatch}), through {@link dev.rubric.results.batch.BatchFiles}. Depends on
 * {@code dev.rubric.results} and {@code dev.rubric.core} only, so the Maven plugin reads them without the judge.
 */
package dev.rubric.results.batch;
