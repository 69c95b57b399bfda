package dev.rubric.maven.fork;

import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.DecodingSettings;
import dev.rubric.core.Grading;
import dev.rubric.core.Judge;
import dev.rubric.core.JudgeFingerprint;
import dev.rubric.core.PairwiseVerdict;
import dev.rubric.core.Verdict;
import dev.rubric.core.Winner;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A judge for the judge process's tests: scores an answer by its length (1 to 5), and says in its feedback what the
 * process saw of its environment and working folder, so that a test can tell they arrived.
 */
public class EchoJudge implements Judge {

    @Override
    public JudgeFingerprint fingerprint() {
        return new JudgeFingerprint("echo", "echo", "1", "test", DecodingSettings.GREEDY);
    }

    @Override
    public CompletableFuture<Verdict> grade(Grading grading) {
        String seen = "env=" + System.getenv("RUBRIC_TEST_MARK") + " dir=" + System.getProperty("user.dir")
                + " prop=" + System.getProperty("rubric.test.mark");
        if (grading instanceof AbsoluteGrading a) {
            return CompletableFuture.completedFuture(AbsoluteVerdict.of(Math.min(5, Math.max(1, a.response().length())),
                    seen, null, false, fingerprint(), Duration.ZERO));
        }
        return CompletableFuture.completedFuture(new PairwiseVerdict(Winner.A, seen, null, false, fingerprint(),
                Duration.ZERO, false));
    }

    @Override
    public void close() {
    }
}
