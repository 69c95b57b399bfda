package dev.rubric.judge.local;

import dev.rubric.core.DecodingSettings;
import dev.rubric.core.JudgeException;
import dev.rubric.core.JudgeFingerprint;
import dev.rubric.hub.HubException;
import dev.rubric.hub.ModelLocator;
import dev.rubric.hub.ModelSource;
import dev.rubric.judge.JudgeConfig;
import dev.rubric.lm.CheckpointException;
import dev.rubric.prometheus.PrometheusFormat;
import org.apiguardian.api.API;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Which weights a local judge runs, known before any tensor is loaded or downloaded: enough for the judge's
 * fingerprint, so that the verdict cache can be asked first.
 *
 * @param source   the folder, or the Hub model pinned to one commit, that the judge loads
 * @param revision the fingerprint's revision: the Hub commit, or {@code sha256:...} over the folder's files
 *                 ({@link WeightsDigest})
 */
@API(status = INTERNAL, since = "0.1")
public record ModelIdentity(ModelSource source, String revision) {

    /** Where the digests of model folders are remembered, under the state folder. */
    static final String DIGESTS_FOLDER = "weight-digests";

    public ModelIdentity {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(revision, "revision");
    }

    /**
     * The identity of the weights {@code config} names ({@code rubric.judge.model}): a folder's digest (its files read
     * once, then remembered), or the Hub commit (from the model id, the cache, or one small request to the Hub).
     * Nothing is downloaded and no tensor is loaded.
     *
     * @throws JudgeException MODEL_FAILED_TO_LOAD with the way out when the weights cannot be named
     */
    public static ModelIdentity of(JudgeConfig config) {
        return of(config, ModelLocator.fromEnvironment());
    }

    /** As {@link #of(JudgeConfig)}, with {@code locator}'s Hugging Face settings. */
    static ModelIdentity of(JudgeConfig config, ModelLocator locator) {
        ModelSource source;
        try {
            source = locator.identify(config.model());
        } catch (HubException e) {
            throw LoadFailures.of(e, config.model());
        }
        return of(source, digests(config.local().stateDir(), System.err));
    }

    /**
     * The identity of {@code source}: for a folder, its digest, computed now (or remembered in {@code digests}).
     *
     * @throws JudgeException MODEL_FAILED_TO_LOAD when a folder's files cannot be read
     */
    static ModelIdentity of(ModelSource source, FileDigests digests) {
        if (source instanceof ModelSource.HubCommit hub) {
            return new ModelIdentity(source, hub.commit());
        }
        Path dir = ((ModelSource.Folder) source).directory();
        try {
            return new ModelIdentity(source, WeightsDigest.of(dir, digests));
        } catch (CheckpointException e) {
            throw LoadFailures.of(e);
        } catch (UncheckedIOException e) {
            throw new JudgeException(JudgeException.Reason.MODEL_FAILED_TO_LOAD, e.getMessage(), e);
        }
    }

    /** {@code source}'s identity, with digests remembered under {@code stateDir}: for a judge process given it. */
    public static ModelIdentity of(ModelSource source, Path stateDir) {
        return of(source, digests(stateDir, System.err));
    }

    static FileDigests digests(Path stateDir, PrintStream console) {
        return new FileDigests(stateDir.resolve(DIGESTS_FOLDER), console);
    }

    /**
     * The model's name in the fingerprint: the Hub id without its revision (the commit is the revision), or the
     * folder's name (the digest is the revision). So pinning {@code org/name} to its commit, or moving a folder, keeps
     * the judge's verdicts: the weights are the same.
     */
    public String model() {
        if (source instanceof ModelSource.HubCommit hub) {
            return hub.repoId();
        }
        return String.valueOf(((ModelSource.Folder) source).directory().getFileName());
    }

    /** The fingerprint of the local judge on these weights with {@code decoding}. */
    public JudgeFingerprint fingerprint(DecodingSettings decoding) {
        return new JudgeFingerprint("local", model(), revision, PrometheusFormat.VERSION, decoding);
    }
}
