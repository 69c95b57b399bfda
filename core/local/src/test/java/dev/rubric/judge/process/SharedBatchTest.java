package dev.rubric.judge.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.Grading;
import dev.rubric.core.Verdict;
import dev.rubric.judge.JudgeConfig;
import dev.rubric.judge.local.LazyLocalJudge;
import dev.rubric.judge.local.LocalJudge;
import dev.rubric.lm.CausalLm;
import dev.rubric.lm.DeviceChoice;
import dev.rubric.lm.LoadOptions;
import dev.rubric.lm.fixtures.TinyCheckpoints;
import dev.rubric.lm.fixtures.TinyCheckpoints.Spec;
import dev.rubric.lm.fixtures.TinyCheckpoints.Storage;
import dev.rubric.prometheus.PrometheusFormat;
import dev.rubric.secret.Secret;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gradings from two client JVMs share the judge process's batches: the process's one queue does not care which lease
 * a grading came with. Two clients (each with its own lease, as two Surefire forks have) send one grading each at the
 * same moment to a judge whose batches hold 4 gradings and wait up to 3 s to fill: the model decodes both in one
 * batch, and each client gets the verdict of its own grading, the one the model gives it in this JVM.
 */
class SharedBatchTest {

    @TempDir
    Path tmp;

    @Test
    void gradingsFromTwoClientsAreDecodedInOneBatchAndEachGetsItsOwnVerdict() throws Exception {
        Path model = TinyCheckpoints.shared(Spec.tinyMistral(), Storage.F32_SINGLE);
        JudgeConfig config = JudgeProcessFixture.config(model, tmp);
        LocalJudge local = new LocalJudge(CausalLm.load(model, new LoadOptions(DeviceChoice.CPU)), config, "r1",
                new LocalJudge.Scheduling(4, Duration.ofSeconds(3)));
        LazyLocalJudge judge = new LazyLocalJudge(local.fingerprint(), () -> local);
        Secret secret = ProcessRegistry.newSecret();
        List<String> log = new ArrayList<>();
        try (JudgeServer server = JudgeServer.start(judge, secret, "process.log", log::add, () -> { })) {
            ProcessHttp a = new ProcessHttp(server.port(), secret);
            ProcessHttp b = new ProcessHttp(server.port(), secret);
            String leaseA = a.post("attach", new Wire.Attach("fork-a"), Wire.Lease.class, ProcessHttp.SHORT).body()
                    .lease();
            String leaseB = b.post("attach", new Wire.Attach("fork-b"), Wire.Lease.class, ProcessHttp.SHORT).body()
                    .lease();
            assertThat(leaseA).isNotEqualTo(leaseB);

            Grading first = JudgeProcessFixture.GRADINGS.get(0);
            Grading second = JudgeProcessFixture.GRADINGS.get(2);
            CompletableFuture<HttpResponse<byte[]>> fromA = a.postAsync("grade", new Wire.GradeRequest(leaseA,
                    PrometheusFormat.get().modelInput(first), first.mode()), null);
            CompletableFuture<HttpResponse<byte[]>> fromB = b.postAsync("grade", new Wire.GradeRequest(leaseB,
                    PrometheusFormat.get().modelInput(second), second.mode()), null);
            Verdict verdictA = verdict(fromA.get(60, TimeUnit.SECONDS));
            Verdict verdictB = verdict(fromB.get(60, TimeUnit.SECONDS));

            Wire.Hello hello = a.hello();
            assertThat(hello.gradings()).as("gradings decoded").isEqualTo(2);
            assertThat(hello.batches()).as("batches: both clients' gradings in one").isEqualTo(1);
            assertThat(hello.clients()).isEqualTo(2);

            // each client got the verdict of its own grading: the one this judge gives that grading alone (up to
            // float32 rounding: in a batch, a shorter prompt is padded, and its sums run in another order)
            assertSameVerdict((AbsoluteVerdict) verdictA, (AbsoluteVerdict) local.grade(first).join());
            assertSameVerdict((AbsoluteVerdict) verdictB, (AbsoluteVerdict) local.grade(second).join());
            assertThat(((AbsoluteVerdict) verdictA).probabilities()).as("the two gradings' verdicts differ, so a"
                    + " swapped answer would show").isNotEqualTo(((AbsoluteVerdict) verdictB).probabilities());
        } finally {
            judge.close();
        }
    }

    private static void assertSameVerdict(AbsoluteVerdict got, AbsoluteVerdict alone) {
        assertThat(got.score()).isEqualTo(alone.score());
        assertThat(got.feedback()).isEqualTo(alone.feedback());
        for (int i = 0; i < alone.probabilities().size(); i++) {
            assertThat(got.probabilities().get(i)).isCloseTo(alone.probabilities().get(i), within(1e-5));
        }
    }

    private static Verdict verdict(HttpResponse<byte[]> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        return Wire.JSON.readValue(response.body(), Wire.GradeResponse.class).toVerdict();
    }
}
