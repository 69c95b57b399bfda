/**
 * Internal: the judge behind an OpenAI-compatible server ({@code rubric.judge=openai}), reached through
 * {@link dev.rubric.judge.Judges}; only its service provider is public. Depends on {@code judge}, {@code core},
 * {@code prometheus} and {@code secret}.
 */
package dev.rubric.judge.openai;
