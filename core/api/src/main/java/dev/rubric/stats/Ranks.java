package dev.rubric.stats;

import java.util.Arrays;

/** Ranks from 1 with ties given their average rank (midranks): scipy's {@code rankdata(method="average")}. */
final class Ranks {

    private Ranks() {
    }

    static double[] average(double[] values) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] rank = new double[n];
        for (int start = 0; start < n; ) {
            int end = start;
            while (end + 1 < n && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            double midrank = (start + 1 + end + 1) / 2.0;
            for (int k = start; k <= end; k++) {
                rank[order[k]] = midrank;
            }
            start = end + 1;
        }
        return rank;
    }

    /** The sum of t³ - t over the groups of t equal values: the tie correction of rank statistics' variances. */
    static double tieCorrection(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (int start = 0; start < sorted.length; ) {
            int end = start;
            while (end + 1 < sorted.length && sorted[end + 1] == sorted[start]) {
                end++;
            }
            double t = end - start + 1;
            sum += t * t * t - t;
            start = end + 1;
        }
        return sum;
    }
}
