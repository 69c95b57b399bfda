/**
 * The exact Prometheus 2 format: prompt templates, the Mistral chat wrapping and the parsing of the judge's output.
 * Depends on {@code dev.rubric.core} only. Experimental API for those who write their own
 * {@link dev.rubric.core.Judge} and want the prompts Prometheus was trained on.
 */
package dev.rubric.prometheus;
