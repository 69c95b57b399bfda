package dev.rubric.judge.process;

import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.Grading;
import dev.rubric.core.Judge;
import dev.rubric.core.Rubrics;
import dev.rubric.core.Verdict;
import dev.rubric.judge.JudgeConfig;
import dev.rubric.judge.Judges;
import dev.rubric.judge.local.LazyLocalJudge;
import dev.rubric.judge.local.ModelIdentity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One round of {@link WarmJudgeBenchmark}, in a JVM of its own: builds the judge as a test run does, grades, and
 * writes the seconds from its start to the judge built, and from the gradings' submission to the first verdict and to
 * the last. Modes: {@code graded}
 * (the local judge, cache off unless the home's verdict cache is to be filled: {@code gradings} &gt; 1),
 * {@code cached} (the local judge behind the verdict cache), {@code eager} (the same, with the model loaded as the
 * judge is built, as before the lazy model), {@code disabled} (a judge that answers at once).
 * Arguments: mode, cache home, model folder, share=..., gradings, max-tokens, result file.
 */
public final class WarmJudgeBenchmarkRun {

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        String mode = args[0];
        Path home = Path.of(args[1]);
        int count = Integer.parseInt(args[4]);
        Map<String, String> p = new HashMap<>(Map.of(
                "rubric.judge", mode.equals("disabled") ? InstantJudge.class.getName() : "local",
                "rubric.judge.model", args[2],
                "rubric.judge.share", args[3].substring("share=".length()),
                "rubric.judge.max-tokens", args[5],
                "rubric.judge.device", "cpu",
                "rubric.cache", mode.equals("graded") && count == 1 ? "off" : "readwrite",
                "rubric.cache.dir", home.resolve("verdicts").toString()));
        JudgeConfig config = JudgeConfig.from(k -> Optional.ofNullable(p.get(k)),
                Map.of("XDG_CACHE_HOME", home.toString()));
        List<Grading> gradings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            gradings.add(AbsoluteGrading.of("Question " + i + "?", "Answer " + i + ".",
                    Rubrics.HELPFULNESS));
        }
        Judge judge;
        if (mode.equals("eager")) {
            LazyLocalJudge local = LazyLocalJudge.of(config, ModelIdentity.of(config));
            local.model().join(); // what building the local judge did before: load, whatever the cache holds
            judge = Judges.withCache(local, config);
        } else {
            judge = Judges.create(config);
        }
        double built = seconds(start);
        double first;
        double all;
        try (judge) {
            long submitted = System.nanoTime();
            List<CompletableFuture<Verdict>> futures = judge.gradeAll(gradings);
            futures.get(0).join();
            first = seconds(submitted);
            futures.forEach(CompletableFuture::join);
            all = seconds(submitted);
            if (mode.equals("cached") || mode.equals("eager")) {
                for (CompletableFuture<Verdict> f : futures) {
                    if (!f.join().cached()) {
                        throw new IllegalStateException("a grading missed the verdict cache: not a fully cached run");
                    }
                }
            }
        }
        Files.writeString(Path.of(args[6]), "{\"built\":" + built + ",\"first\":" + first + ",\"all\":" + all + "}");
        System.exit(0); // the judge's threads are daemons; exit as a test JVM does
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
