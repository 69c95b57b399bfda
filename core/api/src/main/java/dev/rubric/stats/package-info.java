/**
 * Internal: the statistics the engine and the Maven plugin share, one implementation of each (the 95% Wilson interval
 * of a pass rate). Depends on nothing of Rubric's. What each statistic means is documented for users in the docs, not
 * by these types.
 */
package dev.rubric.stats;
