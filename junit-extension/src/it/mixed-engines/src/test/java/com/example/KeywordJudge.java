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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A stand-in judge for this project's build: an answer that mentions what was asked about scores 5, else 2. Each
 * construction adds a line to keyword-judge-constructions.txt in the run's build folder: the rubric engine and the plain Jupiter tests
 * of one JVM, configured alike, must build it once.
 */
public class KeywordJudge implements Judge {

    public KeywordJudge() {
        try {
            Path log = Path.of(System.getProperty("judge.log.dir", "target"), "keyword-judge-constructions.txt");
            Files.writeString(log, "constructed" + System.lineSeparator(), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public JudgeFingerprint fingerprint() {
        return new JudgeFingerprint("keyword", "keyword-judge", "1", "it", DecodingSettings.GREEDY);
    }

    @Override
    public CompletableFuture<Verdict> grade(Grading grading) {
        if (grading instanceof AbsoluteGrading a) {
            int score = score(a.instruction(), a.response());
            return CompletableFuture.completedFuture(AbsoluteVerdict.of(score,
                    score == 5 ? "The answer addresses the question." : "The answer does not address the question.",
                    null, false, fingerprint(), Duration.ZERO));
        }
        PairwiseGrading p = (PairwiseGrading) grading;
        Winner w = score(p.instruction(), p.responseB()) > score(p.instruction(), p.responseA()) ? Winner.B : Winner.A;
        return CompletableFuture.completedFuture(new PairwiseVerdict(w, "Response " + w + " is more specific.", null,
                false, fingerprint(), Duration.ZERO, false));
    }

    private static int score(String instruction, String response) {
        return instruction.toLowerCase().contains("refund") && response.toLowerCase().contains("refund") ? 5 : 2;
    }

    @Override
    public void close() {
    }
}
