package dev.rubric.junit;

import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.PairwiseGrading;
import dev.rubric.core.PairwiseVerdict;
import dev.rubric.core.Rubric;
import dev.rubric.core.Rubrics;
import dev.rubric.core.Verdict;
import dev.rubric.core.Winner;
import dev.rubric.junit.engine.GradingScope;
import dev.rubric.results.AssertionRecord;
import dev.rubric.results.AssertionRecord.PairwiseOutcome;
import dev.rubric.results.Check;
import org.assertj.core.api.AbstractAssert;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Rubric assertions on one response. Configure first ({@link #to}, {@link #on}, {@link #withReference}), then check
 * ({@link #scoresAtLeast}, {@link #beats}, ...). Without {@link #on} the response is graded for helpfulness.
 * AssertJ's {@code as(...)}, {@code describedAs(...)}, {@code withFailMessage(...)} and
 * {@code overridingErrorMessage(...)} hold through the configuration calls, in any order.
 *
 * <p>A check waits for its verdict and fails at once, unless the assertion came from {@link RubricSoftAssertions}:
 * then it is graded together with the other checks of the test when they are asserted.
 */
public final class ResponseAssert extends AbstractAssert<ResponseAssert, Response> {

    private final boolean instructionKnown;
    private final Rubric rubric;
    private final String reference;
    private final RubricSoftAssertions soft;

    ResponseAssert(Response actual) {
        this(actual, true, Rubrics.HELPFULNESS, null, null);
    }

    private ResponseAssert(Response actual, boolean instructionKnown, Rubric rubric, String reference,
                           RubricSoftAssertions soft) {
        super(actual, ResponseAssert.class);
        this.instructionKnown = instructionKnown;
        this.rubric = rubric;
        this.reference = reference;
        this.soft = soft;
    }

    static ResponseAssert ofAnswer(String answer) {
        Objects.requireNonNull(answer, "the answer to grade is null: did the system under test return nothing?");
        return new ResponseAssert(Response.of("", answer), false, Rubrics.HELPFULNESS, null, null);
    }

    /** This assertion, with its checks collected by {@code soft} instead of failing at once. */
    ResponseAssert collectedBy(RubricSoftAssertions collector) {
        return copy(actual, instructionKnown, rubric, reference, Objects.requireNonNull(collector, "collector"));
    }

    /** The instruction (question, task) the answer responds to; the judge needs it. */
    public ResponseAssert to(String instruction) {
        Objects.requireNonNull(instruction, "instruction");
        return copy(Response.of(instruction, actual.text()), true, rubric, reference, soft);
    }

    /** The rubric to grade against (default: helpfulness). */
    public ResponseAssert on(Rubric newRubric) {
        return copy(actual, instructionKnown, Objects.requireNonNull(newRubric, "rubric"), reference, soft);
    }

    /** A predefined rubric by name: helpfulness, harmlessness, honesty, factual_validity, reasoning. */
    public ResponseAssert on(String rubricName) {
        return on(Rubrics.named(rubricName));
    }

    /** A reference answer that would score 5; {@code null} for none. */
    public ResponseAssert withReference(String referenceAnswer) {
        return copy(actual, instructionKnown, rubric, referenceAnswer, soft);
    }

    /**
     * A configured copy that keeps what AssertJ's description and message calls set on this one: each configuration
     * call makes a new assertion (a configured one can be reused), and the description must not be lost on the way.
     */
    private ResponseAssert copy(Response response, boolean known, Rubric r, String ref, RubricSoftAssertions s) {
        ResponseAssert c = new ResponseAssert(response, known, r, ref, s);
        c.info.description(info.description());
        c.info.useRepresentation(info.representation());
        String overriding = info.overridingErrorMessage();
        if (overriding != null) {
            c.info.overridingErrorMessage(overriding);
        }
        return c;
    }

    /** The judge's score must be at least {@code min} (1..5). */
    public ResponseAssert scoresAtLeast(int min) {
        requireScore(Check.SCORES_AT_LEAST, min);
        return absolute(Check.SCORES_AT_LEAST, min);
    }

    /** The judge's score must be at most {@code max} (1..5): for "this bad answer must be recognised as bad". */
    public ResponseAssert scoresAtMost(int max) {
        requireScore(Check.SCORES_AT_MOST, max);
        return absolute(Check.SCORES_AT_MOST, max);
    }

    /**
     * The probability-weighted score (from the judge's probabilities of 1..5) must be at least {@code min}. A verdict
     * without probabilities cannot be checked this way: the test is an error that says why (the local judge always
     * gives them; a server only where it reported at least two scores at the score it wrote).
     *
     * @throws IllegalStateException when the judge gives no probabilities (use {@link #scoresAtLeast} there)
     */
    public ResponseAssert hasExpectedScoreAtLeast(double min) {
        if (!(min >= 1 && min <= 5)) {
            throw new IllegalArgumentException("hasExpectedScoreAtLeast(" + min + "): the expected score lies within"
                    + " 1..5; pass a threshold from 1 to 5");
        }
        return absolute(Check.HAS_EXPECTED_SCORE_AT_LEAST, min);
    }

    /** Must win against {@code other} with the judge asked in both orders; a position-dependent preference fails. */
    public ResponseAssert beats(Response other) {
        return pairwise(Check.BEATS, other);
    }

    public ResponseAssert beats(String otherAnswer) {
        return beats(sameInstruction(otherAnswer));
    }

    /** Must not lose in both orders: a win, or an inconsistent (position-dependent) preference, passes. */
    public ResponseAssert beatsOrTies(Response other) {
        return pairwise(Check.BEATS_OR_TIES, other);
    }

    public ResponseAssert beatsOrTies(String otherAnswer) {
        return beatsOrTies(sameInstruction(otherAnswer));
    }

    /** Must lose against {@code other} in both orders. */
    public ResponseAssert losesTo(Response other) {
        return pairwise(Check.LOSES_TO, other);
    }

    public ResponseAssert losesTo(String otherAnswer) {
        return losesTo(sameInstruction(otherAnswer));
    }

    private Response sameInstruction(String otherAnswer) {
        Objects.requireNonNull(otherAnswer, "the other answer is null");
        return Response.of(instruction(), otherAnswer);
    }

    private String instruction() {
        if (!instructionKnown) {
            throw new IllegalStateException("the judge needs the instruction this answer responds to: call"
                    + " assertThatAnswer(answer).to(\"the question\") before the check, or assert on a Response");
        }
        return actual.instruction();
    }

    private static void requireScore(Check check, int s) {
        if (s < 1 || s > 5) {
            throw new IllegalArgumentException(check.method() + "(" + s + "): a rubric score is 1..5; pass a score"
                    + " from 1 to 5");
        }
    }

    /** The failure of a check that did not hold, worded with this assertion's description or overriding message. */
    AssertionError failureOf(String message) {
        return failure("%s", message);
    }

    /** Checks at once, or (soft) leaves the check to the collector. */
    private ResponseAssert run(PendingCheck check) {
        if (soft != null) {
            soft.add(check);
            return myself;
        }
        PendingCheck.Resolution r = check.resolve(check.scope().submit(check.gradings()).await());
        if (r instanceof PendingCheck.NoVerdict n) {
            throw GradingScope.aborted(n.reason());
        }
        if (r instanceof PendingCheck.Failed f) {
            throw f.error();
        }
        return myself;
    }

    private ResponseAssert absolute(Check check, double threshold) {
        isNotNull();
        AbsoluteGrading grading = new AbsoluteGrading(instruction(), actual.text(), rubric, reference);
        return run(new PendingCheck(this, check, threshold, rubric, GradingScope.current(), List.of(grading),
                verdicts -> decideAbsolute(check, threshold, (AbsoluteVerdict) verdicts.get(0))));
    }

    private PendingCheck.Decision decideAbsolute(Check check, double threshold, AbsoluteVerdict v) {
        double observed = check != Check.HAS_EXPECTED_SCORE_AT_LEAST ? v.score()
                : v.expectedScore().orElseThrow(() -> new IllegalStateException(noProbabilities(v, threshold)));
        boolean ok = check.holds(observed, threshold);
        AssertionRecord record = new AssertionRecord(rubric.name(), rubric.criteria(), check, threshold, observed,
                null, ok);
        return new PendingCheck.Decision(record, ok ? null : absoluteMessage(check, threshold, observed, v));
    }

    /**
     * Why hasExpectedScoreAtLeast cannot judge this verdict: a judge gives probabilities only where they are real, and
     * a server only where it reported at least two scores at the token of the score it wrote.
     */
    private static String noProbabilities(AbsoluteVerdict v, double threshold) {
        String why = switch (v.fingerprint().backend()) {
            case "openai" -> "the server did not report them where they would be real: they come only from"
                    + " log-probabilities at the token of the score it wrote, with at least two scores among its top"
                    + " alternatives there. A server that returns no log-probabilities, or whose top alternatives at"
                    + " the score hold that one score only, says nothing about the other scores, and a distribution"
                    + " that put everything on one score would be made up";
            default -> "this judge does not expose them";
        };
        return "the judge " + v.fingerprint() + " gave no score probabilities for this verdict (score " + v.score()
                + "), so hasExpectedScoreAtLeast(" + threshold + ") cannot be checked: " + why + "; use scoresAtLeast("
                + (int) Math.ceil(threshold) + "), which needs only the score, or a judge that gives probabilities"
                + " (the local judge always does)";
    }

    private String absoluteMessage(Check check, double threshold, double observed, AbsoluteVerdict v) {
        boolean expected = check == Check.HAS_EXPECTED_SCORE_AT_LEAST;
        int required = expected ? (int) Math.ceil(threshold) : (int) threshold;
        StringBuilder m = new StringBuilder();
        m.append("Expected the response ").append(check.requirement(threshold))
                .append(expected ? String.format(Locale.ROOT, " (it is %.2f)", observed) : "")
                .append(" on \"").append(rubric.name()).append("\", but the judge gave ").append(v.score())
                .append(".\n");
        m.append("Rubric: ").append(rubric.criteria()).append('\n');
        m.append("Score ").append(v.score()).append(" means: ").append(rubric.describe(v.score())).append('\n');
        m.append("Score ").append(required).append(" (required) means: ").append(rubric.describe(required))
                .append('\n');
        v.expectedScore().ifPresent(e -> m.append(String.format(Locale.ROOT, "Expected score from the judge's"
                + " probabilities: %.2f", e)).append(v.probabilityMass() < 1.0 ? String.format(Locale.ROOT,
                " (normalised over the scores the judge reported, which held %.1f%% of its probability)",
                v.probabilityMass() * 100) : "").append('\n'));
        if (v.sampleScores().size() > 1) {
            m.append("Judge samples: ").append(v.sampleScores()).append('\n');
        }
        m.append("Judge feedback:\n").append(FailureMessages.wrap(v.feedback()));
        appendResponse(m, "Response", actual.text());
        if (reference != null) {
            appendResponse(m, "Reference answer", reference);
        }
        m.append("Verdict: ").append(FailureMessages.source(v));
        return m.toString();
    }

    private void appendResponse(StringBuilder m, String label, String text) {
        m.append(label).append(" to \"").append(shortInstruction()).append("\":\n")
                .append(FailureMessages.wrap(FailureMessages.shorten(text)));
    }

    private String shortInstruction() {
        String i = actual.instruction().strip().replaceAll("\\s+", " ");
        return i.length() <= 120 ? i : i.substring(0, 117) + "...";
    }

    private ResponseAssert pairwise(Check check, Response other) {
        isNotNull();
        Objects.requireNonNull(other, "the other response is null");
        String instruction = instruction();
        if (!other.instruction().equals(instruction)) {
            throw new IllegalArgumentException("pairwise comparison needs two answers to the same instruction, got \""
                    + instruction + "\" and \"" + other.instruction() + "\": compare answers to one question (pass"
                    + " the other answer as a String, or a Response with the same instruction)");
        }
        PairwiseGrading mineFirst = new PairwiseGrading(instruction, actual.text(), other.text(), rubric, reference);
        return run(new PendingCheck(this, check, null, rubric, GradingScope.current(),
                List.of(mineFirst, mineFirst.swapped()), verdicts -> decidePairwise(check, other, verdicts)));
    }

    private PendingCheck.Decision decidePairwise(Check check, Response other, List<Verdict> verdicts) {
        PairwiseVerdict asA = (PairwiseVerdict) verdicts.get(0);
        PairwiseVerdict asB = (PairwiseVerdict) verdicts.get(1);
        boolean winsAsA = asA.winner() == Winner.A;
        boolean winsAsB = asB.winner() == Winner.B;
        PairwiseOutcome outcome = PairwiseOutcome.of(winsAsA, winsAsB);
        boolean ok = check.holds(outcome);
        AssertionRecord record = new AssertionRecord(rubric.name(), rubric.criteria(), check, null, null, outcome, ok);
        return new PendingCheck.Decision(record, ok ? null
                : pairwiseMessage(check, outcome, other, asA, asB, winsAsA, winsAsB));
    }

    private String pairwiseMessage(Check check, PairwiseOutcome outcome, Response other, PairwiseVerdict asA,
                                   PairwiseVerdict asB, boolean winsAsA, boolean winsAsB) {
        String got = switch (outcome) {
            case WIN -> "it won in both orders";
            case LOSS -> "it lost in both orders";
            case INCONSISTENT -> "the judge's preference flipped with position (inconsistent): it "
                    + (winsAsA ? "won" : "lost") + " when shown first (as A) and " + (winsAsB ? "won" : "lost")
                    + " when shown second (as B), so no win can be claimed";
        };
        StringBuilder m = new StringBuilder();
        m.append("Expected the response ").append(check.requirement(null)).append(" on \"").append(rubric.name())
                .append("\" (the judge was asked in both orders), but ").append(got).append(".\n");
        m.append("Rubric: ").append(rubric.criteria()).append('\n');
        m.append("Judge feedback with this response as A (winner ").append(asA.winner()).append("):\n")
                .append(FailureMessages.wrap(asA.feedback()));
        m.append("Judge feedback with this response as B (winner ").append(asB.winner()).append("):\n")
                .append(FailureMessages.wrap(asB.feedback()));
        appendResponse(m, "Response", actual.text());
        appendResponse(m, "Other response", other.text());
        m.append("Verdicts: ").append(FailureMessages.source(asA)).append("; ")
                .append(asB.cached() ? "from the verdict cache" : "fresh from the judge");
        return m.toString();
    }
}
