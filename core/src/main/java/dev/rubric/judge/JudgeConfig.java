package dev.rubric.judge;

import dev.rubric.core.DecodingSettings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The judge's configuration, read from (highest first) JUnit configuration parameters or system properties, then
 * environment variables, then defaults. See {@link ConfigKeys} and the README's configuration reference.
 *
 * @param backend        local (in the test JVM), openai (an OpenAI-compatible server), or custom
 * @param judgeClass     for custom: the class implementing {@link dev.rubric.core.Judge} named by {@code rubric.judge}
 * @param model          a Hugging Face model id with optional {@code @revision}, or a directory
 * @param url            the server's base URL (openai), e.g. http://localhost:8000/v1
 * @param api            completions (default, exact prompt) or chat
 * @param decoding       max tokens, temperature, top-p, repetition penalty, seed, samples
 * @param concurrency    requests in flight at once (openai)
 * @param timeout        how long one request may take (openai)
 * @param connectTimeout how long connecting may take (openai)
 * @param retries        retries of connection errors, 429 and 5xx (openai)
 * @param parseAttempts  how often an unparseable output is asked again (openai)
 * @param device         auto, cpu or gpu (local)
 * @param batchSize      gradings per batch (local); {@code null}: 8 on CPU, 32 on GPU
 * @param cacheMode      readwrite, read, write or off
 * @param cacheDir       where verdicts are cached
 * @param apiKey         from {@code RUBRIC_JUDGE_API_KEY}, never printed
 */
public record JudgeConfig(Backend backend, String judgeClass, String model, URI url, Api api, DecodingSettings decoding, int concurrency,
                          Duration timeout, Duration connectTimeout, int retries, int parseAttempts, Device device,
                          Integer batchSize, CacheMode cacheMode, Path cacheDir, Optional<Secret> apiKey) {

    public static final String DEFAULT_MODEL = "prometheus-eval/prometheus-7b-v2.0";

    /** CUSTOM: {@code rubric.judge} names a class implementing Judge (public, with a (JudgeConfig) or no-arg constructor). */
    public enum Backend { LOCAL, OPENAI, CUSTOM }

    public enum Api { COMPLETIONS, CHAT }

    /**
     * Where the local judge runs. The model loader has its own {@code dev.rubric.lm.DeviceChoice} (lm does not depend
     * on judge configuration); {@code LocalJudge.deviceChoice} maps one to the other.
     */
    public enum Device { AUTO, CPU, GPU }

    /** The file JUnit reads configuration parameters from, at the root of the test classpath. */
    public static final String JUNIT_PROPERTIES = "junit-platform.properties";

    /** From system properties and the process environment. */
    public static JudgeConfig fromSystem() {
        return from(key -> Optional.ofNullable(System.getProperty(key)), System.getenv());
    }

    /**
     * The judge a test on this classpath gets outside a launcher request: system properties first, then the first
     * {@value #JUNIT_PROPERTIES} on the classpath (JUnit's own order), then the environment. Plain Jupiter tests'
     * rubric checks and the judge process of {@code rubric:rejudge} read it this way.
     *
     * @throws IllegalArgumentException for a bad or unknown key, naming it
     * @throws java.io.UncheckedIOException when the properties file cannot be read
     */
    public static JudgeConfig fromSystemAndClasspath(ClassLoader loader) {
        java.util.Properties file = junitProperties(loader);
        Set<String> fileKeys = file.stringPropertyNames().stream().filter(k -> k.startsWith("rubric."))
                .collect(java.util.stream.Collectors.toSet());
        return from(key -> Optional.ofNullable(System.getProperty(key))
                .or(() -> Optional.ofNullable(file.getProperty(key))), fileKeys, System.getenv());
    }

    /** The first {@value #JUNIT_PROPERTIES} on the classpath (as JUnit reads it), or none. */
    static java.util.Properties junitProperties(ClassLoader loader) {
        java.util.Properties p = new java.util.Properties();
        java.net.URL url = loader == null ? ClassLoader.getSystemResource(JUNIT_PROPERTIES)
                : loader.getResource(JUNIT_PROPERTIES);
        if (url == null) {
            return p;
        }
        try (java.io.InputStream in = url.openStream()) {
            p.load(in);
            return p;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + url + ": " + e.getMessage(), e);
        }
    }

    /**
     * From a parameter lookup (JUnit's {@code ConfigurationParameters::get}, system properties) and an environment.
     *
     * @throws IllegalArgumentException naming the key, the bad value and what is allowed
     */
    public static JudgeConfig from(Function<String, Optional<String>> parameters, Map<String, String> env) {
        return from(parameters, Set.of(), env);
    }

    /**
     * Like {@link #from(Function, Map)}, for callers that can list their parameters (JUnit's
     * {@code ConfigurationParameters::keySet}): an unknown {@code rubric.*} key among {@code parameterKeys} (or the
     * system properties) is reported with the nearest valid key.
     *
     * @throws IllegalArgumentException naming the key, the bad value and what is allowed, or the unknown key
     */
    public static JudgeConfig from(Function<String, Optional<String>> parameters, Set<String> parameterKeys,
                                   Map<String, String> env) {
        Reader r = new Reader(parameters, env);
        String judge = r.string(ConfigKeys.JUDGE, "local");
        String judgeClass = null;
        Backend backend;
        if (judge.contains(".")) {
            backend = Backend.CUSTOM;
            judgeClass = judge;
        } else {
            backend = r.enumValue(ConfigKeys.JUDGE, Backend.class, Backend.LOCAL);
            if (backend == Backend.CUSTOM) {
                throw new IllegalArgumentException(ConfigKeys.JUDGE + " = \"custom\" is not valid: name the class"
                        + " itself, e.g. -D" + ConfigKeys.JUDGE + "=com.example.MyJudge");
            }
        }
        String model = r.string(ConfigKeys.MODEL, DEFAULT_MODEL);
        URI url = r.string(ConfigKeys.URL, null) == null ? null : r.uri(ConfigKeys.URL);
        if (backend == Backend.OPENAI && url == null) {
            throw new IllegalArgumentException(ConfigKeys.URL + " is not set but " + ConfigKeys.JUDGE
                    + "=openai needs it: give the server's base URL, e.g. -D" + ConfigKeys.URL
                    + "=http://localhost:8000/v1 (vLLM) or http://localhost:11434/v1 (Ollama)");
        }
        Api api = r.enumValue(ConfigKeys.API, Api.class, Api.COMPLETIONS);
        DecodingSettings d = DecodingSettings.GREEDY;
        DecodingSettings decoding;
        try {
            decoding = new DecodingSettings(
                    r.intValue(ConfigKeys.MAX_TOKENS, d.maxTokens(), 1, 32768),
                    r.doubleValue(ConfigKeys.TEMPERATURE, d.temperature(), 0, 10),
                    r.doubleValue(ConfigKeys.TOP_P, d.topP(), Double.MIN_VALUE, 1),
                    r.doubleValue(ConfigKeys.REPETITION_PENALTY, d.repetitionPenalty(), Double.MIN_VALUE, 10),
                    r.longValue(ConfigKeys.SEED, d.seed()),
                    r.intValue(ConfigKeys.SAMPLES, d.samples(), 1, 100));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("judge decoding settings: " + e.getMessage(), e);
        }
        int concurrency = r.intValue(ConfigKeys.CONCURRENCY, 8, 1, 1024);
        Duration timeout = r.duration(ConfigKeys.TIMEOUT, Duration.ofSeconds(120));
        Duration connectTimeout = r.duration(ConfigKeys.CONNECT_TIMEOUT, Duration.ofSeconds(10));
        int retries = r.intValue(ConfigKeys.RETRIES, 4, 0, 100);
        int parseAttempts = r.intValue(ConfigKeys.PARSE_ATTEMPTS, 3, 1, 100);
        Device device = r.enumValue(ConfigKeys.DEVICE, Device.class, Device.AUTO);
        Integer batchSize = r.string(ConfigKeys.BATCH_SIZE, null) == null ? null
                : r.intValue(ConfigKeys.BATCH_SIZE, 8, 1, 4096);
        CacheMode cacheMode = r.enumValue(ConfigKeys.CACHE, CacheMode.class, CacheMode.READWRITE);
        Path cacheDir = r.string(ConfigKeys.CACHE_DIR, null) != null ? r.path(ConfigKeys.CACHE_DIR)
                : defaultCacheDir(env);
        Optional<Secret> apiKey = Optional.ofNullable(env.get(ConfigKeys.API_KEY_ENV))
                .filter(s -> !s.isBlank()).map(Secret::of);
        rejectUnknown(parameterKeys);
        r.rejectUnknownSystemProperties();
        return new JudgeConfig(backend, judgeClass, model, url, api, decoding, concurrency, timeout, connectTimeout, retries,
                parseAttempts, device, batchSize, cacheMode, cacheDir, apiKey);
    }

    /**
     * Rejects the first unknown key of {@code keys} in a namespace the judge or the engine owns
     * ({@link ConfigKeys#owns}), naming the nearest valid one. Every other key passes, the Maven plugin's
     * {@code -Drubric.minPassRate} and the like among them: Surefire forwards them to the test JVM.
     *
     * @throws IllegalArgumentException for an unknown key
     */
    public static void rejectUnknown(Collection<String> keys) {
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

    /** The defaults, with no parameters and an empty environment (useful in tests). */
    public static JudgeConfig defaults() {
        return from(k -> Optional.empty(), Map.of());
    }

    /** The effective settings without secrets, for results files and logs. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(ConfigKeys.JUDGE, backend == Backend.CUSTOM ? judgeClass : backend.name().toLowerCase(Locale.ROOT));
        m.put(ConfigKeys.MODEL, model);
        if (backend == Backend.OPENAI) {
            m.put(ConfigKeys.URL, String.valueOf(url));
            m.put(ConfigKeys.API, api.name().toLowerCase(Locale.ROOT));
            m.put(ConfigKeys.CONCURRENCY, String.valueOf(concurrency));
            m.put(ConfigKeys.TIMEOUT, timeout.toString());
            m.put("rubric.judge.api-key", apiKey.isPresent() ? "set" : "not set");
        } else {
            m.put(ConfigKeys.DEVICE, device.name().toLowerCase(Locale.ROOT));
            m.put(ConfigKeys.BATCH_SIZE, batchSize == null ? "auto" : String.valueOf(batchSize));
        }
        m.put(ConfigKeys.MAX_TOKENS, String.valueOf(decoding.maxTokens()));
        m.put(ConfigKeys.TEMPERATURE, String.valueOf(decoding.temperature()));
        m.put(ConfigKeys.TOP_P, String.valueOf(decoding.topP()));
        m.put(ConfigKeys.REPETITION_PENALTY, String.valueOf(decoding.repetitionPenalty()));
        m.put(ConfigKeys.SEED, String.valueOf(decoding.seed()));
        m.put(ConfigKeys.SAMPLES, String.valueOf(decoding.samples()));
        m.put(ConfigKeys.CACHE, cacheMode.name().toLowerCase(Locale.ROOT));
        m.put(ConfigKeys.CACHE_DIR, cacheDir.toString());
        return m;
    }

    /** ~/.cache/rubric/verdicts, honouring XDG_CACHE_HOME. */
    static Path defaultCacheDir(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("rubric").resolve("verdicts");
    }

    /** Reads values with their source precedence and turns bad ones into messages that name key, value and range. */
    private static final class Reader {
        private final Function<String, Optional<String>> parameters;
        private final Map<String, String> env;

        Reader(Function<String, Optional<String>> parameters, Map<String, String> env) {
            this.parameters = parameters;
            this.env = env;
        }

        String string(String key, String fallback) {
            Optional<String> p = parameters.apply(key).map(String::strip).filter(s -> !s.isEmpty());
            if (p.isPresent()) {
                return p.get();
            }
            String e = env.get(ConfigKeys.envName(key));
            return e != null && !e.isBlank() ? e.strip() : fallback;
        }

        <E extends Enum<E>> E enumValue(String key, Class<E> type, E fallback) {
            String v = string(key, null);
            if (v == null) {
                return fallback;
            }
            for (E c : type.getEnumConstants()) {
                if (c.name().equalsIgnoreCase(v.replace('-', '_'))) {
                    return c;
                }
            }
            throw bad(key, v, "one of " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList()
                    + (type == Backend.class ? " (custom means a class name: -D" + key + "=com.example.MyJudge)" : ""));
        }

        int intValue(String key, int fallback, int min, int max) {
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

        long longValue(String key, long fallback) {
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

        double doubleValue(String key, double fallback, double min, double max) {
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

        Duration duration(String key, Duration fallback) {
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
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                throw e.getMessage() != null && e.getMessage().startsWith(key) ? (RuntimeException) e
                        : bad(key, v, "a duration such as 30s, 2m, 500ms or PT30S");
            }
        }

        /** A directory; a leading {@code ~/} is the user's home (property files do not expand it). */
        Path path(String key) {
            String v = string(key, null);
            try {
                if (v.equals("~") || v.startsWith("~/")) {
                    return Path.of(System.getProperty("user.home")).resolve(v.substring(Math.min(2, v.length())));
                }
                return Path.of(v);
            } catch (java.nio.file.InvalidPathException e) {
                throw bad(key, v, "a directory path");
            }
        }

        URI uri(String key) {
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
        void rejectUnknownSystemProperties() {
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
