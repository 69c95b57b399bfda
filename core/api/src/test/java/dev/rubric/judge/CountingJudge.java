package dev.rubric.judge;

import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.DecodingSettings;
import dev.rubric.core.Grading;
import dev.rubric.core.Judge;
import dev.rubric.core.JudgeException;
import dev.rubric.core.JudgeFingerprint;
import dev.rubric.core.PairwiseVerdict;
import dev.rubric.core.Verdict;
import dev.rubric.core.Winner;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake judge that counts what it is asked. Absolute: the score is the response length mod 5, plus 1; pairwise:
 * the longer response wins. Public with a (JudgeConfig) constructor, so that rubric.judge can name it.
 */
public class CountingJudge implements Judge {

    public static JudgeFingerprint fingerprint(String model, int maxTokens) {
        return new JudgeFingerprint("fake", model, "r1", "prometheus-2/v1",
                DecodingSettings.GREEDY.withMaxTokens(maxTokens));
    }

    private final JudgeFingerprint fingerprint;
    final List<Grading> asked = new CopyOnWriteArrayList<>();
    final AtomicInteger gradeAllCalls = new AtomicInteger();
    final AtomicInteger failuresLeft = new AtomicInteger();
    volatile boolean closed;

    public CountingJudge(JudgeConfig config) {
        this(new JudgeFingerprint("fake", config.model(), "r1", "prometheus-2/v1", config.decoding()));
    }

    CountingJudge(JudgeFingerprint fingerprint) {
        this.fingerprint = fingerprint;
    }

    CountingJudge() {
        this(fingerprint("fake/model", 1024));
    }

    /** The next {@code n} gradings fail with UNREACHABLE. */
    CountingJudge failNext(int n) {
        failuresLeft.set(n);
        return this;
    }

    int calls() {
        return asked.size();
    }

    @Override
    public JudgeFingerprint fingerprint() {
        return fingerprint;
    }

    @Override
    public CompletableFuture<Verdict> grade(Grading grading) {
        asked.add(grading);
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return CompletableFuture.failedFuture(new JudgeException(JudgeException.Reason.UNREACHABLE,
                    "fake judge: injected failure"));
        }
        return CompletableFuture.completedFuture(verdictFor(grading, fingerprint));
    }

    @Override
    public List<CompletableFuture<Verdict>> gradeAll(List<? extends Grading> gradings) {
        gradeAllCalls.incrementAndGet();
        return Judge.super.gradeAll(gradings);
    }

    static Verdict verdictFor(Grading grading, JudgeFingerprint fingerprint) {
        if (grading instanceof AbsoluteGrading a) {
            int score = a.response().length() % 5 + 1;
            return new AbsoluteVerdict(score, "Feedback for \"" + a.response() + "\"",
                    List.of(0.1, 0.1, 0.2, 0.3, 0.3), null, false, fingerprint, Duration.ofMillis(1234), false);
        }
        dev.rubric.core.PairwiseGrading p = (dev.rubric.core.PairwiseGrading) grading;
        Winner w = p.responseA().length() >= p.responseB().length() ? Winner.A : Winner.B;
        return new PairwiseVerdict(w, "A vs B", 0.75, false, fingerprint, Duration.ofMillis(20), false);
    }

    @Override
    public void close() {
        closed = true;
    }
}
