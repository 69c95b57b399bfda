package dev.rubric.maven.bench;

import dev.rubric.core.JudgeException;
import dev.rubric.results.AtomicFiles;
import dev.rubric.results.JudgeRecord;
import dev.rubric.results.ResultsFiles;
import dev.rubric.results.VerdictRecord;
import dev.rubric.results.batch.GradedBatch;
import dev.rubric.results.batch.GradingOutcome;
import dev.rubric.stats.AgreementStatistic;
import dev.rubric.stats.Bootstrap;
import dev.rubric.stats.Estimate;
import dev.rubric.stats.PairwiseAccuracy;
import dev.rubric.stats.PairwiseAccuracy.Preference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.IntPredicate;
import org.apiguardian.api.API;

/**
 * What {@code rubric:bench} measured on one benchmark file, as {@code target/rubric/bench/<file name>.json} keeps it
 * (docs/results-format.md, "Benchmark results").
 *
 * <p>The paper's procedure (Kim et al. 2024, prometheus-eval): each grading is sampled k times
 * ({@code rubric.judge.samples}); a record's judge score is the <em>mean</em> of its k sampled scores. Absolute files:
 * Pearson, Spearman and Kendall tau-b between that mean and the mean of GPT-4's scores. HHH: a record is right when
 * the chosen response's mean score is higher than the rejected one's (an equal mean is a miss, counted in
 * {@code ties}), per source and over all records. Auto-J: the judge's pick (the majority of its k samples) against
 * people's label, counting ties as misses and skipping them ({@link PairwiseAccuracy}). A record the judge gave no
 * verdict for (in any of its gradings) is left out of every statistic and counted: {@code parseFailures} when its
 * output could not be parsed, {@code otherFailures} otherwise.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param file          the benchmark file's name
 * @param format        absolute, hhh or autoj
 * @param judge         the judge that graded (fingerprint, decoding settings with the samples)
 * @param records       records in the file
 * @param n             records with every grading judged: those the statistics are computed on
 * @param parseFailures records left out because the judge's output could not be parsed
 * @param otherFailures records left out for another reason (the first is in {@code firstFailure})
 * @param firstFailure  the first failure's message, or {@code null}
 * @param ties          HHH: records whose two mean scores were equal; else {@code null}
 * @param statistics    every statistic with its bootstrap interval
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record BenchResult(int schemaVersion, String file, String format, JudgeRecord judge, int records, int n,
                          int parseFailures, int otherFailures, String firstFailure, Integer ties,
                          List<Statistic> statistics) {

    public static final int SCHEMA_VERSION = 1;

    public BenchResult {
        statistics = List.copyOf(statistics);
    }

    /**
     * One statistic: its value with the {@link Bootstrap} 95% percentile interval, or why it has none.
     *
     * @param name      pearson, spearman, kendallTauB, accuracy, accuracyWithTies, accuracyWithoutTies
     * @param group     which records: all, an HHH source, or meanOfSources (HHH: the unweighted mean of the sources)
     * @param n         the records it was computed on
     * @param value     the value, or {@code null} when undefined
     * @param low       the interval's lower end, or {@code null}
     * @param high      the interval's upper end, or {@code null}
     * @param note      why there is no value or no interval; empty otherwise
     */
    public record Statistic(String name, String group, int n, Double value, Double low, Double high, String note) {

        public Statistic {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(group, "group");
            note = note == null ? "" : note;
        }

        static Statistic of(String name, String group, Estimate estimate) {
            if (estimate instanceof Estimate.Measured m) {
                return new Statistic(name, group, m.n(), m.value(), m.interval().map(i -> i.low()).orElse(null),
                        m.interval().map(i -> i.high()).orElse(null), m.noIntervalReason());
            }
            Estimate.Undefined u = (Estimate.Undefined) estimate;
            return new Statistic(name, group, u.n(), null, null, null, u.reason());
        }
    }

    /** Writes {@code dir/<file name without .json or .jsonl>.json} atomically and returns its path. */
    public Path writeTo(Path dir) {
        Path target = dir.resolve(file.replaceFirst("\\.jsonl?$", "") + ".json");
        try {
            AtomicFiles.write(target, ResultsFiles.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark results " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    /** Computes every statistic of a file from the judge's outcomes of its {@link BenchSet#batch()}. */
    public static BenchResult of(BenchSet set, GradedBatch graded) {
        Map<String, GradingOutcome> byId = graded.byId();
        Failures failures = new Failures();
        if (set instanceof BenchSet.Absolute a) {
            return absolute(a, byId, failures, graded.judge());
        }
        if (set instanceof BenchSet.Hhh h) {
            return hhh(h, byId, failures, graded.judge());
        }
        return autoJ((BenchSet.AutoJ) set, byId, failures, graded.judge());
    }

    private static BenchResult absolute(BenchSet.Absolute set, Map<String, GradingOutcome> byId, Failures failures,
                                        JudgeRecord judge) {
        List<Double> judgeMeans = new ArrayList<>();
        List<Double> gpt4Means = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            GradingOutcome o = byId.get(BenchSet.Absolute.id(i));
            if (failures.judged(o)) {
                judgeMeans.add(meanScore(o.verdict()));
                gpt4Means.add(set.items().get(i).gpt4Mean());
            }
        }
        double[] x = judgeMeans.stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = gpt4Means.stream().mapToDouble(Double::doubleValue).toArray();
        List<Statistic> stats = new ArrayList<>();
        for (AgreementStatistic s : List.of(AgreementStatistic.PEARSON, AgreementStatistic.SPEARMAN,
                AgreementStatistic.KENDALL_TAU_B)) {
            stats.add(Statistic.of(s.key(), "all", s.estimate(x, y)));
        }
        return new BenchResult(SCHEMA_VERSION, set.name(), "absolute", judge, set.size(), x.length,
                failures.parse, failures.other, failures.first, null, stats);
    }

    private static BenchResult hhh(BenchSet.Hhh set, Map<String, GradingOutcome> byId, Failures failures,
                                   JudgeRecord judge) {
        List<String> sources = new ArrayList<>();
        List<Boolean> right = new ArrayList<>();
        int ties = 0;
        for (int i = 0; i < set.size(); i++) {
            GradingOutcome c = byId.get(BenchSet.Hhh.id(i, true));
            GradingOutcome r = byId.get(BenchSet.Hhh.id(i, false));
            if (!failures.judged(c, r)) {
                continue;
            }
            double chosen = meanScore(c.verdict());
            double rejected = meanScore(r.verdict());
            sources.add(set.items().get(i).source());
            right.add(chosen > rejected);
            ties += chosen == rejected ? 1 : 0;
        }
        boolean[] correct = new boolean[right.size()];
        for (int i = 0; i < correct.length; i++) {
            correct[i] = right.get(i);
        }
        List<String> groups = sources.stream().distinct().sorted().toList();
        List<Statistic> stats = new ArrayList<>();
        for (String g : groups) {
            stats.add(Statistic.of("accuracy", g, accuracy(correct, r -> sources.get(r).equals(g))));
        }
        stats.add(Statistic.of("accuracy", "all", accuracy(correct, r -> true)));
        if (groups.size() > 1) {
            stats.add(Statistic.of("accuracy", "meanOfSources", Bootstrap.estimate(correct.length, records -> {
                double sum = 0;
                for (String g : groups) {
                    int hits = 0;
                    int count = 0;
                    for (int r : records) {
                        if (sources.get(r).equals(g)) {
                            count++;
                            hits += correct[r] ? 1 : 0;
                        }
                    }
                    if (count == 0) {
                        return OptionalDouble.empty();
                    }
                    sum += (double) hits / count;
                }
                return OptionalDouble.of(sum / groups.size());
            }, "no records were judged")));
        }
        return new BenchResult(SCHEMA_VERSION, set.name(), "hhh", judge, set.size(), correct.length,
                failures.parse, failures.other, failures.first, ties, stats);
    }

    /** The share of right records among those the predicate selects, bootstrapped within them. */
    private static Estimate accuracy(boolean[] correct, IntPredicate selected) {
        List<Integer> chosen = new ArrayList<>();
        for (int r = 0; r < correct.length; r++) {
            if (selected.test(r)) {
                chosen.add(r);
            }
        }
        return Bootstrap.estimate(chosen.size(), records -> {
            if (records.length == 0) {
                return OptionalDouble.empty();
            }
            int hits = 0;
            for (int r : records) {
                hits += correct[chosen.get(r)] ? 1 : 0;
            }
            return OptionalDouble.of((double) hits / records.length);
        }, "no records were judged");
    }

    private static BenchResult autoJ(BenchSet.AutoJ set, Map<String, GradingOutcome> byId, Failures failures,
                                     JudgeRecord judge) {
        List<Preference> human = new ArrayList<>();
        List<Preference> picked = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            GradingOutcome o = byId.get(BenchSet.AutoJ.id(i));
            if (!failures.judged(o)) {
                continue;
            }
            VerdictRecord v = o.verdict();
            human.add(switch (set.items().get(i).label()) {
                case 0 -> Preference.FIRST;
                case 1 -> Preference.SECOND;
                default -> Preference.TIE;
            });
            picked.add("A".equals(v.winner()) ? Preference.FIRST : Preference.SECOND);
        }
        Preference[] h = human.toArray(Preference[]::new);
        Preference[] j = picked.toArray(Preference[]::new);
        List<Statistic> stats = new ArrayList<>();
        stats.add(Statistic.of("accuracyWithTies", "all", Bootstrap.estimate(h.length,
                records -> PairwiseAccuracy.of(pick(h, records), pick(j, records)).withTies().value(),
                "no records were judged")));
        long untied = human.stream().filter(p -> p != Preference.TIE).count();
        stats.add(Statistic.of("accuracyWithoutTies", "all", withoutTies(h, j, (int) untied)));
        return new BenchResult(SCHEMA_VERSION, set.name(), "autoj", judge, set.size(), h.length,
                failures.parse, failures.other, failures.first, null, stats);
    }

    /** Accuracy on the records people did not call a tie, bootstrapped over those records alone. */
    private static Estimate withoutTies(Preference[] human, Preference[] judge, int untied) {
        int[] keep = new int[untied];
        int k = 0;
        for (int r = 0; r < human.length; r++) {
            if (human[r] != Preference.TIE) {
                keep[k++] = r;
            }
        }
        return Bootstrap.estimate(untied, records -> {
            int[] rows = new int[records.length];
            for (int i = 0; i < records.length; i++) {
                rows[i] = keep[records[i]];
            }
            return PairwiseAccuracy.of(pick(human, rows), pick(judge, rows)).withoutTies().value();
        }, "every judged record is a tie");
    }

    private static Preference[] pick(Preference[] values, int[] records) {
        Preference[] out = new Preference[records.length];
        for (int i = 0; i < records.length; i++) {
            out[i] = values[records[i]];
        }
        return out;
    }

    /** The mean of a verdict's sampled scores (the score itself with one sample). */
    private static double meanScore(VerdictRecord v) {
        if (v.score() == null) {
            throw new IllegalStateException("the judge answered an absolute grading without a score");
        }
        List<Integer> samples = v.sampleScores() == null || v.sampleScores().isEmpty() ? List.of(v.score())
                : v.sampleScores();
        return samples.stream().mapToInt(Integer::intValue).average().orElseThrow();
    }

    /** Counts the records the judge gave no verdict for (in any of their gradings), once each, by kind. */
    private static final class Failures {
        int parse;
        int other;
        String first;

        /** Whether every grading of a record has a verdict; when not, the record is counted as a failure. */
        boolean judged(GradingOutcome... outcomes) {
            boolean failed = false;
            boolean unparseable = false;
            for (GradingOutcome o : outcomes) {
                if (o == null) {
                    failed = true;
                    note("the judge process returned no outcome for a grading of the file");
                } else if (o.failure() != null) {
                    failed = true;
                    unparseable |= o.failure().reason() == JudgeException.Reason.UNPARSEABLE_OUTPUT;
                    note(o.failure().message());
                }
            }
            if (failed && unparseable) {
                parse++;
            } else if (failed) {
                other++;
            }
            return !failed;
        }

        private void note(String message) {
            if (first == null) {
                first = message;
            }
        }
    }
}
