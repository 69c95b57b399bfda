package com.example;

import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.Grading;
import dev.rubric.core.Judge;
import dev.rubric.core.JudgeException;
import dev.rubric.core.JudgeFingerprint;
import dev.rubric.core.PairwiseVerdict;
import dev.rubric.core.Verdict;
import dev.rubric.core.Winner;
import dev.rubric.judge.JudgeConfig;
import dev.rubric.judge.SampledVerdicts;
import dev.rubric.prometheus.PrometheusFormat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A judge whose answers a benchmark slice scripts (-Drubric.judge=com.example.BenchScriptJudge): the prompt the judge
 * gets (the user message, exactly as the real judges receive it) holds {@code [[scripted: 4 5 3]]}, one answer per
 * sample ({@code rubric.judge.samples}): a score, A or B, or x for output that does not parse. The samples are
 * combined as the real backends combine them.
 */
public class BenchScriptJudge implements Judge {

    private static final Pattern SCRIPT = Pattern.compile("\\[\\[scripted: ([^\\]]*)]]");

    private final JudgeFingerprint fingerprint;
    private final int samples;

    public BenchScriptJudge(JudgeConfig config) {
        this.fingerprint = new JudgeFingerprint("scripted", "scripted-judge", "1", "it", config.decoding());
        this.samples = config.decoding().samples();
    }

    @Override
    public JudgeFingerprint fingerprint() {
        return fingerprint;
    }

    @Override
    public CompletableFuture<Verdict> grade(Grading grading) {
        Matcher m = SCRIPT.matcher(PrometheusFormat.get().userMessage(grading));
        if (!m.find()) {
            return CompletableFuture.failedFuture(new JudgeException(JudgeException.Reason.SERVER_ERROR,
                    "no [[scripted: ...]] in the prompt"));
        }
        String[] answers = m.group(1).trim().split("\\s+");
        List<AbsoluteVerdict> scores = new ArrayList<>();
        List<PairwiseVerdict> winners = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            String a = answers[i % answers.length];
            if (a.equals("x")) {
                return CompletableFuture.failedFuture(new JudgeException(JudgeException.Reason.UNPARSEABLE_OUTPUT,
                        "sample " + i + " has no [RESULT]"));
            }
            if (grading instanceof AbsoluteGrading) {
                scores.add(AbsoluteVerdict.of(Integer.parseInt(a), "scripted", null, false, fingerprint,
                        Duration.ZERO));
            } else {
                winners.add(new PairwiseVerdict(Winner.valueOf(a), "scripted", null, false, fingerprint,
                        Duration.ZERO, false));
            }
        }
        return CompletableFuture.completedFuture(grading instanceof AbsoluteGrading
                ? SampledVerdicts.combineAbsolute(scores) : SampledVerdicts.combinePairwise(winners));
    }

    @Override
    public void close() {
    }
}
