/**
 * Internal: the judge side of a batch of gradings graded in a process of its own ({@code rubric:rejudge}'s judge
 * process, started on the project's test classpath): {@link dev.rubric.judge.batch.JudgeBatchMain} reads a
 * {@link dev.rubric.results.batch.GradingBatch}, grades it with the configured judge through
 * {@link dev.rubric.judge.batch.BatchGrader} and writes a {@link dev.rubric.results.batch.GradedBatch}.
 */
package dev.rubric.judge.batch;
