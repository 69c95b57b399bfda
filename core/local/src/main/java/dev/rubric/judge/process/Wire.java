package dev.rubric.judge.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.GradingMode;
import dev.rubric.core.JudgeException;
import dev.rubric.core.JudgeFingerprint;
import dev.rubric.core.PairwiseVerdict;
import dev.rubric.core.Verdict;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * The judge process's protocol: JSON over HTTP on the loopback interface, every request carrying the process's secret
 * ({@code Authorization: Bearer <secret>}). A grading travels as the exact model input its grading rendered to, and a
 * verdict as the verdict record itself, probabilities and fingerprint included: Jackson writes each double in its
 * shortest round-tripping form, so what arrives is the verdict the process's model gave, bit for bit.
 *
 * <pre>
 * GET  /v1/hello                      -> Hello           who is serving: protocol, Rubric build, fingerprint, state
 * POST /v1/attach  Attach             -> Lease           a client JVM comes; it renews the lease every few seconds
 * POST /v1/renew   Lease              -> 200, 404        (404: unknown lease, attach again)
 * POST /v1/detach  Lease              -> 200             a client JVM goes
 * POST /v1/grade   GradeRequest       -> GradeResponse   answered when the verdict is there (or the failure)
 * POST /v1/stop                       -> 200             stops the process (the stop command)
 * </pre>
 */
final class Wire {

    /** Raised whenever a message changes shape: a process of another protocol is replaced, never talked to. */
    static final int PROTOCOL = 2;
    static final String BEARER = "Bearer ";
    /** A request body larger than this is refused: a Prometheus prompt is a few KB. */
    static final int MAX_BODY_BYTES = 8 << 20;

    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Wire() {
    }

    /**
     * Who answers.
     *
     * @param build       the Rubric build ({@link #rubricBuild()}): a process of another build is replaced
     * @param fingerprint the judge it serves
     * @param state       loading, ready, or failed (with the reason in {@code detail})
     * @param detail      the model's description once loaded, or why it failed to load
     * @param clients     client JVMs attached now
     * @param log         where the process writes its log
     */
    /**
     * @param gradings the gradings the process's model has decoded so far (0 before it is ready)
     * @param batches  in how many batches: fewer than gradings when gradings, from one client or several, shared one
     */
    record Hello(int protocol, String build, long pid, JudgeFingerprint fingerprint, String state, String detail,
                 int clients, String log, long gradings, long batches) {
    }

    /** @param client who is attaching, for the log: {@code pid@host} and what it runs */
    record Attach(String client) {
    }

    record Lease(String lease) {
    }

    /** @param modelInput the exact Prometheus prompt ({@code PrometheusFormat.modelInput}) */
    record GradeRequest(String lease, String modelInput, GradingMode mode) {

        GradeRequest {
            Objects.requireNonNull(modelInput, "modelInput");
            Objects.requireNonNull(mode, "mode");
        }
    }

    /** Exactly one of {@code verdict} (with its {@code kind}) and {@code failure}. */
    record GradeResponse(String kind, JsonNode verdict, Failure failure) {

        static GradeResponse of(Verdict verdict) {
            return new GradeResponse(verdict instanceof AbsoluteVerdict ? "absolute" : "pairwise",
                    JSON.valueToTree(verdict), null);
        }

        static GradeResponse of(JudgeException e) {
            return new GradeResponse(null, null, new Failure(e.reason(), e.getMessage()));
        }

        /**
         * The verdict, or the judge's failure thrown as the exception it was.
         *
         * @throws JudgeException the process's failure, or SERVER_ERROR for a response that is neither
         */
        Verdict toVerdict() throws JsonProcessingException {
            if (failure != null) {
                throw new JudgeException(failure.reason() == null ? JudgeException.Reason.SERVER_ERROR
                        : failure.reason(), String.valueOf(failure.message()));
            }
            if (verdict == null || kind == null) {
                throw new JudgeException(JudgeException.Reason.SERVER_ERROR, "the judge process answered a grading"
                        + " with neither a verdict nor a failure");
            }
            return switch (kind) {
                case "absolute" -> JSON.treeToValue(verdict, AbsoluteVerdict.class);
                case "pairwise" -> JSON.treeToValue(verdict, PairwiseVerdict.class);
                default -> throw new JudgeException(JudgeException.Reason.SERVER_ERROR, "the judge process answered"
                        + " a verdict of kind '" + kind + "'");
            };
        }
    }

    record Failure(JudgeException.Reason reason, String message) {
    }

    /** {@code verdict} with the latency its client saw (the wait for the process included). */
    static Verdict withLatency(Verdict verdict, Duration latency) {
        if (verdict instanceof AbsoluteVerdict a) {
            return new AbsoluteVerdict(a.score(), a.feedback(), a.probabilities(), a.sampleScores(), a.forced(),
                    a.fingerprint(), latency, a.cached());
        }
        PairwiseVerdict p = (PairwiseVerdict) verdict;
        return new PairwiseVerdict(p.winner(), p.feedback(), p.probabilityA(), p.forced(), p.fingerprint(), latency,
                p.cached());
    }

    /** This Rubric build: its version, and for a snapshot the time it was built (a rebuilt snapshot is another). */
    static String rubricBuild() {
        return Build.TEXT;
    }

    private static final class Build {
        static final String TEXT = read();

        private static String read() {
            Properties p = new Properties();
            try (InputStream in = Wire.class.getResourceAsStream("rubric-build.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read rubric-build.properties from rubric-local", e);
            }
            String version = p.getProperty("version", "unknown");
            return version.endsWith("-SNAPSHOT") ? version + " built " + p.getProperty("built", "unknown") : version;
        }
    }
}
