/**
 * Internal: the in-JVM judge ({@code rubric.judge=local}), reached through {@code dev.rubric.judge.Judges}: batches
 * gradings onto one model thread, decodes with the verdict-constrained decoder, and is the border where the model's
 * and the downloader's failures become the judge's reasons. Depends on {@code judge}, {@code core},
 * {@code prometheus}, {@code lm} and {@code hub}. No compatibility promise.
 */
package dev.rubric.judge.local;
