package dev.rubric.judge.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rubric.core.AbsoluteGrading;
import dev.rubric.core.AbsoluteVerdict;
import dev.rubric.core.ConfigKeys;
import dev.rubric.core.DecodingSettings;
import dev.rubric.core.Grading;
import dev.rubric.core.Judge;
import dev.rubric.core.JudgeException;
import dev.rubric.core.JudgeException.Reason;
import dev.rubric.core.JudgeFingerprint;
import dev.rubric.core.PairwiseVerdict;
import dev.rubric.core.Verdict;
import dev.rubric.judge.JudgeConfig;
import dev.rubric.judge.SampledVerdicts;
import dev.rubric.prometheus.PrometheusFormat;
import dev.rubric.prometheus.VerdictParser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Prometheus 2 judge behind an OpenAI-compatible server: vLLM, TGI, llama.cpp's server, Ollama.
 * <p>
 * Each grading is sent as {@code POST {rubric.judge.url}/completions} with the exact Prometheus model input as
 * {@code prompt} (or, with {@code rubric.judge.api=chat}, to {@code /chat/completions} as one user message that the
 * model's own chat template renders as that same input; see {@link OpenAiRequestBody} for the whole body). The output is read with {@link VerdictParser}; when the server
 * returns log-probabilities, the verdict gets the probabilities of the scores (or of A and B) at the score token.
 * <ul>
 * <li>Concurrency: at most {@code rubric.judge.concurrency} requests are in flight (or waiting to be retried); the
 * rest queue. {@link #grade} never blocks its caller.</li>
 * <li>Failures: see {@link OpenAiClient} for what is retried. An output without a score is asked again, up to
 * {@code rubric.judge.parse-attempts} times in all, each time with another seed ({@code seed + sample +
 * attempt * samples}; at temperature 0 a server usually repeats itself all the same), then the grading fails with
 * {@link Reason#UNPARSEABLE_OUTPUT} naming the last output.</li>
 * <li>Samples: with {@code rubric.judge.samples} = k &gt; 1 the grading is asked k times with the seeds
 * {@code seed .. seed + k - 1} and combined by {@link SampledVerdicts}.</li>
 * <li>The fingerprint names the judge: backend {@code openai}, the model name, revision "unknown" (servers do not
 * name a weights revision), and as identity the API mode ({@code api}), the normalised base URL ({@code url}) and
 * what the server says about the model it serves ({@link ServerIdentity}, asked once, before the first grading).</li>
 * </ul>
 */
final class OpenAiJudge implements Judge {

    private static final AtomicInteger JUDGES = new AtomicInteger();

    private final OpenAiSettings settings;
    private final OpenAiClient client;
    private final ServerIdentity serverIdentity;
    /** The fingerprint for the server's identity as last asked (it settles at the first answer). */
    private volatile JudgeFingerprint fingerprint;
    private final OpenAiRequestBody bodies;
    private final ExecutorService workers;
    private final Set<CompletableFuture<Verdict>> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * The judge that {@code config} describes ({@code rubric.judge.url} must be set).
     *
     * @throws JudgeException MISCONFIGURED when the URL is missing
     */
    public OpenAiJudge(JudgeConfig config) {
        this(settingsOf(config));
    }

    OpenAiJudge(OpenAiSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        ObjectMapper json = new ObjectMapper();
        this.client = new OpenAiClient(settings, json);
        this.serverIdentity = new ServerIdentity(client, settings.model());
        this.bodies = new OpenAiRequestBody(json);
        this.workers = Executors.newFixedThreadPool(settings.server().concurrency(), workerThreads());
    }

    /**
     * The judge's fingerprint. The first call asks the server about itself ({@code GET {url}/models}; it waits for
     * that answer, retried like a grading); later calls reuse the answer.
     */
    @Override
    public JudgeFingerprint fingerprint() {
        JudgeFingerprint last = fingerprint;
        Map<String, String> identity = new TreeMap<>(serverIdentity.get());
        identity.put("api", settings.server().api().name().toLowerCase(Locale.ROOT));
        identity.put(JudgeFingerprint.URL, settings.normalisedUrl());
        if (last == null || !last.identity().equals(identity)) {
            last = new JudgeFingerprint("openai", settings.model(), "unknown", PrometheusFormat.VERSION,
                    settings.decoding(), identity);
            fingerprint = last;
        }
        return last;
    }

    @Override
    public CompletableFuture<Verdict> grade(Grading grading) {
        Objects.requireNonNull(grading, "grading");
        long submitted = System.nanoTime();
        CompletableFuture<Verdict> result = new CompletableFuture<>();
        pending.add(result);
        result.whenComplete((v, e) -> pending.remove(result));
        if (closed.get()) {
            result.completeExceptionally(closedException());
            return result;
        }
        int k = settings.decoding().samples();
        List<CompletableFuture<Verdict>> samples = new ArrayList<>(k);
        try {
            for (int i = 0; i < k; i++) {
                int sample = i;
                CompletableFuture<Verdict> s = CompletableFuture.supplyAsync(
                        () -> askUntilParsed(grading, sample, submitted, result), workers);
                s.whenComplete((v, e) -> {
                    if (e != null) {
                        result.completeExceptionally(asJudgeException(e));
                    }
                });
                samples.add(s);
            }
        } catch (RejectedExecutionException closing) {
            result.completeExceptionally(closedException());
            return result;
        }
        CompletableFuture.allOf(samples.toArray(CompletableFuture[]::new)).thenRun(() -> {
            try {
                result.complete(combine(samples.stream().map(CompletableFuture::join).toList()));
            } catch (RuntimeException e) {
                result.completeExceptionally(asJudgeException(e));
            }
        });
        return result;
    }

    /** Fails every waiting grading with {@link Reason#CLOSED}, stops the workers and the HTTP client. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (CompletableFuture<Verdict> f : List.copyOf(pending)) {
            f.completeExceptionally(closedException());
        }
        workers.shutdownNow();
        client.close();
    }

    /** One sample: asked until its output holds a verdict, at most parse-attempts times. */
    private Verdict askUntilParsed(Grading grading, int sample, long submitted, CompletableFuture<Verdict> result) {
        DecodingSettings decoding = settings.decoding();
        ServerOutput last = null;
        for (int attempt = 0; attempt < settings.server().parseAttempts(); attempt++) {
            if (result.isDone()) {
                throw new CancellationException("the grading has already completed");
            }
            long seed = decoding.seed() + sample + (long) attempt * decoding.samples();
            try {
                last = client.complete(bodies.of(settings.server().api(), settings.model(), decoding, grading, seed));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw closedException();
            }
            Optional<Verdict> verdict = verdictOf(grading, last, Duration.ofNanos(System.nanoTime() - submitted));
            if (verdict.isPresent()) {
                return verdict.get();
            }
        }
        throw unparseable(grading, last);
    }

    private Optional<Verdict> verdictOf(Grading grading, ServerOutput output, Duration latency) {
        // asked again: a server that could not be reached when the grading began has answered since
        JudgeFingerprint fingerprint = fingerprint();
        String text = output.text();
        String feedback = VerdictParser.feedback(text);
        if (grading instanceof AbsoluteGrading) {
            return VerdictParser.locateScore(text).<Verdict>map(score -> {
                Optional<ScoreProbabilities.Distribution> d = ScoreProbabilities.absolute(output, score);
                return AbsoluteVerdict.of(score.verdict(), feedback, d.map(ScoreProbabilities.Distribution::probabilities)
                        .orElse(null), d.map(ScoreProbabilities.Distribution::mass).orElse(null), false, fingerprint,
                        latency);
            });
        }
        return VerdictParser.locateWinner(text).<Verdict>map(winner -> {
            Optional<ScoreProbabilities.Distribution> d = ScoreProbabilities.pairwise(output, winner);
            return new PairwiseVerdict(winner.verdict(), feedback, d.map(p -> p.probabilities().get(0)).orElse(null),
                    d.map(ScoreProbabilities.Distribution::mass).orElse(null), false, fingerprint, latency, false);
        });
    }

    private Verdict combine(List<Verdict> samples) {
        if (samples.size() == 1) {
            return samples.get(0);
        }
        if (samples.get(0) instanceof AbsoluteVerdict) {
            return SampledVerdicts.combineAbsolute(samples.stream().map(AbsoluteVerdict.class::cast).toList());
        }
        return SampledVerdicts.combinePairwise(samples.stream().map(PairwiseVerdict.class::cast).toList());
    }

    private JudgeException unparseable(Grading grading, ServerOutput last) {
        String expected = grading instanceof AbsoluteGrading ? "score ([RESULT] 1-5)" : "winner ([RESULT] A or B)";
        StringBuilder m = new StringBuilder("the judge's output holds no ").append(expected).append(" after ")
                .append(settings.server().parseAttempts()).append(settings.server().parseAttempts() == 1 ? " attempt" : " attempts")
                .append(" (").append(ConfigKeys.PARSE_ATTEMPTS).append(")");
        if (settings.decoding().greedy() && settings.server().parseAttempts() > 1) {
            m.append("; at temperature 0 a server tends to repeat the same output, so asking again rarely helps");
        }
        if (last.ranOutOfTokens()) {
            m.append("; the output was cut off at ").append(ConfigKeys.MAX_TOKENS).append('=')
                    .append(settings.decoding().maxTokens()).append(" (finish_reason \"length\"): raise it");
        } else {
            m.append("; is ").append(ConfigKeys.MODEL).append(" (\"").append(settings.model())
                    .append("\") a Prometheus 2 model?");
        }
        m.append(" The last output: \"").append(Excerpt.of(last.text())).append('"');
        return new JudgeException(Reason.UNPARSEABLE_OUTPUT, m.toString());
    }

    private static JudgeException asJudgeException(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return JudgeException.find(cause).orElseGet(() -> new JudgeException(Reason.SERVER_ERROR,
                "grading with the OpenAI-compatible judge failed unexpectedly: " + cause, cause));
    }

    private static JudgeException closedException() {
        return new JudgeException(Reason.CLOSED, "the OpenAI-compatible judge was closed before this grading"
                + " completed");
    }

    private static OpenAiSettings settingsOf(JudgeConfig config) {
        try {
            return OpenAiSettings.from(config);
        } catch (IllegalArgumentException e) {
            throw new JudgeException(Reason.MISCONFIGURED, e.getMessage(), e);
        }
    }

    private static ThreadFactory workerThreads() {
        int judge = JUDGES.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "rubric-openai-judge-" + judge + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
