package dev.rubric.judge;

import dev.rubric.core.ConfigKeys;
import dev.rubric.core.DecodingSettings;
import dev.rubric.secret.Secret;

import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads a {@link JudgeConfig} once: each key of {@link ConfigKeys} with its source precedence (parameters, then the
 * environment, then the default), each bad value turned into a message that names the key, the value and what is
 * allowed, and the settings put into the records of their users.
 */
final class JudgeConfigReader {

    private final Function<String, Optional<String>> parameters;
    private final Map<String, String> env;

    JudgeConfigReader(Function<String, Optional<String>> parameters, Map<String, String> env) {
        this.parameters = parameters;
        this.env = env;
    }

    /**
     * The configuration these sources give.
     *
     * @param parameterKeys the parameters' own keys, when the caller can list them: unknown {@code rubric.*} keys
     *                      among them are reported
     * @throws IllegalArgumentException naming the key, the bad value and what is allowed, or the unknown key
     */
    JudgeConfig read(Collection<String> parameterKeys) {
        String judge = string(ConfigKeys.JUDGE, "local");
        String judgeClass = null;
        JudgeConfig.Backend backend;
        if (judge.contains(".")) {
            backend = JudgeConfig.Backend.CUSTOM;
            judgeClass = judge;
        } else {
            backend = enumValue(ConfigKeys.JUDGE, JudgeConfig.Backend.class, JudgeConfig.Backend.LOCAL);
            if (backend == JudgeConfig.Backend.CUSTOM) {
                throw new IllegalArgumentException(ConfigKeys.JUDGE + " = \"custom\" is not valid: name the class"
                        + " itself, e.g. -D" + ConfigKeys.JUDGE + "=com.example.MyJudge");
            }
        }
        String model = string(ConfigKeys.MODEL, JudgeConfig.DEFAULT_MODEL);
        ServerSettings server = server();
        if (backend == JudgeConfig.Backend.OPENAI && server.url().isEmpty()) {
            throw new IllegalArgumentException(ConfigKeys.URL + " is not set but " + ConfigKeys.JUDGE
                    + "=openai needs it: give the server's base URL, e.g. -D" + ConfigKeys.URL
                    + "=http://localhost:8000/v1 (vLLM) or http://localhost:11434/v1 (Ollama)");
        }
        DecodingSettings decoding = decoding();
        boolean ci = onCi(env);
        LocalModelSettings local = new LocalModelSettings(
                enumValue(ConfigKeys.DEVICE, LocalModelSettings.Device.class, LocalModelSettings.Device.AUTO),
                string(ConfigKeys.BATCH_SIZE, null) == null ? null : intValue(ConfigKeys.BATCH_SIZE, 8, 1, 4096),
                // on a CI machine nothing may outlive the build: the model in the test JVM, or with share=machine
                // asked for, a process that exits with its last client
                enumValue(ConfigKeys.SHARE, LocalModelSettings.Sharing.class,
                        ci ? LocalModelSettings.Sharing.JVM : LocalModelSettings.Sharing.MACHINE),
                idleTimeout(ci ? Duration.ZERO : LocalModelSettings.DEFAULT_IDLE_TIMEOUT),
                rubricCacheRoot(env));
        CacheSettings cache = new CacheSettings(enumValue(ConfigKeys.CACHE, CacheMode.class, CacheMode.READWRITE),
                string(ConfigKeys.CACHE_DIR, null) != null ? path(ConfigKeys.CACHE_DIR) : defaultCacheDir(env));
        rejectUnknown(parameterKeys);
        rejectUnknownSystemProperties();
        return new JudgeConfig(backend, judgeClass, model, decoding, server, local, cache);
    }

    private DecodingSettings decoding() {
        DecodingSettings d = DecodingSettings.GREEDY;
        try {
            return new DecodingSettings(
                    intValue(ConfigKeys.MAX_TOKENS, d.maxTokens(), 1, 32768),
                    doubleValue(ConfigKeys.TEMPERATURE, d.temperature(), 0, 10),
                    doubleValue(ConfigKeys.TOP_P, d.topP(), Double.MIN_VALUE, 1),
                    doubleValue(ConfigKeys.REPETITION_PENALTY, d.repetitionPenalty(), Double.MIN_VALUE, 10),
                    longValue(ConfigKeys.SEED, d.seed()),
                    intValue(ConfigKeys.SAMPLES, d.samples(), 1, 100));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("judge decoding settings: " + e.getMessage(), e);
        }
    }

    private ServerSettings server() {
        Optional<URI> url = string(ConfigKeys.URL, null) == null ? Optional.empty() : Optional.of(uri(ConfigKeys.URL));
        return new ServerSettings(url,
                enumValue(ConfigKeys.API, ServerSettings.Api.class, ServerSettings.Api.COMPLETIONS),
                intValue(ConfigKeys.CONCURRENCY, 8, 1, 1024),
                duration(ConfigKeys.TIMEOUT, Duration.ofSeconds(120)),
                duration(ConfigKeys.CONNECT_TIMEOUT, Duration.ofSeconds(10)),
                intValue(ConfigKeys.RETRIES, 4, 0, 100),
                intValue(ConfigKeys.PARSE_ATTEMPTS, 3, 1, 100),
                Optional.ofNullable(env.get(ConfigKeys.API_KEY_ENV)).filter(s -> !s.isBlank()).map(Secret::of));
    }

    private String string(String key, String fallback) {
        Optional<String> p = parameters.apply(key).map(String::strip).filter(s -> !s.isEmpty());
        if (p.isPresent()) {
            return p.get();
        }
        String e = env.get(ConfigKeys.envName(key));
        return e != null && !e.isBlank() ? e.strip() : fallback;
    }

    private <E extends Enum<E>> E enumValue(String key, Class<E> type, E fallback) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        for (E c : type.getEnumConstants()) {
            if (c.name().equalsIgnoreCase(v.replace('-', '_'))) {
                return c;
            }
        }
        throw bad(key, v, "one of " + Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT)).toList()
                + (type == JudgeConfig.Backend.class ? " (custom means a class name: -D" + key
                + "=com.example.MyJudge)" : ""));
    }

    private int intValue(String key, int fallback, int min, int max) {
        String text = string(key, null);
        if (text == null) {
            return fallback;
        }
        long v;
        try {
            v = Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw bad(key, text, "a whole number from " + min + " to " + max);
        }
        if (v < min || v > max) {
            throw bad(key, text, "a whole number from " + min + " to " + max);
        }
        return (int) v;
    }

    private long longValue(String key, long fallback) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw bad(key, v, "a whole number");
        }
    }

    private double doubleValue(String key, double fallback, double min, double max) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        String range = "a number from " + (min == Double.MIN_VALUE ? "just above 0" : plain(min)) + " to "
                + plain(max);
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw bad(key, v, range);
        }
        if (!(d >= min && d <= max)) {
            throw bad(key, v, range);
        }
        return d;
    }

    private Duration duration(String key, Duration fallback) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        try {
            Duration d = parseDuration(v);
            if (d.isNegative() || d.isZero()) {
                throw bad(key, v, "a positive duration");
            }
            return d;
        } catch (IllegalArgumentException | DateTimeException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(key) ? (RuntimeException) e
                    : bad(key, v, "a duration such as 30s, 2m, 500ms or PT30S");
        }
    }

    /** Like {@link #duration}, where 0 is allowed (the judge process exits with its last client). */
    private Duration idleTimeout(Duration fallback) {
        String v = string(ConfigKeys.IDLE_TIMEOUT, null);
        if (v == null) {
            return fallback;
        }
        try {
            Duration d = v.strip().equals("0") ? Duration.ZERO : parseDuration(v);
            if (d.isNegative()) {
                throw bad(ConfigKeys.IDLE_TIMEOUT, v, "a duration such as 30m, 2h or 0 (exit with the last client)");
            }
            return d;
        } catch (IllegalArgumentException | DateTimeException e) {
            throw bad(ConfigKeys.IDLE_TIMEOUT, v, "a duration such as 30m, 2h or 0 (exit with the last client)");
        }
    }

    /**
     * Whether the environment is a CI machine's: {@code CI} set to true (GitHub Actions, GitLab, CircleCI, Travis,
     * Buildkite, Bitbucket and most others), or the variables Jenkins ({@code JENKINS_URL}), Azure Pipelines
     * ({@code TF_BUILD}) and TeamCity ({@code TEAMCITY_VERSION}) set instead.
     */
    static boolean onCi(Map<String, String> env) {
        String ci = env.get("CI");
        if (ci != null && Set.of("true", "1", "yes", "on").contains(ci.strip().toLowerCase(Locale.ROOT))) {
            return true;
        }
        return Stream.of("JENKINS_URL", "TF_BUILD", "TEAMCITY_VERSION")
                .anyMatch(name -> env.get(name) != null && !env.get(name).isBlank());
    }

    /** A directory; a leading {@code ~/} is the user's home (property files do not expand it). */
    private Path path(String key) {
        String v = string(key, null);
        try {
            if (v.equals("~") || v.startsWith("~/")) {
                return Path.of(System.getProperty("user.home")).resolve(v.substring(Math.min(2, v.length())));
            }
            return Path.of(v);
        } catch (InvalidPathException e) {
            throw bad(key, v, "a directory path");
        }
    }

    private URI uri(String key) {
        String v = string(key, null);
        try {
            URI u = URI.create(v);
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
                    || u.getHost() == null) {
                throw bad(key, v, "an http:// or https:// URL such as http://localhost:8000/v1");
            }
            if (u.getRawUserInfo() != null) { // the value is not quoted: it holds a password
                throw new IllegalArgumentException(key + " for " + u.getHost() + " carries a user name or"
                        + " password (user:password@host), which would be printed in messages and written to"
                        + " results files: remove it, and give an API key in the environment variable "
                        + ConfigKeys.API_KEY_ENV + " (sent as a Bearer token)");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(key) ? e
                    : bad(key, v, "an http:// or https:// URL such as http://localhost:8000/v1");
        }
    }

    /** System properties the parameter lookup also sees (JUnit falls back to them) are checked too. */
    private void rejectUnknownSystemProperties() {
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("rubric.") && parameters.apply(name).isPresent()) {
                checkKnown(name);
            }
        }
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static IllegalArgumentException bad(String key, String value, String allowed) {
        return new IllegalArgumentException(key + " = \"" + value + "\" is not valid: use " + allowed);
    }

    /**
     * Rejects the first unknown {@code rubric.*} key of {@code keys}, naming the nearest valid one. Keys under
     * {@code rubric.report.} and {@code rubric.gate.} belong to the report and the Maven plugin and pass.
     *
     * @throws IllegalArgumentException for an unknown key
     */
    static void rejectUnknown(Collection<String> keys) {
        for (String key : keys) {
            checkKnown(key);
        }
    }

    private static void checkKnown(String name) {
        if (!ConfigKeys.owns(name) || ConfigKeys.ALL.contains(name)) {
            return;
        }
        String nearest = ConfigKeys.nearest(name);
        if (name.replace('_', '-').equals("rubric.judge.api-key") || name.equals("rubric.judge.apikey")
                || name.equals("rubric.judge.key")) {
            throw new IllegalArgumentException("unknown configuration key " + name + ": the API key is read only from"
                    + " the environment variable " + ConfigKeys.API_KEY_ENV + ", so that it never lands in build files"
                    + " or logs");
        }
        throw new IllegalArgumentException("unknown configuration key " + name + "; did you mean " + nearest
                + "? (the keys are listed in the README's configuration reference)");
    }

    /** ~/.cache/rubric/verdicts, honouring XDG_CACHE_HOME. */
    static Path defaultCacheDir(Map<String, String> env) {
        return rubricCacheRoot(env).resolve("verdicts");
    }

    /** ~/.cache/rubric, honouring XDG_CACHE_HOME: the verdict cache's default folder and this machine's state. */
    static Path rubricCacheRoot(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg.strip())
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("rubric");
    }

    /** 30s, 2m, 500ms, 1h, a plain number of seconds, or ISO-8601 (PT30S). */
    static Duration parseDuration(String v) {
        String s = v.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("pt") || s.startsWith("p")) {
            return Duration.parse(v.strip().toUpperCase(Locale.ROOT));
        }
        try {
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).strip()));
            }
            if (s.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1).strip()) * 1000));
            }
            if (s.endsWith("m")) {
                return Duration.ofSeconds(Math.round(Double.parseDouble(s.substring(0, s.length() - 1).strip()) * 60));
            }
            if (s.endsWith("h")) {
                return Duration.ofSeconds(Math.round(Double.parseDouble(s.substring(0, s.length() - 1).strip()) * 3600));
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: " + v, e);
        }
    }
}
