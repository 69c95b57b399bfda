package com.example;

import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.DecodingSettings;
import dev.rubric.core.Grading;
import dev.rubric.core.Judge;
import dev.rubric.core.JudgeFingerprint;
import dev.rubric.core.PairwiseGrading;
import dev.rubric.core.PairwiseVerdict;
import dev.rubric.core.Verdict;
import dev.rubric.core.Winner;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A small deterministic judge for the IT builds (-Drubric.judge=com.example.KeywordJudge): an answer that mentions a
 * refund scores 5, any other 2; of two answers the higher-scored wins, A on a tie.
 */
public class KeywordJudge implements Judge {

    @Override
    public JudgeFingerprint fingerprint() {
        return new JudgeFingerprint("keyword", "keyword-judge", "1", "it", DecodingSettings.GREEDY);
    }

    /** The score of one answer. */
    protected int score(String response) {
        return response.toLowerCase().contains("refund") ? 5 : 2;
    }

    @Override
    public CompletableFuture<Verdict> grade(Grading grading) {
        if (grading instanceof AbsoluteGrading a) {
            int score = score(a.response());
            return CompletableFuture.completedFuture(AbsoluteVerdict.of(score,
                    score == 5 ? "The answer explains the refund." : score >= 3 ? "The answer mentions a refund but"
                            + " not the 30-day window." : "The answer does not address the question.",
                    null, false, fingerprint(), Duration.ZERO));
        }
        PairwiseGrading p = (PairwiseGrading) grading;
        Winner w = score(p.responseB()) > score(p.responseA()) ? Winner.B : Winner.A;
        return CompletableFuture.completedFuture(new PairwiseVerdict(w, "Response " + w + " is more specific.", null,
                false, fingerprint(), Duration.ZERO, false));
    }

    @Override
    public void close() {
    }
}
