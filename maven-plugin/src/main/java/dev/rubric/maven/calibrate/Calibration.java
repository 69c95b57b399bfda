package dev.rubric.maven.calibrate;

import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.PairwiseGrading;
import dev.rubric.core.Rubric;
import dev.rubric.maven.calibrate.CalibrationResults.AbsoluteCalibration;
import dev.rubric.maven.calibrate.CalibrationResults.AbsoluteOutcome;
import dev.rubric.maven.calibrate.CalibrationResults.PairwiseCalibration;
import dev.rubric.maven.calibrate.CalibrationResults.PairwiseOutcome;
import dev.rubric.maven.calibrate.CalibrationResults.RaterAgreement;
import dev.rubric.maven.calibrate.CalibrationResults.RateValue;
import dev.rubric.maven.calibrate.CalibrationResults.RubricCalibration;
import dev.rubric.maven.calibrate.CalibrationResults.Statistic;
import dev.rubric.results.batch.GradedBatch;
import dev.rubric.results.batch.GradingBatch;
import dev.rubric.results.batch.GradingOutcome;
import dev.rubric.results.batch.GradingRequest;
import dev.rubric.stats.AgreementStatistic;
import dev.rubric.stats.KrippendorffAlpha;
import dev.rubric.stats.PairwiseAccuracy;
import dev.rubric.stats.PairwiseAccuracy.Preference;
import dev.rubric.stats.Rate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A calibration of the judge against people: the records of the calibration sets become one batch of gradings
 * (an absolute record one grading; a pairwise record two, A/B and then B/A, so that a pick can be checked against
 * the swap), and the judge's verdicts become the agreement statistics of each rubric ({@link #measure}).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Calibration {

    private final List<CalibrationRecord> records;
    private final Map<String, List<CalibrationRecord>> byRubric = new LinkedHashMap<>();

    private Calibration(List<CalibrationRecord> records) {
        this.records = List.copyOf(records);
        for (CalibrationRecord r : records) {
            List<CalibrationRecord> same = byRubric.computeIfAbsent(r.rubric().name(), k -> new ArrayList<>());
            if (!same.isEmpty() && !same.get(0).rubric().criteria().equals(r.rubric().criteria())) {
                throw new CalibrationException(r.source() + ": the rubric \"" + r.rubric().name() + "\" has other"
                        + " criteria than at " + same.get(0).source() + "; give one of them another name (a rubric"
                        + " file's \"name:\")");
            }
            same.add(r);
        }
    }

    public static Calibration of(List<CalibrationRecord> records) {
        return new Calibration(records);
    }

    /** The records, in the sets' order. */
    public List<CalibrationRecord> records() {
        return records;
    }

    /** The gradings for the judge: ids {@code r<n>} (absolute, pairwise as shown) and {@code r<n>-swapped}. */
    public GradingBatch batch() {
        List<GradingRequest> requests = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            CalibrationRecord r = records.get(i);
            if (r instanceof CalibrationRecord.Absolute a) {
                requests.add(GradingRequest.of(id(i), new AbsoluteGrading(a.instruction(), a.response(), a.rubric(),
                        a.reference())));
            } else {
                CalibrationRecord.Pairwise p = (CalibrationRecord.Pairwise) r;
                requests.add(GradingRequest.of(id(i), new PairwiseGrading(p.instruction(), p.responseA(),
                        p.responseB(), p.rubric(), p.reference())));
                requests.add(GradingRequest.of(id(i) + "-swapped", new PairwiseGrading(p.instruction(),
                        p.responseB(), p.responseA(), p.rubric(), p.reference())));
            }
        }
        return GradingBatch.of(requests);
    }

    private static String id(int index) {
        return "r" + (index + 1);
    }

    /**
     * The agreement the judge's verdicts show, per rubric.
     *
     * @throws CalibrationException when the outcomes lack a grading of the batch (an incomplete outcomes file)
     */
    public CalibrationResults measure(GradedBatch graded, String sets, Instant now) {
        Map<String, GradingOutcome> outcomes = graded.byId();
        Map<CalibrationRecord, Integer> index = new java.util.IdentityHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            index.put(records.get(i), i);
        }
        List<RubricCalibration> rubrics = new ArrayList<>();
        for (List<CalibrationRecord> same : byRubric.values()) {
            Rubric rubric = same.get(0).rubric();
            List<CalibrationRecord.Absolute> absolute = new ArrayList<>();
            List<CalibrationRecord.Pairwise> pairwise = new ArrayList<>();
            for (CalibrationRecord r : same) {
                if (r instanceof CalibrationRecord.Absolute a) {
                    absolute.add(a);
                } else {
                    pairwise.add((CalibrationRecord.Pairwise) r);
                }
            }
            rubrics.add(new RubricCalibration(rubric.name(), rubric.criteria(),
                    absolute.isEmpty() ? null : absolute(absolute, r -> outcome(outcomes, id(index.get(r)))),
                    pairwise.isEmpty() ? null : pairwise(pairwise, r -> outcome(outcomes, id(index.get(r))),
                            r -> outcome(outcomes, id(index.get(r)) + "-swapped"))));
        }
        return new CalibrationResults(CalibrationResults.SCHEMA_VERSION, now, sets, graded.judge(), rubrics);
    }

    private static GradingOutcome outcome(Map<String, GradingOutcome> outcomes, String id) {
        GradingOutcome o = outcomes.get(id);
        if (o == null) {
            throw new CalibrationException("the judge process gave no outcome for grading " + id + ": its outcomes"
                    + " file is incomplete; run rubric:calibrate again");
        }
        return o;
    }

    static AbsoluteCalibration absolute(List<CalibrationRecord.Absolute> records,
                                        java.util.function.Function<CalibrationRecord, GradingOutcome> outcome) {
        List<AbsoluteOutcome> outcomes = new ArrayList<>();
        List<Double> judge = new ArrayList<>();
        List<Double> human = new ArrayList<>();
        int[][] confusion = new int[Rubric.LEVELS][Rubric.LEVELS];
        List<double[]> ratings = new ArrayList<>();
        for (CalibrationRecord.Absolute r : records) {
            GradingOutcome o = outcome.apply(r);
            if (r.human().size() >= 2) {
                ratings.add(r.human().stream().mapToDouble(Integer::doubleValue).toArray());
            }
            Integer score = o.verdict() == null ? null : o.verdict().score();
            if (score == null || score < 1 || score > Rubric.LEVELS) {
                String why = o.failure() != null ? o.failure().message()
                        : "the judge answered without a score from 1 to 5";
                outcomes.add(new AbsoluteOutcome(r.id(), r.source(), r.human(), null, null, why));
                continue;
            }
            outcomes.add(new AbsoluteOutcome(r.id(), r.source(), r.human(), score, o.verdict().feedback(), null));
            judge.add((double) score);
            human.add(r.humanScore());
            confusion[score - 1][(int) Math.floor(r.humanScore() + 0.5) - 1]++;
        }
        double[] x = judge.stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = human.stream().mapToDouble(Double::doubleValue).toArray();
        Map<String, Statistic> statistics = new LinkedHashMap<>();
        for (AgreementStatistic s : AgreementStatistic.values()) {
            statistics.put(s.key(), Statistic.of(s.estimate(x, y)));
        }
        RaterAgreement raters = ratings.isEmpty() ? null
                : new RaterAgreement(ratings.size(), Statistic.of(KrippendorffAlpha.estimate(ratings)));
        return new AbsoluteCalibration(records.size(), records.size() - x.length, statistics, confusion, raters,
                outcomes);
    }

    static PairwiseCalibration pairwise(List<CalibrationRecord.Pairwise> records,
                                        java.util.function.Function<CalibrationRecord, GradingOutcome> shown,
                                        java.util.function.Function<CalibrationRecord, GradingOutcome> swapped) {
        List<PairwiseOutcome> outcomes = new ArrayList<>();
        List<Preference> human = new ArrayList<>();
        List<Preference> first = new ArrayList<>();
        List<Preference> both = new ArrayList<>();
        int ties = 0;
        int consistent = 0;
        for (CalibrationRecord.Pairwise r : records) {
            ties += r.human() == Preference.TIE ? 1 : 0;
            GradingOutcome a = shown.apply(r);
            GradingOutcome b = swapped.apply(r);
            Preference pick = pick(a, false);
            Preference pickSwapped = pick(b, true);
            if (pick == null || pickSwapped == null) {
                String why = a.failure() != null ? a.failure().message() : b.failure() != null
                        ? "with A and B swapped: " + b.failure().message() : "the judge answered without A or B";
                outcomes.add(new PairwiseOutcome(r.id(), r.source(), name(r.human()), name(pick), name(pickSwapped),
                        why));
                continue;
            }
            outcomes.add(new PairwiseOutcome(r.id(), r.source(), name(r.human()), name(pick), name(pickSwapped), null));
            human.add(r.human());
            first.add(pick);
            both.add(pick == pickSwapped ? pick : Preference.TIE);
            consistent += pick == pickSwapped ? 1 : 0;
        }
        Preference[] h = human.toArray(Preference[]::new);
        PairwiseAccuracy paper = PairwiseAccuracy.of(h, first.toArray(Preference[]::new));
        PairwiseAccuracy swapSafe = PairwiseAccuracy.of(h, both.toArray(Preference[]::new));
        return new PairwiseCalibration(records.size(), records.size() - h.length, ties,
                RateValue.of(paper.withTies()), RateValue.of(paper.withoutTies()), RateValue.of(swapSafe.withTies()),
                RateValue.of(swapSafe.withoutTies()), RateValue.of(new Rate(consistent, h.length)), outcomes);
    }

    /** The judge's pick, named as people saw the responses; {@code null} without a verdict. */
    private static Preference pick(GradingOutcome o, boolean swapped) {
        if (o.verdict() == null || o.verdict().winner() == null) {
            return null;
        }
        boolean a = "A".equals(o.verdict().winner());
        if (!a && !"B".equals(o.verdict().winner())) {
            return null;
        }
        return a != swapped ? Preference.FIRST : Preference.SECOND;
    }

    static String name(Preference p) {
        if (p == null) {
            return null;
        }
        return switch (p) {
            case FIRST -> "A";
            case SECOND -> "B";
            case TIE -> "tie";
        };
    }
}
