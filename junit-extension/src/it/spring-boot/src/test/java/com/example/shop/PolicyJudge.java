package com.example.shop;

import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.DecodingSettings;
import dev.rubric.core.Grading;
import dev.rubric.core.Judge;
import dev.rubric.core.JudgeFingerprint;
import dev.rubric.core.Verdict;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A stand-in judge for this build: an answer that states a refund period in days earns a 5, any other a 1. */
public class PolicyJudge implements Judge {

    @Override
    public JudgeFingerprint fingerprint() {
        return new JudgeFingerprint("policy", "policy-judge", "1", "it", DecodingSettings.GREEDY);
    }

    @Override
    public CompletableFuture<Verdict> grade(Grading grading) {
        String response = ((AbsoluteGrading) grading).response();
        boolean states = response.matches(".*\\b\\d+ days\\b.*");
        return CompletableFuture.completedFuture(AbsoluteVerdict.of(states ? 5 : 1,
                states ? "States the refund period." : "Does not say how long a refund can be asked for.", null,
                false, fingerprint(), Duration.ZERO));
    }

    @Override
    public void close() {
    }
}
