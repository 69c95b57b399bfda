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
 * The stand-in judge of the IT builds whose tests run ({@code rubric.judge=com.example.KeywordJudge}): an answer that
 * mentions a refund scores 5, any other 2; of two answers, the one that mentions a refund wins (A when both or neither
 * do).
 */
public class KeywordJudge implements Judge {

    @Override
    public JudgeFingerprint fingerprint() {
        return new JudgeFingerprint("keyword", "keyword-judge", "1", "it", DecodingSettings.GREEDY);
    }

    @Override
    public CompletableFuture<Verdict> grade(Grading grading) {
        if (grading instanceof AbsoluteGrading a) {
            int score = score(a.response());
            return CompletableFuture.completedFuture(AbsoluteVerdict.of(score,
                    score == 5 ? "The answer explains the refund." : "The answer does not address the question.",
                    null, false, fingerprint(), Duration.ZERO));
        }
        PairwiseGrading p = (PairwiseGrading) grading;
        Winner w = score(p.responseB()) > score(p.responseA()) ? Winner.B : Winner.A;
        return CompletableFuture.completedFuture(new PairwiseVerdict(w, "Response " + w + " is more specific.", null,
                false, fingerprint(), Duration.ZERO, false));
    }

    private static int score(String response) {
        return response.toLowerCase().contains("refund") ? 5 : 2;
    }

    @Override
    public void close() {
    }
}
