package dev.rubric.judge;

import dev.rubric.core.ConfigKeys;
import dev.rubric.core.DecodingSettings;
import org.apiguardian.api.API;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The judge's configuration, read once (by {@link JudgeConfigReader}) from, highest first, JUnit configuration
 * parameters or system properties, then environment variables, then defaults: what every judge needs (which judge,
 * the model, decoding), and one small record per user of the rest. See {@link ConfigKeys} and the README's
 * configuration reference.
 *
 * @param backend    local (in the test JVM), openai (an OpenAI-compatible server), or custom
 * @param judgeClass for custom: the class implementing {@link dev.rubric.core.Judge} named by {@code rubric.judge};
 *                   otherwise null
 * @param model      a Hugging Face model id with optional {@code @revision}, or a directory (local); the server's
 *                   model name (openai)
 * @param decoding   max tokens, temperature, top-p, repetition penalty, seed, samples
 * @param server     the OpenAI-compatible judge's settings
 * @param local      the in-JVM judge's settings
 * @param cache      the verdict cache's settings
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record JudgeConfig(Backend backend, String judgeClass, String model, DecodingSettings decoding,
                          ServerSettings server, LocalModelSettings local, CacheSettings cache) {

    public static final String DEFAULT_MODEL = "prometheus-eval/prometheus-7b-v2.0";

    /** CUSTOM: {@code rubric.judge} names a class implementing Judge (public, with a (JudgeConfig) or no-arg constructor). */
    public enum Backend { LOCAL, OPENAI, CUSTOM }

    public JudgeConfig {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(decoding, "decoding");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(cache, "cache");
        if ((backend == Backend.CUSTOM) != (judgeClass != null)) {
            throw new IllegalArgumentException("a judge class is named exactly when the backend is custom; got "
                    + backend + " and " + judgeClass);
        }
    }

    /** From system properties and the process environment. */
    public static JudgeConfig fromSystem() {
        return from(key -> Optional.ofNullable(System.getProperty(key)), System.getenv());
    }

    /** The file JUnit reads configuration parameters from, at the root of the test classpath. */
    public static final String JUNIT_PROPERTIES = "junit-platform.properties";

    /**
     * The judge a test on this classpath gets outside a launcher request: system properties first, then the first
     * {@value #JUNIT_PROPERTIES} on the classpath (JUnit's own order), then the environment. Plain Jupiter tests'
     * rubric checks and the judge process of {@code rubric:rejudge} read it this way.
     *
     * @throws IllegalArgumentException for a bad or unknown key, naming it
     * @throws UncheckedIOException when the properties file cannot be read
     */
    public static JudgeConfig fromSystemAndClasspath(ClassLoader loader) {
        Properties file = junitProperties(loader);
        Set<String> fileKeys = file.stringPropertyNames().stream().filter(k -> k.startsWith("rubric."))
                .collect(Collectors.toSet());
        return from(key -> Optional.ofNullable(System.getProperty(key))
                .or(() -> Optional.ofNullable(file.getProperty(key))), fileKeys, System.getenv());
    }

    /** The first {@value #JUNIT_PROPERTIES} on the classpath (as JUnit reads it), or none. */
    static Properties junitProperties(ClassLoader loader) {
        Properties p = new Properties();
        URL url = loader == null ? ClassLoader.getSystemResource(JUNIT_PROPERTIES) : loader.getResource(JUNIT_PROPERTIES);
        if (url == null) {
            return p;
        }
        try (InputStream in = url.openStream()) {
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url + ": " + e.getMessage(), e);
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
        return new JudgeConfigReader(parameters, env).read(parameterKeys);
    }

    /**
     * Rejects the first unknown key of {@code keys} in a namespace the judge or the engine owns
     * ({@link dev.rubric.core.ConfigKeys#owns}), naming the nearest valid one. Every other key passes, the Maven
     * plugin's {@code -Drubric.minPassRate} and the like among them: Surefire forwards them to the test JVM.
     *
     * @throws IllegalArgumentException for an unknown key
     */
    public static void rejectUnknown(Collection<String> keys) {
        JudgeConfigReader.rejectUnknown(keys);
    }

    /** The defaults, with no parameters and an empty environment (useful in tests). */
    public static JudgeConfig defaults() {
        return from(k -> Optional.empty(), Map.of());
    }

    /** The server judge's requests in flight ({@link ServerSettings#concurrency()}). */
    public int concurrency() {
        return server.concurrency();
    }

    /** The local judge's batch size ({@link LocalModelSettings#batchSize()}); null when chosen by the device. */
    public Integer batchSize() {
        return local.batchSize();
    }

    /** The effective settings without secrets, for results files and logs. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(ConfigKeys.JUDGE, backend == Backend.CUSTOM ? judgeClass : backend.name().toLowerCase(Locale.ROOT));
        m.put(ConfigKeys.MODEL, model);
        if (backend == Backend.OPENAI) {
            m.put(ConfigKeys.URL, server.url().map(String::valueOf).orElse("not set"));
            m.put(ConfigKeys.API, server.api().name().toLowerCase(Locale.ROOT));
            m.put(ConfigKeys.CONCURRENCY, String.valueOf(server.concurrency()));
            m.put(ConfigKeys.TIMEOUT, server.timeout().toString());
            m.put("rubric.judge.api-key", server.apiKey().isPresent() ? "set" : "not set");
        } else {
            m.put(ConfigKeys.DEVICE, local.device().name().toLowerCase(Locale.ROOT));
            m.put(ConfigKeys.BATCH_SIZE, local.batchSize() == null ? "auto" : String.valueOf(local.batchSize()));
            m.put(ConfigKeys.SHARE, local.share().name().toLowerCase(Locale.ROOT));
            if (local.share() == LocalModelSettings.Sharing.MACHINE) {
                m.put(ConfigKeys.IDLE_TIMEOUT, local.idleTimeout().toString());
            }
        }
        m.put(ConfigKeys.MAX_TOKENS, String.valueOf(decoding.maxTokens()));
        m.put(ConfigKeys.TEMPERATURE, String.valueOf(decoding.temperature()));
        m.put(ConfigKeys.TOP_P, String.valueOf(decoding.topP()));
        m.put(ConfigKeys.REPETITION_PENALTY, String.valueOf(decoding.repetitionPenalty()));
        m.put(ConfigKeys.SEED, String.valueOf(decoding.seed()));
        m.put(ConfigKeys.SAMPLES, String.valueOf(decoding.samples()));
        m.put(ConfigKeys.CACHE, cache.mode().name().toLowerCase(Locale.ROOT));
        m.put(ConfigKeys.CACHE_DIR, cache.dir().toString());
        return m;
    }
}
