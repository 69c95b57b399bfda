package dev.rubric.judge.process;

import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.DecodingSettings;
import dev.rubric.core.Grading;
import dev.rubric.core.Judge;
import dev.rubric.core.JudgeFingerprint;
import dev.rubric.core.PairwiseVerdict;
import dev.rubric.core.Verdict;
import dev.rubric.core.Winner;
import dev.rubric.judge.JudgeConfig;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The judge disabled, for the benchmark's baseline: {@code rubric.judge=dev.rubric.judge.process.InstantJudge} answers
 * every grading at once with a fixed verdict, so a run with it costs what the run costs without any judge work.
 */
public final class InstantJudge implements Judge {

    private final JudgeFingerprint fingerprint;

    public InstantJudge(JudgeConfig config) {
        this.fingerprint = new JudgeFingerprint("instant", "none", "none", "none", DecodingSettings.GREEDY);
    }

    @Override
    public JudgeFingerprint fingerprint() {
        return fingerprint;
    }

    @Override
    public CompletableFuture<Verdict> grade(Grading grading) {
        return CompletableFuture.completedFuture(switch (grading.mode()) {
            case ABSOLUTE -> AbsoluteVerdict.of(4, "fine", List.of(0.1, 0.1, 0.1, 0.6, 0.1), false, fingerprint,
                    Duration.ZERO);
            case PAIRWISE -> new PairwiseVerdict(Winner.A, "fine", 0.6, false, fingerprint, Duration.ZERO, false);
        });
    }

    @Override
    public void close() {
    }
}
