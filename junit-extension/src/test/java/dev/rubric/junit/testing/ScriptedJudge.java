package dev.rubric.junit.testing;

import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.DecodingSettings;
import dev.rubric.core.Grading;
import dev.rubric.core.Judge;
import dev.rubric.core.JudgeException;
import dev.rubric.core.JudgeFingerprint;
import dev.rubric.core.PairwiseGrading;
import dev.rubric.core.PairwiseVerdict;
import dev.rubric.core.Verdict;
import dev.rubric.core.Winner;
import dev.rubric.judge.JudgeConfig;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A judge for the tests (named by {@code rubric.judge=dev.rubric.junit.testing.ScriptedJudge}): scores come from a
 * script keyed by the response text; a scripted failure throws {@link JudgeException}. Pairwise: the higher-scored
 * response wins, and a tie goes to whichever is shown first (A), which is exactly a position-dependent judge. It
 * counts calls, constructions and closes, the most gradings it held at once, and how many gradings each
 * {@link #gradeAll} call brought (one call is one batch for a batching judge, one round trip for a server).
 */
public final class ScriptedJudge implements Judge {

    public static final int FAIL = -1;

    private static final Map<String, Integer> SCRIPT = new ConcurrentHashMap<>();
    public static final AtomicInteger CALLS = new AtomicInteger();
    public static final AtomicInteger CONSTRUCTED = new AtomicInteger();
    public static final AtomicInteger CLOSED = new AtomicInteger();
    private static final AtomicInteger IN_FLIGHT = new AtomicInteger();
    public static final AtomicInteger MAX_IN_FLIGHT = new AtomicInteger();
    /** The number of gradings of each {@link #gradeAll} call, in order. */
    public static final List<Integer> SUBMISSIONS = new CopyOnWriteArrayList<>();
    private static volatile long delayMillis;
    private static volatile boolean probabilities;

    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scripted-judge");
        t.setDaemon(true);
        return t;
    });

    public ScriptedJudge(JudgeConfig config) {
        CONSTRUCTED.incrementAndGet();
    }

    /** Forgets the script and the counters. */
    public static void reset() {
        SCRIPT.clear();
        CALLS.set(0);
        CONSTRUCTED.set(0);
        CLOSED.set(0);
        IN_FLIGHT.set(0);
        MAX_IN_FLIGHT.set(0);
        SUBMISSIONS.clear();
        delayMillis = 0;
        probabilities = false;
    }

    /**
     * Names this judge, with the verdict cache off, in system properties: where plain Jupiter tests of this module
     * take their judge from (the launcher's configuration parameters read them, and so does the standalone judge).
     */
    public static void useInPlainTests() {
        System.setProperty("rubric.judge", ScriptedJudge.class.getName());
        System.setProperty("rubric.cache", "off");
    }

    /**
     * Forgets the script and the counters, then scripts the usual answers: "good answer" 5, "fair answer" 4,
     * "weak answer", "even answer" and "other even answer" 3, "bad answer" 2; "explode" fails.
     */
    public static void resetToUsualAnswers() {
        reset();
        score("good answer", 5);
        score("fair answer", 4);
        score("weak answer", 3);
        score("even answer", 3);
        score("other even answer", 3);
        score("bad answer", 2);
        score("explode", FAIL);
    }

    /** The score this response text gets (1..5), or {@link #FAIL}. */
    public static void score(String response, int score) {
        SCRIPT.put(response, score);
    }

    /** How long each grading takes. */
    public static void delay(long millis) {
        delayMillis = millis;
    }

    /** Whether absolute verdicts carry score probabilities (centred on the score). */
    public static void withProbabilities(boolean on) {
        probabilities = on;
    }

    @Override
    public JudgeFingerprint fingerprint() {
        return new JudgeFingerprint("scripted", "scripted-judge", "1", "test", DecodingSettings.GREEDY);
    }

    @Override
    public CompletableFuture<Verdict> grade(Grading grading) {
        CALLS.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> {
            int now = IN_FLIGHT.incrementAndGet();
            MAX_IN_FLIGHT.accumulateAndGet(now, Math::max);
            try {
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
                return decide(grading);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JudgeException(JudgeException.Reason.CLOSED, "interrupted");
            } finally {
                IN_FLIGHT.decrementAndGet();
            }
        }, pool);
    }

    @Override
    public List<CompletableFuture<Verdict>> gradeAll(List<? extends Grading> gradings) {
        SUBMISSIONS.add(gradings.size());
        return gradings.stream().map(g -> grade((Grading) g)).toList();
    }

    private Verdict decide(Grading grading) {
        if (grading instanceof AbsoluteGrading a) {
            int s = scoreOf(a.response());
            List<Double> p = probabilities ? centredOn(s) : null;
            return AbsoluteVerdict.of(s, "Scripted feedback: the response \"" + a.response() + "\" earns " + s + ".",
                    p, false, fingerprint(), Duration.ofMillis(delayMillis));
        }
        PairwiseGrading p = (PairwiseGrading) grading;
        int a = scoreOf(p.responseA());
        int b = scoreOf(p.responseB());
        Winner w = b > a ? Winner.B : Winner.A;
        return new PairwiseVerdict(w, "Scripted feedback: A earns " + a + ", B earns " + b + ".", null, false,
                fingerprint(), Duration.ofMillis(delayMillis), false);
    }

    private static int scoreOf(String response) {
        Integer s = SCRIPT.get(response);
        if (s == null) {
            throw new JudgeException(JudgeException.Reason.UNPARSEABLE_OUTPUT,
                    "the scripted judge has no verdict for the response \"" + response + "\"");
        }
        if (s == FAIL) {
            throw new JudgeException(JudgeException.Reason.SERVER_ERROR,
                    "the scripted judge was told to fail on \"" + response + "\"");
        }
        return s;
    }

    private static List<Double> centredOn(int score) {
        Double[] p = {0.0, 0.0, 0.0, 0.0, 0.0};
        p[score - 1] = 0.6;
        p[Math.max(0, score - 2)] += 0.4;
        return List.of(p);
    }

    @Override
    public void close() {
        CLOSED.incrementAndGet();
        pool.shutdownNow();
    }
}
