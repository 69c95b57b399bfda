package dev.rubric.judge;

import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.DecodingSettings;
import dev.rubric.core.JudgeFingerprint;
import dev.rubric.core.PairwiseGrading;
import dev.rubric.core.PairwiseVerdict;
import dev.rubric.core.Rubrics;
import dev.rubric.core.Verdict;
import dev.rubric.core.Winner;
import dev.rubric.prometheus.PrometheusFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerdictCacheTest {

    static final JudgeFingerprint FINGERPRINT = CountingJudge.fingerprint("org/judge-7b", 1024);

    @TempDir
    Path dir;

    static AbsoluteGrading grading(int n) {
        return new AbsoluteGrading("Question " + n, "Answer number " + n, Rubrics.HELPFULNESS, null);
    }

    @Test
    void anAbsoluteVerdictComesBackEqual() {
        VerdictCache cache = VerdictCache.open(dir);
        VerdictCache.Key key = VerdictCache.Key.of(FINGERPRINT, grading(1));
        AbsoluteVerdict verdict = new AbsoluteVerdict(4, "Clear \"and\" {complete}\n\u00e9\u4e2d",
                List.of(0.01, 0.04, 0.15, 0.5, 0.3), 0.87, List.of(4, 3, 5), true, FINGERPRINT,
                Duration.ofMillis(1500).plusNanos(7), false);

        assertThat(cache.put(key, verdict)).isTrue();

        assertThat(cache.get(key)).contains(verdict);
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isZero();
        assertThat(cache.writes()).isEqualTo(1);
    }

    @Test
    void aPairwiseVerdictWithoutProbabilitiesComesBackEqual() {
        VerdictCache cache = VerdictCache.open(dir);
        PairwiseGrading g = new PairwiseGrading("Q", "a", "b", Rubrics.HONESTY, "ref");
        VerdictCache.Key key = VerdictCache.Key.of(FINGERPRINT, g);
        PairwiseVerdict verdict = new PairwiseVerdict(Winner.B, "B is honest", null, false, FINGERPRINT,
                Duration.ofSeconds(3), false);
        cache.put(key, verdict);
        assertThat(cache.get(key)).contains(verdict);
    }

    @Test
    void aMissingEntryIsAMiss() {
        VerdictCache cache = VerdictCache.open(dir);
        assertThat(cache.get(VerdictCache.Key.of(FINGERPRINT, grading(1)))).isEmpty();
        assertThat(cache.misses()).isEqualTo(1);
        assertThat(cache.hits()).isZero();
        assertThat(cache.corruptEntries()).isZero();
    }

    @Test
    void theKeyIsTheSha256OfFingerprintModelInputAndDecoding() throws Exception {
        AbsoluteGrading g = grading(1);
        String input = PrometheusFormat.get().modelInput(g);
        String text = FINGERPRINT.canonical() + "\n" + input + "\n" + FINGERPRINT.decoding();
        String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));

        assertThat(VerdictCache.Key.of(FINGERPRINT, g).hash()).isEqualTo(expected).hasSize(64);
        assertThat(VerdictCache.Key.of(FINGERPRINT, g)).isEqualTo(VerdictCache.Key.of(FINGERPRINT, input));
    }

    @Test
    void keysDifferByModelRevisionFormatDecodingAndPrompt() {
        AbsoluteGrading g = grading(1);
        List<String> hashes = Stream.of(
                VerdictCache.Key.of(FINGERPRINT, g),
                VerdictCache.Key.of(CountingJudge.fingerprint("org/judge-8x7b", 1024), g),
                VerdictCache.Key.of(CountingJudge.fingerprint("org/judge-7b", 512), g),
                VerdictCache.Key.of(new JudgeFingerprint("fake", "org/judge-7b", "r2", "prometheus-2/v1",
                        FINGERPRINT.decoding()), g),
                VerdictCache.Key.of(new JudgeFingerprint("fake", "org/judge-7b", "r1", "prometheus-2/v2",
                        FINGERPRINT.decoding()), g),
                VerdictCache.Key.of(new JudgeFingerprint("fake", "org/judge-7b", "r1", "prometheus-2/v1",
                        DecodingSettings.PAPER), g),
                VerdictCache.Key.of(FINGERPRINT, grading(2)),
                VerdictCache.Key.of(FINGERPRINT, g.withReference("a reference")),
                VerdictCache.Key.of(FINGERPRINT, new AbsoluteGrading(g.instruction(), g.response(),
                        Rubrics.HONESTY, null)))
                .map(VerdictCache.Key::hash).toList();
        assertThat(hashes).doesNotHaveDuplicates();
    }

    @Test
    void entriesAreShardedByTheFirstTwoHexDigitsAndLeaveNoTemporaryFiles() throws IOException {
        VerdictCache cache = VerdictCache.open(dir);
        VerdictCache.Key key = VerdictCache.Key.of(FINGERPRINT, grading(1));
        cache.put(key, CountingJudge.verdictFor(grading(1), FINGERPRINT));

        Path expected = dir.resolve(key.hash().substring(0, 2)).resolve(key.hash() + ".json");
        assertThat(cache.fileOf(key)).isEqualTo(expected);
        assertThat(allFiles()).containsExactly(expected);
    }

    @Test
    void aStoredVerdictOfAnotherFingerprintIsAMiss() {
        VerdictCache cache = VerdictCache.open(dir);
        VerdictCache.Key key = VerdictCache.Key.of(FINGERPRINT, grading(1));
        cache.put(key, CountingJudge.verdictFor(grading(1), FINGERPRINT));
        VerdictCache.Key sameHashOtherJudge = new VerdictCache.Key(key.hash(),
                CountingJudge.fingerprint("other/model", 1024));

        assertThat(cache.get(sameHashOtherJudge)).isEmpty();
        assertThat(cache.misses()).isEqualTo(1);
        assertThat(cache.get(key)).isPresent();
    }

    @Test
    void aVerdictOfAnotherFingerprintIsNotStored() {
        VerdictCache cache = VerdictCache.open(dir);
        VerdictCache.Key key = VerdictCache.Key.of(FINGERPRINT, grading(1));
        Verdict foreign = CountingJudge.verdictFor(grading(1), CountingJudge.fingerprint("other/model", 1024));

        assertThat(cache.put(key, foreign)).isFalse();
        assertThat(Files.exists(cache.fileOf(key))).isFalse();
    }

    @Test
    void corruptTruncatedInvalidOrMisplacedEntriesAreIgnoredAndDeleted() throws IOException {
        VerdictCache cache = VerdictCache.open(dir);
        VerdictCache.Key key = VerdictCache.Key.of(FINGERPRINT, grading(1));
        cache.put(key, CountingJudge.verdictFor(grading(1), FINGERPRINT));
        String valid = Files.readString(cache.fileOf(key));
        VerdictCache.Key otherKey = VerdictCache.Key.of(FINGERPRINT, grading(2));

        List<String> broken = List.of(
                "",
                "not json at all",
                valid.substring(0, valid.length() / 2),
                valid.replace("\"score\":", "\"score\":9,\"ignored\":"),
                valid.replace("\"kind\":\"absolute\"", "\"kind\":\"ternary\""),
                valid.replace(key.hash(), otherKey.hash()),
                "{\"version\":1}",
                "null");
        for (String content : broken) {
            Files.writeString(cache.fileOf(key), content);
            assertThat(cache.get(key)).as("entry %s", content).isEmpty();
            assertThat(Files.exists(cache.fileOf(key))).as("deleted: %s", content).isFalse();
        }
        assertThat(cache.corruptEntries()).isEqualTo(broken.size());
        assertThat(cache.misses()).isEqualTo(broken.size());
        assertThat(cache.hits()).isZero();
    }

    @Test
    void anOversizedEntryIsNotRead() throws IOException {
        VerdictCache cache = VerdictCache.open(dir);
        VerdictCache.Key key = VerdictCache.Key.of(FINGERPRINT, grading(1));
        Files.createDirectories(cache.fileOf(key).getParent());
        Files.write(cache.fileOf(key), new byte[(int) VerdictCache.MAX_ENTRY_BYTES + 1]);

        assertThat(cache.get(key)).isEmpty();
        assertThat(cache.corruptEntries()).isEqualTo(1);
    }

    @Test
    void aWriteFailureIsCountedAndDoesNotThrow() throws IOException {
        VerdictCache cache = VerdictCache.open(dir);
        VerdictCache.Key key = VerdictCache.Key.of(FINGERPRINT, grading(1));
        Files.writeString(dir.resolve(key.hash().substring(0, 2)), "a file where the shard directory belongs");

        assertThat(cache.put(key, CountingJudge.verdictFor(grading(1), FINGERPRINT))).isFalse();
        assertThat(cache.writeFailures()).isEqualTo(1);
        assertThat(cache.get(key)).isEmpty();
    }

    @Test
    void openingAFileAsTheDirectoryNamesItAndTheWayOut() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        assertThatThrownBy(() -> VerdictCache.open(file.resolve("verdicts")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(file.resolve("verdicts").toString())
                .hasMessageContaining("rubric.cache.dir")
                .hasMessageContaining("rubric.cache=off");
    }

    @Test
    void concurrentWritersAndReadersInOneJvmOnlyEverSeeWholeEntries() throws Exception {
        VerdictCache cache = VerdictCache.open(dir);
        int keys = 8;
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                results.add(pool.submit(() -> {
                    int seen = 0;
                    for (int round = 0; round < 10; round++) {
                        for (int k = 0; k < keys; k++) {
                            VerdictCache.Key key = VerdictCache.Key.of(FINGERPRINT, grading(k));
                            Verdict expected = CountingJudge.verdictFor(grading(k), FINGERPRINT);
                            cache.put(key, expected);
                            Optional<Verdict> read = cache.get(key);
                            assertThat(read).contains(expected);
                            seen++;
                        }
                    }
                    return seen;
                }));
            }
            for (Future<Integer> r : results) {
                assertThat(r.get(60, TimeUnit.SECONDS)).isEqualTo(10 * keys);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.corruptEntries()).isZero();
        assertThat(cache.writeFailures()).isZero();
        assertEveryEntryIsValid(keys);
    }

    @Test
    void twoJvmsWritingTheSameKeysLeaveValidEntries() throws Exception {
        int keys = 10;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            processes.add(new ProcessBuilder(java, "-cp", classpath, CacheWriterMain.class.getName(),
                    dir.toString(), "25", String.valueOf(keys)).redirectErrorStream(true).start());
        }
        VerdictCache reader = VerdictCache.open(dir);
        while (processes.stream().anyMatch(Process::isAlive)) {
            for (int k = 0; k < keys; k++) {
                reader.get(VerdictCache.Key.of(FINGERPRINT, grading(k)));
            }
            Thread.sleep(2); // leave the two cores of a small CI machine to the writers
        }
        for (Process p : processes) {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as("writer process output: %s", out).isZero();
        }
        assertThat(reader.corruptEntries()).as("entries this JVM found broken while the others wrote").isZero();
        assertEveryEntryIsValid(keys);
    }

    private void assertEveryEntryIsValid(int keys) throws IOException {
        VerdictCache check = VerdictCache.open(dir);
        for (int k = 0; k < keys; k++) {
            assertThat(check.get(VerdictCache.Key.of(FINGERPRINT, grading(k))))
                    .contains(CountingJudge.verdictFor(grading(k), FINGERPRINT));
        }
        assertThat(allFiles()).hasSize(keys).allMatch(p -> p.toString().endsWith(".json"));
    }

    private List<Path> allFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
