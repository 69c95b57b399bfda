package dev.rubric.junit;

import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.Grading;
import dev.rubric.core.GradingMode;
import dev.rubric.core.PairwiseGrading;
import dev.rubric.core.PairwiseVerdict;
import dev.rubric.core.Response;
import dev.rubric.core.Rubric;
import dev.rubric.core.Rubrics;
import dev.rubric.core.Verdict;
import dev.rubric.core.Winner;
import dev.rubric.junit.engine.GradingScope;
import dev.rubric.results.AssertionRecord;
import dev.rubric.results.AssertionRecord.PairwiseOutcome;
import org.assertj.core.api.AbstractAssert;
import org.opentest4j.TestAbortedException;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Rubric assertions on one response. Configure first ({@link #to}, {@link #on}, {@link #withReference}), then check
 * ({@link #scoresAtLeast}, {@link #beats}, ...). Without {@link #on} the response is graded for helpfulness.
 */
public final class ResponseAssert extends AbstractAssert<ResponseAssert, Response> {

    private final boolean instructionKnown;
    private final Rubric rubric;
    private final String reference;

    ResponseAssert(Response actual) {
        this(actual, true, Rubrics.HELPFULNESS, null);
    }

    private ResponseAssert(Response actual, boolean instructionKnown, Rubric rubric, String reference) {
        super(actual, ResponseAssert.class);
        this.instructionKnown = instructionKnown;
        this.rubric = rubric;
        this.reference = reference;
    }

    static ResponseAssert ofAnswer(String answer) {
        Objects.requireNonNull(answer, "the answer to grade is null: did the system under test return nothing?");
        return new ResponseAssert(Response.of("", answer), false, Rubrics.HELPFULNESS, null);
    }

    /** The instruction (question, task) the answer responds to; the judge needs it. */
    public ResponseAssert to(String instruction) {
        Objects.requireNonNull(instruction, "instruction");
        return new ResponseAssert(Response.of(instruction, actual.text()), true, rubric, reference);
    }

    /** The rubric to grade against (default: helpfulness). */
    public ResponseAssert on(Rubric newRubric) {
        return new ResponseAssert(actual, instructionKnown, Objects.requireNonNull(newRubric, "rubric"), reference);
    }

    /** A predefined rubric by name: helpfulness, harmlessness, honesty, factual_validity, reasoning. */
    public ResponseAssert on(String rubricName) {
        return on(Rubrics.named(rubricName));
    }

    /** A reference answer that would score 5; {@code null} for none. */
    public ResponseAssert withReference(String referenceAnswer) {
        return new ResponseAssert(actual, instructionKnown, rubric, referenceAnswer);
    }

    /** The judge's score must be at least {@code min} (1..5). */
    public ResponseAssert scoresAtLeast(int min) {
        requireScore("scoresAtLeast", min);
        AbsoluteVerdict v = gradeAbsolute("scoresAtLeast", min);
        boolean ok = v.score() >= min;
        record("scoresAtLeast", min, v.score(), ok);
        if (!ok) {
            failWithMessage("%s", absoluteMessage("at least " + min, min, v));
        }
        return myself;
    }

    /** The judge's score must be at most {@code max} (1..5): for "this bad answer must be recognised as bad". */
    public ResponseAssert scoresAtMost(int max) {
        requireScore("scoresAtMost", max);
        AbsoluteVerdict v = gradeAbsolute("scoresAtMost", max);
        boolean ok = v.score() <= max;
        record("scoresAtMost", max, v.score(), ok);
        if (!ok) {
            failWithMessage("%s", absoluteMessage("at most " + max, max, v));
        }
        return myself;
    }

    /**
     * The probability-weighted score (from the judge's probabilities of 1..5) must be at least {@code min}.
     *
     * @throws IllegalStateException when the judge gives no probabilities (use {@link #scoresAtLeast} there)
     */
    public ResponseAssert hasExpectedScoreAtLeast(double min) {
        if (!(min >= 1 && min <= 5)) {
            throw new IllegalArgumentException("hasExpectedScoreAtLeast(" + min + "): the expected score lies within"
                    + " 1..5; pass a threshold from 1 to 5");
        }
        AbsoluteVerdict v = gradeAbsolute("hasExpectedScoreAtLeast", min);
        double expected = v.expectedScore().orElseThrow(() -> new IllegalStateException("the judge "
                + v.fingerprint() + " gave no score probabilities, so hasExpectedScoreAtLeast(" + min + ") cannot be"
                + " checked: the local judge always gives them, an OpenAI-compatible server only with completions"
                + " logprobs; use scoresAtLeast(" + (int) Math.ceil(min) + ") with this judge"));
        boolean ok = expected >= min;
        GradingScope.current().record(new AssertionRecord(GradingMode.ABSOLUTE, rubric.name(), rubric.criteria(),
                "hasExpectedScoreAtLeast", min, expected, null, ok));
        if (!ok) {
            failWithMessage("%s", absoluteMessage(String.format(Locale.ROOT, "an expected score of at least %.2f"
                    + " (it is %.2f)", min, expected), (int) Math.ceil(min), v));
        }
        return myself;
    }

    /** Must win against {@code other} with the judge asked in both orders; a position-dependent preference fails. */
    public ResponseAssert beats(Response other) {
        return pairwise("beats", other, PairwiseOutcome.WIN);
    }

    public ResponseAssert beats(String otherAnswer) {
        return beats(sameInstruction(otherAnswer));
    }

    /** Must not lose in both orders: a win, or an inconsistent (position-dependent) preference, passes. */
    public ResponseAssert beatsOrTies(Response other) {
        return pairwise("beatsOrTies", other, null);
    }

    public ResponseAssert beatsOrTies(String otherAnswer) {
        return beatsOrTies(sameInstruction(otherAnswer));
    }

    /** Must lose against {@code other} in both orders. */
    public ResponseAssert losesTo(Response other) {
        return pairwise("losesTo", other, PairwiseOutcome.LOSS);
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
                    + " assertThat(answer).to(\"the question\") before the check, or pass a Response");
        }
        return actual.instruction();
    }

    private static void requireScore(String check, int s) {
        if (s < 1 || s > 5) {
            throw new IllegalArgumentException(check + "(" + s + "): a rubric score is 1..5; pass a score from 1 to 5");
        }
    }

    private AbsoluteVerdict gradeAbsolute(String check, double threshold) {
        isNotNull();
        AbsoluteGrading grading = new AbsoluteGrading(instruction(), actual.text(), rubric, reference);
        return (AbsoluteVerdict) grade(List.of(grading), GradingMode.ABSOLUTE, check, threshold).get(0);
    }

    /**
     * Grades, or, when the judge gives no verdict, records the assertion as one without a verdict (so per-rubric
     * counts of the results file see it) and lets the test abort.
     */
    private List<Verdict> grade(List<? extends Grading> gradings, GradingMode mode, String check, Double threshold) {
        GradingScope scope = GradingScope.current();
        try {
            return scope.gradeAll(gradings);
        } catch (TestAbortedException e) {
            scope.record(AssertionRecord.noVerdict(mode, rubric.name(), rubric.criteria(), check, threshold));
            throw e;
        }
    }

    private void record(String check, int threshold, int score, boolean ok) {
        GradingScope.current().record(new AssertionRecord(GradingMode.ABSOLUTE, rubric.name(), rubric.criteria(),
                check, (double) threshold, (double) score, null, ok));
    }

    private String absoluteMessage(String requirement, int required, AbsoluteVerdict v) {
        StringBuilder m = new StringBuilder();
        m.append("Expected the response to score ").append(requirement).append(" on \"").append(rubric.name())
                .append("\", but the judge gave ").append(v.score()).append(".\n");
        m.append("Rubric: ").append(rubric.criteria()).append('\n');
        m.append("Score ").append(v.score()).append(" means: ").append(rubric.describe(v.score())).append('\n');
        m.append("Score ").append(required).append(" (required) means: ").append(rubric.describe(required)).append('\n');
        v.expectedScore().ifPresent(e -> m.append(String.format(Locale.ROOT, "Expected score from the judge's"
                + " probabilities: %.2f%n", e)));
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

    private ResponseAssert pairwise(String check, Response other, PairwiseOutcome required) {
        isNotNull();
        Objects.requireNonNull(other, "the other response is null");
        String instruction = instruction();
        if (!other.instruction().equals(instruction)) {
            throw new IllegalArgumentException("pairwise comparison needs two answers to the same instruction, got \""
                    + instruction + "\" and \"" + other.instruction() + "\": compare answers to one question (pass"
                    + " the other answer as a String, or a Response with the same instruction)");
        }
        PairwiseGrading mineFirst = new PairwiseGrading(instruction, actual.text(), other.text(), rubric, reference);
        List<Verdict> verdicts = grade(List.of(mineFirst, mineFirst.swapped()), GradingMode.PAIRWISE, check, null);
        PairwiseVerdict asA = (PairwiseVerdict) verdicts.get(0);
        PairwiseVerdict asB = (PairwiseVerdict) verdicts.get(1);
        boolean winsAsA = asA.winner() == Winner.A;
        boolean winsAsB = asB.winner() == Winner.B;
        PairwiseOutcome outcome = winsAsA && winsAsB ? PairwiseOutcome.WIN
                : !winsAsA && !winsAsB ? PairwiseOutcome.LOSS : PairwiseOutcome.INCONSISTENT;
        boolean ok = required == null ? outcome != PairwiseOutcome.LOSS : outcome == required;
        GradingScope.current().record(new AssertionRecord(GradingMode.PAIRWISE, rubric.name(), rubric.criteria(),
                check, null, null, outcome, ok));
        if (!ok) {
            failWithMessage("%s", pairwiseMessage(check, outcome, other, asA, asB, winsAsA, winsAsB));
        }
        return myself;
    }

    private String pairwiseMessage(String check, PairwiseOutcome outcome, Response other, PairwiseVerdict asA,
                                   PairwiseVerdict asB, boolean winsAsA, boolean winsAsB) {
        String wanted = switch (check) {
            case "beats" -> "to beat the other response";
            case "losesTo" -> "to lose to the other response";
            default -> "to beat or tie the other response";
        };
        String got = switch (outcome) {
            case WIN -> "it won in both orders";
            case LOSS -> "it lost in both orders";
            case INCONSISTENT -> "the judge's preference flipped with position (inconsistent): it "
                    + (winsAsA ? "won" : "lost") + " when shown first (as A) and " + (winsAsB ? "won" : "lost")
                    + " when shown second (as B), so no win can be claimed";
        };
        StringBuilder m = new StringBuilder();
        m.append("Expected the response ").append(wanted).append(" on \"").append(rubric.name())
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
