package dev.rubric.judge.local;

import dev.rubric.core.Grading;
import dev.rubric.core.GradingMode;
import dev.rubric.core.Judge;
import dev.rubric.core.JudgeException;
import dev.rubric.core.JudgeFingerprint;
import dev.rubric.core.Verdict;
import dev.rubric.judge.JudgeConfig;
import org.apiguardian.api.API;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The local judge whose model is loaded on its first grading, not when it is built: its fingerprint comes from the
 * weights' {@link ModelIdentity}, so the verdict cache in front of it answers every grading it has seen, and a run
 * whose gradings all hit the cache never locates, downloads or loads a tensor (it works offline, and on a machine too
 * small for the model).
 *
 * <p>The first grading starts the load on a thread of its own; gradings that come meanwhile wait for it, then go to
 * the {@link LocalJudge}. A load that fails fails every grading with its reason (MODEL_FAILED_TO_LOAD, with the way
 * out), now and later: the weights are not looked for again in this judge's life.
 */
@API(status = INTERNAL, since = "0.1")
public final class LazyLocalJudge implements Judge {

    private final JudgeFingerprint fingerprint;
    private final Supplier<LocalJudge> loader;
    private final AtomicInteger loads = new AtomicInteger();
    /** Null until the first grading. Guarded by this. */
    private CompletableFuture<LocalJudge> model;
    private boolean closed;

    /**
     * @param fingerprint the fingerprint of the judge {@code loader} builds (checked when it is built)
     * @param loader      builds the judge: locates, downloads and loads the weights (tens of seconds for 7B)
     */
    public LazyLocalJudge(JudgeFingerprint fingerprint, Supplier<LocalJudge> loader) {
        this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    /** The judge {@code config} describes, on the weights {@code identity} names, loaded on its first grading. */
    public static LazyLocalJudge of(JudgeConfig config, ModelIdentity identity) {
        return new LazyLocalJudge(identity.fingerprint(config.decoding()), () -> LocalJudge.open(config, identity));
    }

    @Override
    public JudgeFingerprint fingerprint() {
        return fingerprint;
    }

    @Override
    public CompletableFuture<Verdict> grade(Grading grading) {
        Objects.requireNonNull(grading, "grading");
        return model().thenCompose(judge -> judge.grade(grading));
    }

    /** An exact model input, as {@link LocalJudge#grade(String, GradingMode)}. */
    public CompletableFuture<Verdict> grade(String modelInput, GradingMode mode) {
        return model().thenCompose(judge -> judge.grade(modelInput, mode));
    }

    /**
     * The model, loading (started by the first caller) or loaded; fails with the load's reason, or CLOSED.
     * Callers chain on it; none blocks here.
     */
    public synchronized CompletableFuture<LocalJudge> model() {
        if (closed) {
            return CompletableFuture.failedFuture(new JudgeException(JudgeException.Reason.CLOSED,
                    "the local judge is closed: grade before closing it"));
        }
        if (model == null) {
            model = new CompletableFuture<>();
            Thread load = new Thread(this::load, "rubric-local-judge-load");
            load.setDaemon(true);
            load.start();
        }
        return model;
    }

    /** How many times the model was loaded (0 or 1): a fully cached run shows 0. */
    public int loads() {
        return loads.get();
    }

    private void load() {
        LocalJudge judge;
        try {
            loads.incrementAndGet();
            judge = loader.get();
            if (!judge.fingerprint().equals(fingerprint)) {
                judge.close();
                throw new IllegalStateException("the loaded judge is " + judge.fingerprint() + ", not " + fingerprint);
            }
        } catch (RuntimeException | Error e) {
            model.completeExceptionally(JudgeException.find(e).map(Throwable.class::cast).orElseGet(() ->
                    new JudgeException(JudgeException.Reason.MODEL_FAILED_TO_LOAD, "the local judge model failed to"
                            + " load: " + e, e)));
            return;
        }
        model.complete(judge); // when closed meanwhile, close() has chained the judge's closing on this
    }

    /**
     * Closes the model when it is loaded (its native memory is freed before this returns); a model still loading is
     * closed by its loading thread as soon as it is ready. Gradings waiting for it fail with CLOSED. Idempotent.
     */
    @Override
    public void close() {
        CompletableFuture<LocalJudge> current;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            current = model;
        }
        if (current != null) {
            current.thenAccept(LocalJudge::close); // at once when loaded; else on the loading thread, when it is
        }
    }

    @Override
    public String toString() {
        CompletableFuture<LocalJudge> current;
        synchronized (this) {
            current = model;
        }
        String state = current == null ? "not loaded" : !current.isDone() ? "loading"
                : current.isCompletedExceptionally() ? "failed to load" : current.join().toString();
        return "LazyLocalJudge[" + fingerprint + ", " + state + "]";
    }
}
