/**
 * Internal: the statistics the engine and the Maven plugin share, one implementation of each: the 95% Wilson interval
 * of a pass rate, the exact McNemar test and Newcombe's interval for paired pass rates, the Wilcoxon signed-rank test
 * and the paired mean difference for scores, and the agreement of a judge with people (correlations, agreement rates,
 * the quadratic weighted kappa, Krippendorff's alpha between raters, pairwise accuracy) with reproducible bootstrap
 * intervals. Depends on nothing of Rubric's. What each statistic means is documented for users in
 * docs/statistics.md, not by these types.
 */
package dev.rubric.stats;
