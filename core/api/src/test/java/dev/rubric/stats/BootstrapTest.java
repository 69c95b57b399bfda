package dev.rubric.stats;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The bootstrap against python3 with numpy and scipy: java.util.Random's generator written out from its JDK
 * specification, the same 2000 resamples of record indices, scipy's statistic on each and numpy's
 * {@code percentile(values, [2.5, 97.5])}.
 */
class BootstrapTest {

    @Test
    void theGeneratorIsTheJdksSpecifiedOne() {
        // python3's transcription of Random(42).nextInt(10), five times
        Random random = new Random(42);
        int[] draws = new int[5];
        for (int i = 0; i < 5; i++) {
            draws[i] = random.nextInt(10);
        }
        assertThat(draws).containsExactly(0, 3, 8, 4, 0);
    }

    @Test
    void intervalsMatchAnIndependentResampling() {
        Estimate.Measured spearman = measured(AgreementStatistic.SPEARMAN.estimate(CorrelationTest.JUDGE,
                CorrelationTest.HUMAN));
        assertThat(spearman.value()).isCloseTo(0.8567052763593976, within(1e-12));
        assertThat(spearman.interval().orElseThrow().low()).isCloseTo(0.5000117553441621, within(1e-9));
        assertThat(spearman.interval().orElseThrow().high()).isCloseTo(0.9718247345381898, within(1e-9));

        Estimate.Measured kendall = measured(AgreementStatistic.KENDALL_TAU_B.estimate(CorrelationTest.JUDGE,
                CorrelationTest.HUMAN));
        assertThat(kendall.interval().orElseThrow().low()).isCloseTo(0.42848273581972385, within(1e-9));
        assertThat(kendall.interval().orElseThrow().high()).isCloseTo(0.9428957213257899, within(1e-9));

        Estimate.Measured exact = measured(AgreementStatistic.EXACT_AGREEMENT.estimate(CorrelationTest.JUDGE,
                CorrelationTest.HUMAN));
        assertThat(exact.value()).isEqualTo(0.5);
        assertThat(exact.interval().orElseThrow()).isEqualTo(new Interval(0.2, 0.8));
        assertThat(exact.n()).isEqualTo(10);
    }

    @Test
    void theSameRecordsGiveTheSameIntervalEveryTime() {
        Estimate first = AgreementStatistic.QUADRATIC_KAPPA.estimate(CorrelationTest.JUDGE, CorrelationTest.HUMAN);
        Estimate second = AgreementStatistic.QUADRATIC_KAPPA.estimate(CorrelationTest.JUDGE, CorrelationTest.HUMAN);
        assertThat(first).isEqualTo(second);
        Interval interval = measured(first).interval().orElseThrow();
        assertThat(interval.low()).isLessThan(measured(first).value()).isGreaterThan(0);
        assertThat(interval.high()).isLessThanOrEqualTo(1);
    }

    @Test
    void percentilesInterpolateLikeNumpy() {
        // numpy.percentile([1, 2, 3, 4], 2.5) = 1.075, (.., 97.5) = 3.925
        double[] sorted = {1, 2, 3, 4};
        assertThat(Bootstrap.percentile(sorted, 0.025)).isCloseTo(1.075, within(1e-12));
        assertThat(Bootstrap.percentile(sorted, 0.975)).isCloseTo(3.925, within(1e-12));
        assertThat(Bootstrap.percentile(new double[] {7}, 0.975)).isEqualTo(7);
    }

    @Test
    void undefinedStatisticsSayWhyInsteadOfNaN() {
        double[] constant = {4, 4, 4};
        double[] varied = {1, 3, 5};
        Estimate pearson = AgreementStatistic.PEARSON.estimate(constant, varied);
        assertThat(pearson).isEqualTo(new Estimate.Undefined(3,
                "the judge gave 4 to every record: a correlation needs scores that vary"));
        assertThat(((Estimate.Undefined) AgreementStatistic.KENDALL_TAU_B.estimate(constant, constant)).reason())
                .isEqualTo("the judge gave 4 to every record and the people gave 4 to every record: a correlation"
                        + " needs scores that vary");
        assertThat(((Estimate.Undefined) AgreementStatistic.QUADRATIC_KAPPA.estimate(constant, constant)).reason())
                .contains("gave 4 to every record: no disagreement was possible by chance");
        assertThat(AgreementStatistic.SPEARMAN.estimate(new double[] {1}, new double[] {2}))
                .isEqualTo(new Estimate.Undefined(1, "one record"));
        assertThat(AgreementStatistic.EXACT_AGREEMENT.estimate(new double[0], new double[0]))
                .isEqualTo(new Estimate.Undefined(0, "no records"));
    }

    @Test
    void aStatisticOfOneRecordOrOfTooUniformRecordsHasNoInterval() {
        Estimate.Measured one = measured(AgreementStatistic.EXACT_AGREEMENT.estimate(new double[] {3},
                new double[] {3}));
        assertThat(one.value()).isEqualTo(1.0);
        assertThat(one.interval()).isEmpty();
        assertThat(one.noIntervalReason()).isEqualTo("one record has no interval");
        // two records: half of the resamples repeat one record, whose correlation is undefined
        Estimate.Measured two = measured(AgreementStatistic.PEARSON.estimate(new double[] {1, 2},
                new double[] {1, 2}));
        assertThat(two.value()).isEqualTo(1.0);
        assertThat(two.interval()).isEmpty();
        assertThat(two.noIntervalReason()).endsWith(" of 2000 bootstrap resamples had no value (too few or too"
                + " uniform records)");
    }

    @Test
    void statisticsAreNamedByTheirKeys() {
        assertThat(AgreementStatistic.byKey("spearman")).isEqualTo(AgreementStatistic.SPEARMAN);
        assertThat(AgreementStatistic.byKey(" QuadraticKappa ")).isEqualTo(AgreementStatistic.QUADRATIC_KAPPA);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AgreementStatistic.byKey("cohen"))
                .hasMessage("no agreement statistic is called 'cohen'; use one of pearson, spearman, kendallTauB,"
                        + " exactAgreement, withinOneAgreement, quadraticKappa");
    }

    private static Estimate.Measured measured(Estimate estimate) {
        assertThat(estimate).isInstanceOf(Estimate.Measured.class);
        return (Estimate.Measured) estimate;
    }
}
