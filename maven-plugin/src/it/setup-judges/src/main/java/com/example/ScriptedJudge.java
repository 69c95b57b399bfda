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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in judge whose scores the IT's data script (-Drubric.judge=com.example.ScriptedJudge): a response that
 * contains {@code [judge:N]} scores N, any other 3. Of two responses the higher-scored wins, and on equal scores the
 * first shown (A): a position bias, so that swapping A and B changes its pick. The feedback quotes the response's
 * start, as a judge's feedback may (untrusted text for the report to escape).
 */
public class ScriptedJudge implements Judge {

    private static final Pattern SCRIPT = Pattern.compile("\\[judge:([1-5])]");

    @Override
    public JudgeFingerprint fingerprint() {
        return new JudgeFingerprint("scripted", "scripted-judge", "1", "it", DecodingSettings.GREEDY);
    }

    static int score(String response) {
        Matcher m = SCRIPT.matcher(response);
        return m.find() ? Integer.parseInt(m.group(1)) : 3;
    }

    @Override
    public CompletableFuture<Verdict> grade(Grading grading) {
        if (grading instanceof AbsoluteGrading a) {
            int score = score(a.response());
            String start = a.response().length() > 40 ? a.response().substring(0, 40) : a.response();
            return CompletableFuture.completedFuture(AbsoluteVerdict.of(score, "Scripted " + score + " for: " + start,
                    null, false, fingerprint(), Duration.ZERO));
        }
        PairwiseGrading p = (PairwiseGrading) grading;
        Winner w = score(p.responseB()) > score(p.responseA()) ? Winner.B : Winner.A;
        return CompletableFuture.completedFuture(new PairwiseVerdict(w, "Scripted: response " + w + ".", null,
                false, fingerprint(), Duration.ZERO, false));
    }

    @Override
    public void close() {
    }
}
