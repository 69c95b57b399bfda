package dev.rubric.judge.process;

import dev.rubric.core.Judge;
import dev.rubric.core.Verdict;
import dev.rubric.judge.Judges;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A test JVM of its own, as a Surefire fork or an IDE run is: builds the local judge (shared by the machine) from a
 * configuration, grades the fixture's gradings, and writes what it saw to a file: the judge process's pid and each
 * verdict as JSON. Arguments: the cache home, the model folder, the output file, then key=value settings, or
 * {@code --loop} to grade until it is killed.
 */
public final class GradeInAnotherJvm {

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Path model = Path.of(args[1]);
        Path out = Path.of(args[2]);
        List<String> extra = new ArrayList<>();
        boolean loop = false;
        for (int i = 3; i < args.length; i++) {
            if (args[i].equals("--loop")) { // grades until it is killed, saying how far it got
                loop = true;
                continue;
            }
            String[] kv = args[i].split("=", 2);
            extra.add(kv[0]);
            extra.add(kv[1]);
        }
        try (Judge judge = Judges.create(JudgeProcessFixture.config(model, home, extra.toArray(String[]::new)))) {
            for (long n = 1; loop; n++) {
                judge.grade(JudgeProcessFixture.GRADINGS.get((int) (n % JudgeProcessFixture.GRADINGS.size()))).join();
                System.out.println("graded " + n);
                System.out.flush();
            }
            List<String> verdicts = new ArrayList<>();
            for (var grading : JudgeProcessFixture.GRADINGS) {
                Verdict v = judge.grade(grading).join();
                verdicts.add(v.fingerprint().id() + " " + v.feedback() + " " + (v instanceof dev.rubric.core.AbsoluteVerdict a
                        ? a.score() + " " + a.probabilities() : ((dev.rubric.core.PairwiseVerdict) v).winner() + " "
                        + ((dev.rubric.core.PairwiseVerdict) v).probabilityA()));
            }
            long pid = ((ProcessJudge) judge).processId().orElse(-1L);
            Files.write(out, Wire.JSON.writeValueAsBytes(Map.of("pid", pid, "verdicts", verdicts)));
        }
    }
}
