package dev.rubric.hub;

import dev.rubric.secret.Secret;
import org.apiguardian.api.API;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Where the Hugging Face cache is, which Hub to ask, with which token, and whether asking is allowed: read from the
 * same environment variables, with the same defaults, as Python's huggingface_hub, so both share one cache.
 *
 * @param cacheDir      the hub cache: HF_HUB_CACHE, else HUGGINGFACE_HUB_CACHE, else HF_HOME/hub, else
 *                      XDG_CACHE_HOME/huggingface/hub, else ~/.cache/huggingface/hub
 * @param endpoint      HF_ENDPOINT, else https://huggingface.co (no trailing slash)
 * @param token         HF_TOKEN, else HUGGING_FACE_HUB_TOKEN, else the file written by {@code huggingface-cli login}
 *                      (HF_TOKEN_PATH, else HF_HOME/token)
 * @param offline       HF_HUB_OFFLINE is 1/true/yes/on: never download, use the cache only
 * @param progressBars  false when HF_HUB_DISABLE_PROGRESS_BARS is set to a true value
 */
@API(status = INTERNAL, since = "0.1")
public record HubSettings(Path cacheDir, URI endpoint, Optional<Secret> token, boolean offline, boolean progressBars) {

    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";
    private static final Set<String> TRUE_VALUES = Set.of("1", "ON", "YES", "TRUE");

    public HubSettings {
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(token, "token");
        String scheme = endpoint.getScheme();
        if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme) || endpoint.getHost() == null) {
            throw new HubException(HubException.Problem.BAD_SPEC,
                    "HF_ENDPOINT '" + endpoint + "' is not an http(s) address; set it to e.g. " + DEFAULT_ENDPOINT);
        }
    }

    /** The settings of this process: {@link System#getenv()} and the user's home directory. */
    public static HubSettings fromSystem() {
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The settings that these environment variables give, with {@code userHome} standing for {@code ~}. */
    public static HubSettings fromEnvironment(Map<String, String> env, Path userHome) {
        Path hfHome = firstSet(env, "HF_HOME")
                .map(v -> expandHome(v, userHome))
                .orElseGet(() -> firstSet(env, "XDG_CACHE_HOME").map(v -> expandHome(v, userHome))
                        .orElse(userHome.resolve(".cache")).resolve("huggingface"));
        Path cache = firstSet(env, "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE")
                .map(v -> expandHome(v, userHome))
                .orElse(hfHome.resolve("hub"));
        String endpointText = firstSet(env, "HF_ENDPOINT").orElse(DEFAULT_ENDPOINT);
        while (endpointText.endsWith("/")) {
            endpointText = endpointText.substring(0, endpointText.length() - 1);
        }
        URI endpoint;
        try {
            endpoint = URI.create(endpointText);
        } catch (IllegalArgumentException e) {
            throw new HubException(HubException.Problem.BAD_SPEC,
                    "HF_ENDPOINT '" + endpointText + "' is not a valid address: " + e.getMessage());
        }
        Optional<Secret> token;
        try {
            token = firstSetName(env, "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN")
                    .map(name -> Secret.credential("the environment variable " + name, env.get(name)))
                    .or(() -> {
                        Path file = firstSet(env, "HF_TOKEN_PATH").map(v -> expandHome(v, userHome))
                                .orElse(hfHome.resolve("token"));
                        return readTokenFile(file).map(t -> Secret.credential("the token file " + file, t));
                    });
        } catch (IllegalArgumentException e) {
            throw new HubException(HubException.Problem.BAD_SPEC, e.getMessage()
                    + " (a token from huggingface.co/settings/tokens is hf_ followed by letters and digits)");
        }
        boolean offline = isTrue(env.get("HF_HUB_OFFLINE"));
        boolean progress = !isTrue(env.get("HF_HUB_DISABLE_PROGRESS_BARS"));
        return new HubSettings(cache.toAbsolutePath().normalize(), endpoint, token, offline, progress);
    }

    static boolean isTrue(String value) {
        return value != null && TRUE_VALUES.contains(value.trim().toUpperCase(Locale.ROOT));
    }

    private static Optional<String> firstSetName(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> firstSet(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.trim());
            }
        }
        return Optional.empty();
    }

    private static Path expandHome(String value, Path userHome) {
        if (value.equals("~")) {
            return userHome;
        }
        if (value.startsWith("~/")) {
            return userHome.resolve(value.substring(2));
        }
        return Path.of(value);
    }

    private static Optional<String> readTokenFile(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > 4096) {
                return Optional.empty();
            }
            String token = Files.readString(file, StandardCharsets.UTF_8).trim();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
