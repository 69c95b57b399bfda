/**
 * Internal: the judge on a model in this JVM ({@code rubric.judge=local}; in the test JVM, or in the warm judge process
 * of {@code dev.rubric.judge.process}): names its weights without loading them ({@code ModelIdentity}), loads them on
 * the first grading ({@code LazyLocalJudge}), batches gradings onto one model thread, decodes with the
 * verdict-constrained decoder, and is the border where the model's and the downloader's failures become the judge's
 * reasons. Depends on {@code judge}, {@code core},
 * {@code prometheus}, {@code lm} and {@code hub}. No compatibility promise.
 */
package dev.rubric.judge.local;
