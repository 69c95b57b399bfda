/**
 * Internal: the one Java model of the results file, written by the rubric engine and read by the Maven plugin (the
 * only contract between the two), through {@link dev.rubric.results.ResultsFiles}. Depends on {@code dev.rubric.core}
 * only. The file format (docs/results-format.md) is what users may rely on, not these types.
 */
package dev.rubric.results;
