package dev.rubric.maven.gate;

import dev.rubric.maven.scope.Scope;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * One {@code <rule>} of the {@code <rules>} list: a scope (exactly one of {@code rubric}, {@code testClass},
 * {@code tag}, {@code module}) and the limits that hold for it. Maven fills the fields from the POM (a plain bean:
 * no Maven types).
 *
 * <pre>{@code
 * <rule>
 *   <rubric>helpfulness</rubric>       <!-- a rubric's name or its criteria text -->
 *   <minPassRate>0.9</minPassRate>
 *   <minMeanScore>4.0</minMeanScore>
 *   <maxAborted>0</maxAborted>
 *   <maxMeanScoreDrop>0.3</maxMeanScoreDrop>
 *   <minSamplePassRate>0.8</minSamplePassRate>   <!-- over the samples of sampled tests that ran them all -->
 *   <failOnSignificantDrop>true</failOnSignificantDrop>
 *   <minJudgeAgreement>0.6</minJudgeAgreement>   <!-- the lower bound of the judge's measured agreement -->
 *   <judgeAgreementStatistic>quadraticKappa</judgeAgreementStatistic>   <!-- the default -->
 * </rule>
 * }</pre>
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public class Rule {

    private String rubric;
    private String testClass;
    private String tag;
    private String module;
    private Double minPassRate;
    private Double minMeanScore;
    private Integer maxAborted;
    private Double maxMeanScoreDrop;
    private Double minSamplePassRate;
    private Boolean failOnSignificantDrop;
    private Double minJudgeAgreement;
    private String judgeAgreementStatistic;

    public Rule() {
    }

    /** A rule built in code (tests, or a global rule made of the plain parameters). */
    public static Rule of(Scope scope, Double minPassRate, Double minMeanScore, Integer maxAborted,
                          Double maxMeanScoreDrop) {
        Rule r = new Rule();
        switch (scope.kind()) {
            case RUBRIC -> r.rubric = scope.value();
            case CLASS -> r.testClass = scope.value();
            case TAG -> r.tag = scope.value();
            case MODULE -> r.module = scope.value();
            case ALL -> { }
        }
        r.minPassRate = minPassRate;
        r.minMeanScore = minMeanScore;
        r.maxAborted = maxAborted;
        r.maxMeanScoreDrop = maxMeanScoreDrop;
        return r;
    }

    /** This rule, holding the samples of its sampled tests to a pass rate too (built in code: tests, globals). */
    public Rule withMinSamplePassRate(Double rate) {
        this.minSamplePassRate = rate;
        return this;
    }

    /** This rule, failing on a drop against the baseline that is beyond noise (built in code: tests, globals). */
    public Rule withFailOnSignificantDrop(Boolean fail) {
        this.failOnSignificantDrop = fail;
        return this;
    }

    /**
     * This rule, requiring the judge's measured agreement with people on its rubric ({@code rubric:calibrate}) to
     * reach {@code minimum} at the lower end of its 95% interval (built in code: tests, globals).
     *
     * @param statistic the statistic's key ({@link JudgeAgreementRule#DEFAULT_STATISTIC} when {@code null})
     */
    public Rule withMinJudgeAgreement(Double minimum, String statistic) {
        this.minJudgeAgreement = minimum;
        this.judgeAgreementStatistic = statistic;
        return this;
    }

    /** The scope this rule names; fails with the way out when it names none or several. */
    public Scope scope() {
        List<Scope> named = new ArrayList<>();
        if (present(rubric)) {
            named.add(Scope.rubric(rubric));
        }
        if (present(testClass)) {
            named.add(Scope.testClass(testClass));
        }
        if (present(tag)) {
            named.add(Scope.tag(tag));
        }
        if (present(module)) {
            named.add(Scope.module(module));
        }
        if (named.size() != 1) {
            throw new InvalidRuleException("a <rule> of rubric-maven-plugin's <rules> must name exactly one of "
                    + "<rubric>, <testClass>, <tag> or <module>, but " + this + " names " + named.size()
                    + "; for limits on the whole suite use the plain parameters <minPassRate>, <minMeanScore>, "
                    + "<maxAborted>");
        }
        return named.get(0);
    }

    /** Checks the limits' ranges; the scope is checked by {@link #scope()}. */
    public void validate(String where) {
        if (minPassRate != null && !(minPassRate >= 0 && minPassRate <= 1)) {
            throw new InvalidRuleException(where + ": minPassRate must be a fraction in [0, 1] (0.9 for 90%), got "
                    + minPassRate);
        }
        if (minMeanScore != null && !(minMeanScore >= 1 && minMeanScore <= 5)) {
            throw new InvalidRuleException(where + ": minMeanScore must lie on the judge's scale [1, 5], got "
                    + minMeanScore);
        }
        if (maxAborted != null && maxAborted < 0) {
            throw new InvalidRuleException(where + ": maxAborted must be 0 or more, got " + maxAborted);
        }
        if (minSamplePassRate != null && !(minSamplePassRate >= 0 && minSamplePassRate <= 1)) {
            throw new InvalidRuleException(where + ": minSamplePassRate must be a fraction in [0, 1] (0.8 for 80%), got "
                    + minSamplePassRate);
        }
        if (minJudgeAgreement != null || judgeAgreementStatistic != null) {
            JudgeAgreementRule.validate(where, minJudgeAgreement, judgeAgreementStatistic);
        }
        if (maxMeanScoreDrop != null && !(maxMeanScoreDrop >= 0)) {
            throw new InvalidRuleException(where + ": maxMeanScoreDrop must be 0 or more (0.25 allows the mean "
                    + "score to fall by a quarter point against the baseline), got " + maxMeanScoreDrop);
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    public String getRubric() {
        return rubric;
    }

    public String getTestClass() {
        return testClass;
    }

    public String getTag() {
        return tag;
    }

    public String getModule() {
        return module;
    }

    public Double getMinPassRate() {
        return minPassRate;
    }

    public Double getMinMeanScore() {
        return minMeanScore;
    }

    public Integer getMaxAborted() {
        return maxAborted;
    }

    public Double getMaxMeanScoreDrop() {
        return maxMeanScoreDrop;
    }

    public Double getMinSamplePassRate() {
        return minSamplePassRate;
    }

    /** Whether a significant drop against the baseline breaks this rule; {@code null} when the rule does not say. */
    public Boolean getFailOnSignificantDrop() {
        return failOnSignificantDrop;
    }

    /** The lowest lower bound of the judge's agreement with people on this rule's rubric, or {@code null}. */
    public Double getMinJudgeAgreement() {
        return minJudgeAgreement;
    }

    /** The statistic {@link #getMinJudgeAgreement()} is about, or {@code null} for the default. */
    public String getJudgeAgreementStatistic() {
        return judgeAgreementStatistic;
    }

    @Override
    public String toString() {
        return "Rule{rubric=" + rubric + ", testClass=" + testClass + ", tag=" + tag + (module == null ? "" : ", module=" + module)
                + ", minPassRate=" + minPassRate
                + ", minMeanScore=" + minMeanScore + ", maxAborted=" + maxAborted + ", maxMeanScoreDrop="
                + maxMeanScoreDrop + (minSamplePassRate == null ? "" : ", minSamplePassRate=" + minSamplePassRate)
                + (failOnSignificantDrop == null ? "" : ", failOnSignificantDrop=" + failOnSignificantDrop)
                + (minJudgeAgreement == null ? "" : ", minJudgeAgreement=" + minJudgeAgreement)
                + (judgeAgreementStatistic == null ? "" : ", judgeAgreementStatistic=" + judgeAgreementStatistic) + "}";
    }
}
