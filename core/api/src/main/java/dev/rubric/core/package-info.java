/**
 * Rubric's API, the bottom layer: rubrics ({@link dev.rubric.core.Rubric}, {@link dev.rubric.core.Rubrics}), gradings
 * and verdicts, the {@link dev.rubric.core.Judge} contract with its {@link dev.rubric.core.JudgeException} reasons and
 * {@link dev.rubric.core.JudgeFingerprint}, and every configuration key ({@link dev.rubric.core.ConfigKeys}). It
 * depends on no other Rubric package.
 *
 * <p>What users may rely on is marked with {@code @API} (apiguardian): {@code STABLE} does not change incompatibly
 * within a major version; {@code EXPERIMENTAL} may still change in a minor one.
 */
package dev.rubric.core;
