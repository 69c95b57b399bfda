package dev.rubric.judge.process;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.Grading;
import dev.rubric.core.Judge;
import dev.rubric.core.JudgeException;
import dev.rubric.core.PairwiseVerdict;
import dev.rubric.core.Rubrics;
import dev.rubric.core.Verdict;
import dev.rubric.judge.JudgeConfig;
import dev.rubric.judge.Judges;
import dev.rubric.judge.local.GradingFailures;
import dev.rubric.judge.local.ModelIdentity;
import dev.rubric.lm.fixtures.TinyCheckpoints;
import dev.rubric.lm.fixtures.TinyCheckpoints.Spec;
import dev.rubric.lm.fixtures.TinyCheckpoints.Storage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.rubric.judge.process.JudgeProcessFixture.GRADINGS;
import static dev.rubric.judge.process.JudgeProcessFixture.awaitExit;
import static dev.rubric.judge.process.JudgeProcessFixture.config;
import static dev.rubric.judge.process.JudgeProcessFixture.judgeProcess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The warm judge process on a tiny checkpoint, with real processes: the same verdicts as in the test JVM; one process
 * for test JVMs that start together; found again by the next run; a fully cached run starts none; a process that dies
 * is an abort reason for the gradings it had, never a hang, and the next grading starts another; idle, stopped or
 * on CI it goes. Every test stops what it started.
 */
class JudgeProcessTest {

    static final Duration BOUND = Duration.ofSeconds(60);

    final JudgeProcessFixture processes = new JudgeProcessFixture();
    final Path model = TinyCheckpoints.shared(Spec.tinyMistral(), Storage.F32_SINGLE);

    @AfterEach
    void leaveNoProcess() {
        processes.stopAll();
    }

    private static List<Verdict> gradeOneByOne(Judge judge) {
        List<Verdict> verdicts = new ArrayList<>();
        for (Grading g : GRADINGS) {
            verdicts.add(judge.grade(g).join());
        }
        return verdicts;
    }

    @Test
    void verdictsThroughTheProcessAreTheVerdictsOfTheModelInTheTestJvmAndTheStopCommandEndsIt() throws Exception {
        Path home = processes.newCacheHome();

        List<Verdict> viaProcess;
        JudgeConfig shared = config(model, home);
        assertThat(new LocalBackend().open(shared)).isInstanceOf(ProcessJudge.class).satisfies(Judge::close);
        try (Judge judge = new ProcessJudge(shared, ModelIdentity.of(shared), processes.consoleStream)) {
            viaProcess = gradeOneByOne(judge);
            long pid = ((ProcessJudge) judge).processId().orElseThrow();
            assertThat(processes.console.toString()).as("what the test output says").containsOnlyOnce(
                    "Rubric: started the judge process " + pid + " for tiny-mistral-f32_single on cpu; it loads the"
                            + " model now").contains("it stays warm 30 min after the last test JVM that uses it",
                    "Its log: " + JudgeProcessFixture.slotDir(home).resolve(ProcessRegistry.LOG),
                    "Stop it with: kill " + pid, "-Drubric.judge.share=jvm");
        }
        List<Verdict> here;
        try (Judge judge = Judges.create(config(model, home, "rubric.judge.share", "jvm"))) {
            here = gradeOneByOne(judge);
        }

        for (int i = 0; i < GRADINGS.size(); i++) {
            Verdict a = viaProcess.get(i);
            Verdict b = here.get(i);
            assertThat(a.fingerprint()).isEqualTo(b.fingerprint());
            assertThat(a.feedback()).isEqualTo(b.feedback());
            assertThat(a.forced()).isEqualTo(b.forced());
            if (a instanceof AbsoluteVerdict abs) {
                assertThat(abs.score()).isEqualTo(((AbsoluteVerdict) b).score());
                assertThat(abs.probabilities()).as("probabilities, bit for bit")
                        .isEqualTo(((AbsoluteVerdict) b).probabilities());
            } else {
                assertThat(((PairwiseVerdict) a).winner()).isEqualTo(((PairwiseVerdict) b).winner());
                assertThat(((PairwiseVerdict) a).probabilityA()).isEqualTo(((PairwiseVerdict) b).probabilityA());
            }
        }
        long pid = judgeProcess(home).orElseThrow(() -> new AssertionError("the process stays warm after its client"
                + " left")).pid();

        ByteArrayOutputStream listed = new ByteArrayOutputStream();
        assertThat(JudgeProcessCommands.run("list", home.resolve("rubric"), new PrintStream(listed, true))).isZero();
        assertThat(listed.toString()).contains("judge process " + pid + ": ready, 0 client JVM(s)", "tiny-mistral");
        ByteArrayOutputStream stopped = new ByteArrayOutputStream();
        assertThat(JudgeProcessCommands.run("stop", home.resolve("rubric"), new PrintStream(stopped, true))).isZero();
        assertThat(stopped.toString()).contains("stopped judge process " + pid);
        assertThat(JudgeProcessCommands.alive(pid)).isFalse();
        assertThat(JudgeProcessFixture.slotDir(home).resolve(ProcessRegistry.ENTRY)).doesNotExist();
    }

    @Test
    void twoTestJvmsStartedTogetherShareOneProcessAndOneLoadedModelAndTheNextRunFindsItWarm() throws Exception {
        Path home = processes.newCacheHome();
        Path outA = home.resolve("a.json");
        Path outB = home.resolve("b.json");

        Process a = anotherJvm(home, outA);
        Process b = anotherJvm(home, outB);
        assertThat(a.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).as("JVM a finished").isTrue();
        assertThat(b.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).as("JVM b finished").isTrue();
        assertThat(a.exitValue()).as(output(a)).isZero();
        assertThat(b.exitValue()).as(output(b)).isZero();

        JsonNode seenByA = Wire.JSON.readTree(outA.toFile());
        JsonNode seenByB = Wire.JSON.readTree(outB.toFile());
        assertThat(seenByA.get("pid").asLong()).isPositive().isEqualTo(seenByB.get("pid").asLong());
        assertThat(seenByA.get("verdicts")).isEqualTo(seenByB.get("verdicts"));
        String log = JudgeProcessFixture.log(home);
        assertThat(count(log, "loading the model now")).as("processes started").isEqualTo(1);
        assertThat(count(log, "model ready")).as("models loaded").isEqualTo(1);
        assertThat(count(log, "attached")).as("client JVMs").isEqualTo(2);
        assertThat(JudgeProcessFixture.slotDir(home).resolve(ProcessRegistry.LOG + ".1")).doesNotExist();

        Path outNext = home.resolve("next.json"); // the next run (mvn test again, an IDE run) finds it warm
        Process next = anotherJvm(home, outNext);
        assertThat(next.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(next.exitValue()).as(output(next)).isZero();
        assertThat(Wire.JSON.readTree(outNext.toFile()).get("pid").asLong()).isEqualTo(seenByA.get("pid").asLong());
        assertThat(count(JudgeProcessFixture.log(home), "model ready")).as("models loaded").isEqualTo(1);
        assertThat(count(JudgeProcessFixture.log(home), "attached")).as("client JVMs").isEqualTo(3);
    }

    @Test
    void aFullyCachedRunStartsNoProcess() throws Exception {
        Path home = processes.newCacheHome();
        try (Judge judge = Judges.create(config(model, home, "rubric.cache", "readwrite"))) {
            gradeOneByOne(judge);
        }
        processes.stopAll();
        Path slot = JudgeProcessFixture.slotDir(home);
        String log = Files.readString(slot.resolve(ProcessRegistry.LOG));

        List<Verdict> cached;
        try (Judge judge = Judges.create(config(model, home, "rubric.cache", "readwrite"))) {
            cached = gradeOneByOne(judge);
        }
        assertThat(cached).allMatch(Verdict::cached);
        assertThat(judgeProcess(home)).isEmpty();
        assertThat(Files.readString(slot.resolve(ProcessRegistry.LOG))).isEqualTo(log);
        assertThat(slot.resolve(ProcessRegistry.ENTRY)).doesNotExist();
    }

    @Test
    void aKilledJudgeProcessAbortsTheGradingsItHadAndTheNextGradingStartsAnother() throws Exception {
        assumeTrue(!ProcessLauncher.isWindows(), "stops a process with kill -STOP");
        Path home = processes.newCacheHome();
        try (Judge judge = Judges.create(config(model, home))) {
            judge.grade(GRADINGS.get(0)).join(); // started and loaded
            long pid = ((ProcessJudge) judge).processId().orElseThrow();
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
            assertThat(new ProcessBuilder("kill", "-STOP", String.valueOf(pid)).start().waitFor()).isZero();
            CompletableFuture<Verdict> inFlight = judge.grade(GRADINGS.get(1)); // sent; the process cannot answer

            process.destroyForcibly();

            JudgeException reason = GradingFailures.of(inFlight, BOUND);
            assertThat(reason.reason()).isEqualTo(JudgeException.Reason.SERVER_ERROR);
            assertThat(reason.getMessage()).contains("judge process (pid " + pid + ")", "died",
                    JudgeProcessFixture.slotDir(home).resolve(ProcessRegistry.LOG).toString());

            Verdict after = judge.grade(GRADINGS.get(2)).get(BOUND.toSeconds(), TimeUnit.SECONDS);
            assertThat(after.fingerprint()).isEqualTo(judge.fingerprint());
            assertThat(((ProcessJudge) judge).processId()).get().isNotEqualTo(pid);
        }
    }

    @Test
    void aClientJvmThatDiesWhileItGradesDoesNotDisturbTheOthers() throws Exception {
        Path home = processes.newCacheHome();
        try (Judge judge = Judges.create(config(model, home))) {
            judge.grade(GRADINGS.get(0)).join();
            long pid = ((ProcessJudge) judge).processId().orElseThrow();
            Path out = home.resolve("looping.json");
            Process looping = anotherJvm(home, out, "--loop");
            Path said = home.resolve(out.getFileName() + ".log");
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (!(Files.exists(said) && Files.readString(said).contains("graded 3"))) {
                assertThat(System.nanoTime()).as("the other JVM grades: " + (Files.exists(said)
                        ? Files.readString(said) : "")).isLessThan(deadline);
                assertThat(looping.isAlive()).as("the other JVM runs").isTrue();
                Thread.sleep(100);
            }

            looping.destroyForcibly(); // killed while it grades: a grading of it is in flight, or about to be
            assertThat(looping.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();

            for (Grading g : GRADINGS) {
                assertThat(judge.grade(g).get(BOUND.toSeconds(), TimeUnit.SECONDS).fingerprint())
                        .isEqualTo(judge.fingerprint());
            }
            assertThat(((ProcessJudge) judge).processId()).contains(pid);
            assertThat(count(JudgeProcessFixture.log(home), "attached")).isEqualTo(2);
        }
    }

    @Test
    void aModelThatFailsToLoadInTheProcessAbortsEveryGradingWithItsReasonAndTheProcessGoes() throws Exception {
        Path home = processes.newCacheHome();
        Path broken = home.resolve("broken-judge");
        TinyCheckpoints.write(broken, Spec.tinyMistral(), Storage.F32_SINGLE);
        Files.writeString(broken.resolve("config.json"), Files.readString(broken.resolve("config.json"))
                .replace("\"hidden_size\" : 64", "\"hidden_size\" : 48"));

        try (Judge judge = Judges.create(config(broken, home))) {
            JudgeException first = GradingFailures.of(judge.grade(GRADINGS.get(0)), BOUND);
            assertThat(first.reason()).isEqualTo(JudgeException.Reason.MODEL_FAILED_TO_LOAD);
            JudgeException second = GradingFailures.of(judge.grade(GRADINGS.get(1)), BOUND);
            assertThat(second.getMessage()).isEqualTo(first.getMessage());

            ProcessHandle process = ProcessHandle.of(Long.parseLong(JudgeProcessFixture.log(home)
                    .replaceAll("(?s).*Rubric judge process (\\d+).*", "$1"))).orElse(null);
            assertThat(process == null || awaitExit(process, BOUND)).as("the failed process exits").isTrue(); // after 10 s
            assertThat(JudgeProcessFixture.slotDir(home).resolve(ProcessRegistry.ENTRY)).doesNotExist();
            assertThat(count(JudgeProcessFixture.log(home), "loading the model now")).as("started once").isEqualTo(1);
        }
    }

    @Test
    void onCiAProcessAskedForExitsWithItsLastClient() throws Exception {
        Path home = processes.newCacheHome();
        JudgeConfig ci = config(model, home, "CI", "true");
        assertThat(ci.local().idleTimeout()).isZero();
        ProcessHandle process;
        try (Judge judge = Judges.create(ci)) {
            judge.grade(GRADINGS.get(0)).join();
            process = ProcessHandle.of(((ProcessJudge) judge).processId().orElseThrow()).orElseThrow();
        }
        assertThat(awaitExit(process, Duration.ofSeconds(30))).as("exited after its last client").isTrue();
        assertThat(JudgeProcessFixture.slotDir(home).resolve(ProcessRegistry.ENTRY)).doesNotExist();
        assertThat(JudgeProcessFixture.log(home)).contains("with no client (idle timeout PT0S); exiting");
    }

    @Test
    void aStaleEntryIsReplacedAndAPidThatIsNotAJudgeProcessIsNeverEnded() throws Exception {
        Path home = processes.newCacheHome();
        JudgeConfig config = config(model, home);
        long me = ProcessHandle.current().pid();
        try (Judge judge = Judges.create(config)) {
            ProcessRegistry.Slot slot = ProcessRegistry.open(config.local().stateDir())
                    .slot(judge.fingerprint(), config.local().device()).prepare();
            // an entry of another Rubric build whose pid is alive, but is this test JVM, not a judge process
            slot.publish(new RegistryEntry(Wire.PROTOCOL, "0.0.1", me, 9, ProcessRegistry.Host.NAME,
                    judge.fingerprint(), "cpu", java.time.Instant.now()), ProcessRegistry.newSecret());

            Verdict v = judge.grade(GRADINGS.get(0)).get(BOUND.toSeconds(), TimeUnit.SECONDS);

            assertThat(v.fingerprint()).isEqualTo(judge.fingerprint());
            RegistryEntry now = slot.entry().orElseThrow();
            assertThat(now.pid()).isNotEqualTo(me).isEqualTo(((ProcessJudge) judge).processId().orElseThrow());
            assertThat(now.build()).isEqualTo(Wire.rubricBuild());
        }
    }

    @Test
    void aWrongSecretIsRefused() throws Exception {
        Path home = processes.newCacheHome();
        try (Judge judge = Judges.create(config(model, home))) {
            judge.grade(GRADINGS.get(0)).join();
            RegistryEntry entry = new ProcessRegistry.Slot(JudgeProcessFixture.slotDir(home)).entry().orElseThrow();
            ProcessHttp wrong = new ProcessHttp(entry.port(), ProcessRegistry.newSecret());

            assertThat(org.assertj.core.api.Assertions.catchThrowable(wrong::hello))
                    .isInstanceOf(IOException.class).hasMessageContaining("HTTP 401");
            assertThat(wrong.post("grade", new Wire.GradeRequest(null, "x", dev.rubric.core.GradingMode.ABSOLUTE),
                    Void.class, ProcessHttp.SHORT).status()).isEqualTo(401);
            assertThat(wrong.post("stop", java.util.Map.of(), Void.class, ProcessHttp.SHORT).status()).isEqualTo(401);
            assertThat(JudgeProcessCommands.alive(entry.pid())).isTrue();
            assertThat(JudgeProcessFixture.log(home)).doesNotContain("asked to stop");
        }
    }

    @Test
    void anotherUserCannotReadTheSecretOrTheRegistry() throws Exception {
        assumeTrue(System.getProperty("user.name").equals("root") && Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "runs a command as the user nobody: needs root and setpriv (util-linux)");
        Path home = processes.newCacheHome();
        try (Judge judge = Judges.create(config(model, home))) {
            judge.grade(GRADINGS.get(0)).join();
            Path secret = JudgeProcessFixture.slotDir(home).resolve(ProcessRegistry.SECRET);

            Process asNobody = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
                    "--clear-groups", "cat", secret.toString()).redirectErrorStream(true).start();
            assertThat(asNobody.waitFor(20, TimeUnit.SECONDS)).isTrue();
            String said = output(asNobody);
            assertThat(asNobody.exitValue()).as(said).isNotZero();
            assertThat(said).contains("Permission denied");
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
                    .isEqualTo("rw-------");
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    home.resolve("rubric/judges")))).isEqualTo("rwx------");
        }
    }

    @Test
    void aRegistryFolderOthersCanWriteIsRefusedWithTheWayOut() throws Exception {
        Path home = processes.newCacheHome();
        Path judges = Files.createDirectories(home.resolve("rubric/judges"));
        Files.setPosixFilePermissions(judges, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        try (Judge judge = Judges.create(config(model, home))) {
            JudgeException refused = GradingFailures.of(judge.grade(GRADINGS.get(0)), BOUND);
            assertThat(refused.reason()).isEqualTo(JudgeException.Reason.MISCONFIGURED);
            assertThat(refused.getMessage()).contains(judges.toString(), "can be written by other users",
                    "chmod 700");
        }
        assertThat(judgeProcess(home)).isEmpty();
    }

    private Process anotherJvm(Path home, Path out, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of(home.toString(), model.toString(), out.toString()));
        args.addAll(List.of(options));
        return new ProcessBuilder(JudgeProcessFixture.javaCommand(GradeInAnotherJvm.class, args.toArray(String[]::new)))
                .redirectErrorStream(true).redirectOutput(home.resolve(out.getFileName() + ".log").toFile()).start();
    }

    private static String output(Process p) {
        try {
            return p.info().commandLine().orElse("") + "\n" + new String(p.getInputStream().readAllBytes());
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}
