package dev.rubric.hub;

import org.apiguardian.api.API;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Finds the judge model's weights for {@code rubric.judge.model}: a directory, or a Hub id ({@code org/name}, optionally
 * {@code @revision}, default {@code main}) looked up in the Hugging Face cache that Python tools share, and downloaded
 * into it when missing (only the files the judge needs, resumable, checked against the Hub's sha256).
 *
 * <p>A snapshot already complete in the cache is used without asking the Hub, so a second run (or a run with
 * HF_HUB_OFFLINE=1) needs no network; to move to a newer commit of a branch, name the commit after '@'.
 */
@API(status = INTERNAL, since = "0.1")
public final class ModelLocator {

    private final HubSettings settings;
    private final Supplier<HttpClient> client;
    private final DownloadProgress progress;
    private final ToLongFunction<Path> usableSpace;
    private final Duration stallTimeout;
    private final Duration retryPause;
    /** Made on the first request to the Hub: an HTTP client costs a second (TLS set-up) that a cached run never pays. */
    private HubHttp http;
    private BlobDownloader downloader;

    /** A locator with these settings, a progress bar on System.err (unless disabled in the settings). */
    public ModelLocator(HubSettings settings) {
        this(settings, HubHttp::defaultClient,
                settings.progressBars() ? DownloadProgress.console() : DownloadProgress.silent(),
                BlobDownloader::usableSpaceOf, Duration.ofSeconds(60), Duration.ofSeconds(2));
    }

    ModelLocator(HubSettings settings, HttpClient client, DownloadProgress progress, ToLongFunction<Path> usableSpace,
                 Duration stallTimeout, Duration retryPause) {
        this(settings, () -> client, progress, usableSpace, stallTimeout, retryPause);
    }

    private ModelLocator(HubSettings settings, Supplier<HttpClient> client, DownloadProgress progress,
                         ToLongFunction<Path> usableSpace, Duration stallTimeout, Duration retryPause) {
        this.settings = settings;
        this.client = client;
        this.progress = progress;
        this.usableSpace = usableSpace;
        this.stallTimeout = stallTimeout;
        this.retryPause = retryPause;
    }

    private synchronized HubHttp http() {
        if (http == null) {
            http = new HubHttp(settings, client.get(), Duration.ofSeconds(60));
            downloader = new BlobDownloader(http, progress, usableSpace, stallTimeout, retryPause);
        }
        return http;
    }

    private synchronized BlobDownloader downloader() {
        http();
        return downloader;
    }

    /** A locator configured from this process's environment ({@link HubSettings#fromSystem()}). */
    public static ModelLocator fromEnvironment() {
        return new ModelLocator(HubSettings.fromSystem());
    }

    public HubSettings settings() {
        return settings;
    }

    /**
     * The folder with config.json, tokenizer.json and the safetensors weights for {@code spec}.
     *
     * @throws HubException naming what is missing or went wrong, and the way out
     */
    public Path resolve(String spec) {
        return locate(spec).directory();
    }

    /** Like {@link #resolve(String)}, also saying which model and Hub commit the folder holds (for fingerprints). */
    public ResolvedModel locate(String spec) {
        Optional<ModelSource.Folder> folder = folder(spec);
        return folder.isPresent() ? locate(folder.get()) : locate(HubModelId.parse(spec.trim()));
    }

    /**
     * Which weights {@code spec} names, without downloading anything: a folder (checked to hold a complete
     * checkpoint), or a Hub model pinned to one commit: the commit {@code spec} names, else the one its revision
     * points to in the cache when that snapshot is complete there (as {@link #locate(String)} would use it), else the
     * one the Hub says (one small request for the file list). Offline, a revision whose snapshot is incomplete is the
     * commit the cache last saw; with no such commit it cannot be known.
     *
     * @throws HubException naming what is missing or went wrong, and the way out
     */
    public ModelSource identify(String spec) {
        Optional<ModelSource.Folder> folder = folder(spec);
        if (folder.isPresent()) {
            return folder.get();
        }
        HubModelId model = HubModelId.parse(spec.trim());
        if (HubModelId.isCommitHash(model.revision())) {
            return new ModelSource.HubCommit(model.repoId(), model.revision());
        }
        HubCache cache = new HubCache(settings.cacheDir(), model);
        Optional<String> cached = cache.readRef(model.revision());
        if (cached.isPresent() && (settings.offline() || CheckpointDirectory.isComplete(cache.snapshotDir(cached.get())))) {
            return new ModelSource.HubCommit(model.repoId(), cached.get());
        }
        if (settings.offline()) {
            throw new HubException(HubException.Problem.OFFLINE, "Cannot tell which commit of " + model.repoId()
                    + " the revision '" + model.revision() + "' is: HF_HUB_OFFLINE is set, which forbids asking the Hub"
                    + ", and the cache " + settings.cacheDir() + " has no record of it. Name the commit"
                    + " (rubric.judge.model=" + model.repoId() + "@<40-hex commit>) to use the verdicts cached for it"
                    + " without the weights, or unset HF_HUB_OFFLINE. Or: " + HubHttp.howToGetItOffline(model));
        }
        return new ModelSource.HubCommit(model.repoId(), http().listing(model).commit());
    }

    /** The weights {@code source} names: the folder, or that commit's snapshot (downloaded when missing). */
    public ResolvedModel locate(ModelSource source) {
        if (source instanceof ModelSource.HubCommit hub) {
            return locate(new HubModelId(hub.repoId(), hub.commit()));
        }
        return locate((ModelSource.Folder) source);
    }

    private static ResolvedModel locate(ModelSource.Folder folder) {
        Path dir = folder.directory();
        CheckpointDirectory.require(dir, "The model directory");
        return new ResolvedModel(dir, String.valueOf(dir.getFileName()), Optional.empty());
    }

    /**
     * The folder {@code spec} names when it is an existing directory (checked to hold a checkpoint); else empty, and
     * {@code spec} has the form of a Hub id.
     *
     * @throws HubException BAD_SPEC when it is neither
     */
    private static Optional<ModelSource.Folder> folder(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new HubException(HubException.Problem.BAD_SPEC, "No judge model is given: set rubric.judge.model to "
                    + "a directory (config.json, tokenizer.json, *.safetensors) or a Hub id such as "
                    + "prometheus-eval/prometheus-7b-v2.0 (optionally @revision).");
        }
        String text = spec.trim();
        Path asPath = expandHome(text);
        if (Files.isDirectory(asPath)) {
            Path dir = asPath.toAbsolutePath().normalize();
            CheckpointDirectory.require(dir, "The model directory");
            return Optional.of(new ModelSource.Folder(dir));
        }
        if (!HubModelId.looksLikeHubId(text)) {
            throw new HubException(HubException.Problem.BAD_SPEC, "rubric.judge.model '" + text + "' is neither an "
                    + "existing directory (" + asPath.toAbsolutePath() + " does not exist) nor a Hub id of the form "
                    + "org/name[@revision], e.g. prometheus-eval/prometheus-7b-v2.0.");
        }
        return Optional.empty();
    }

    /** The snapshot of a Hub model: from the cache when complete there, else downloaded (unless offline). */
    ResolvedModel locate(HubModelId model) {
        HubCache cache = new HubCache(settings.cacheDir(), model);
        Optional<String> cached = HubModelId.isCommitHash(model.revision()) ? Optional.of(model.revision())
                : cache.readRef(model.revision());
        if (cached.isPresent() && CheckpointDirectory.isComplete(cache.snapshotDir(cached.get()))) {
            return new ResolvedModel(cache.snapshotDir(cached.get()), model.repoId(), cached);
        }
        if (settings.offline()) {
            String state = cached.isEmpty() ? "the cache " + settings.cacheDir() + " has no snapshot of it"
                    : "its cached snapshot " + cache.snapshotDir(cached.get()) + " is incomplete ("
                    + String.join("; ", CheckpointDirectory.missing(cache.snapshotDir(cached.get()))) + ")";
            throw new HubException(HubException.Problem.OFFLINE, "Cannot download " + model + ": HF_HUB_OFFLINE is set"
                    + ", which forbids downloads, and " + state + ". Unset HF_HUB_OFFLINE to let Rubric download it. Or: "
                    + HubHttp.howToGetItOffline(model));
        }
        try {
            return download(model, cache);
        } catch (IOException e) {
            boolean full = String.valueOf(e.getMessage()).contains("No space left on device");
            throw new HubException(full ? HubException.Problem.DISK_FULL : HubException.Problem.IO_ERROR, "Writing "
                    + model + " into the cache folder " + cache.repoDir() + " failed: " + e + ". "
                    + (full ? "Free some space there" : "Check that the folder is writable")
                    + ", or set HF_HUB_CACHE to a folder on another disk.", e);
        }
    }

    /** One download at a time per locator (one progress line); other processes are kept apart by file locks. */
    private synchronized ResolvedModel download(HubModelId model, HubCache cache) throws IOException {
        HubHttp.RepoListing listing = http().listing(model);
        String commit = listing.commit();
        HubFileSelection selection = new HubFileSelection(model, listing.files());
        List<String> metadata = selection.metadataFiles();
        progress.note("Rubric: fetching " + model.repoId() + " at " + model.revision() + " (commit " + commit
                + ") into " + cache.repoDir());
        for (String file : metadata) {
            ensure(model, cache, commit, file);
        }
        List<String> shards = selection.hasIndex()
                ? CheckpointDirectory.shardsOf(cache.snapshotFile(commit, CheckpointDirectory.INDEX)) : null;
        for (String file : selection.weightFiles(shards)) {
            ensure(model, cache, commit, file);
        }
        cache.writeRef(model.revision(), commit);
        Path snapshot = cache.snapshotDir(commit);
        CheckpointDirectory.require(snapshot, "The downloaded snapshot");
        return new ResolvedModel(snapshot, model.repoId(), Optional.of(commit));
    }

    /** Puts {@code snapshots/<commit>/<file>} in place, downloading the blob unless the cache has it. */
    private void ensure(HubModelId model, HubCache cache, String commit, String file) throws IOException {
        if (Files.isRegularFile(cache.snapshotFile(commit, file))) {
            return;
        }
        FileMetadata meta = http().metadata(model, commit, file);
        if (!meta.commit().equals(commit)) {
            throw new HubException(HubException.Problem.HUB_ERROR, "The Hub at " + settings.endpoint() + " served "
                    + file + " of " + model + " from commit " + meta.commit() + " while its file list is of commit "
                    + commit + "; the revision moved during the download. Run again.");
        }
        Path blob = downloader().fetch(model, meta, cache);
        cache.linkSnapshot(commit, file, blob);
    }

    private static Path expandHome(String text) {
        String home = System.getProperty("user.home");
        if (text.equals("~")) {
            return Path.of(home);
        }
        if (text.startsWith("~/")) {
            return Path.of(home, text.substring(2));
        }
        try {
            return Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            throw new HubException(HubException.Problem.BAD_SPEC, "rubric.judge.model '" + text + "' is not a valid "
                    + "path or Hub id: " + e.getMessage());
        }
    }
}
