package dev.rubric.core;

import org.apiguardian.api.API;

import java.util.List;
import java.util.Locale;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * Every configuration key Rubric reads, in one place. Each can be given as a JUnit configuration parameter
 * (junit-platform.properties, {@code -D} on Surefire), a system property, or an environment variable
 * ({@code rubric.judge.max-tokens} becomes {@code RUBRIC_JUDGE_MAX_TOKENS}).
 */
@API(status = STABLE, since = "0.1")
public final class ConfigKeys {

    public static final String JUDGE = "rubric.judge";
    public static final String MODEL = "rubric.judge.model";
    public static final String URL = "rubric.judge.url";
    public static final String API = "rubric.judge.api";
    public static final String MAX_TOKENS = "rubric.judge.max-tokens";
    public static final String CONCURRENCY = "rubric.judge.concurrency";
    public static final String TIMEOUT = "rubric.judge.timeout";
    public static final String CONNECT_TIMEOUT = "rubric.judge.connect-timeout";
    public static final String RETRIES = "rubric.judge.retries";
    public static final String PARSE_ATTEMPTS = "rubric.judge.parse-attempts";
    public static final String TEMPERATURE = "rubric.judge.temperature";
    public static final String TOP_P = "rubric.judge.top-p";
    public static final String REPETITION_PENALTY = "rubric.judge.repetition-penalty";
    public static final String SEED = "rubric.judge.seed";
    public static final String SAMPLES = "rubric.judge.samples";
    public static final String DEVICE = "rubric.judge.device";
    public static final String BATCH_SIZE = "rubric.judge.batch-size";
    /** {@code machine}: test JVMs of this machine share one warm judge process; {@code jvm}: the model in this JVM. */
    public static final String SHARE = "rubric.judge.share";
    /** How long the shared judge process stays warm after its last client; 0: it exits with its last client. */
    public static final String IDLE_TIMEOUT = "rubric.judge.idle-timeout";
    public static final String CACHE = "rubric.cache";
    public static final String CACHE_DIR = "rubric.cache.dir";
    public static final String PARALLELISM = "rubric.execution.parallelism";
    public static final String EARLY_STOP = "rubric.execution.early-stop";
    public static final String REPORT_DIR = "rubric.report.dir";
    public static final String REPORT_PROGRESS = "rubric.report.progress";
    public static final String REPORT_SUMMARY = "rubric.report.summary";

    /** The API key is read from this environment variable only, and never logged or written. */
    public static final String API_KEY_ENV = "RUBRIC_JUDGE_API_KEY";

    public static final List<String> ALL = List.of(JUDGE, MODEL, URL, API, MAX_TOKENS, CONCURRENCY, TIMEOUT,
            CONNECT_TIMEOUT, RETRIES, PARSE_ATTEMPTS, TEMPERATURE, TOP_P, REPETITION_PENALTY, SEED, SAMPLES, DEVICE,
            BATCH_SIZE, SHARE, IDLE_TIMEOUT, CACHE, CACHE_DIR, PARALLELISM, EARLY_STOP, REPORT_DIR, REPORT_PROGRESS,
            REPORT_SUMMARY);

    /**
     * The namespaces the judge and the engine own ({@code rubric.judge}, {@code rubric.cache}, {@code rubric.execution},
     * {@code rubric.report}): a key in one of them must be one of {@link #ALL}. Other {@code rubric.*} keys belong to
     * others, such as the Maven plugin's properties ({@code -Drubric.minPassRate}), which Surefire hands to the test
     * JVM with every other {@code -D}: they must pass untouched.
     */
    private static final List<String> NAMESPACES = List.of("judge", "cache", "execution", "report");
    /** Namespaces that are keys themselves ({@code rubric.judge=openai}, {@code rubric.cache=off}). */
    private static final List<String> NAMESPACE_KEYS = List.of("judge", "cache");

    private ConfigKeys() {
    }

    /** The environment variable for a key: upper case, '.' and '-' as '_'. */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * Whether a key lies in a namespace Rubric's judge or engine owns, or in a misspelling of one
     * ({@code rubric.juge.model}, {@code rubric.cach}): such a key that is not one of {@link #ALL} is a mistake.
     */
    public static boolean owns(String key) {
        if (!key.startsWith("rubric.")) {
            return false;
        }
        String rest = key.substring("rubric.".length());
        int dot = rest.indexOf('.');
        String first = dot < 0 ? rest : rest.substring(0, dot);
        if (dot < 0) {
            // a single segment: only rubric.judge and rubric.cache are keys, and a near miss of them is a typo;
            // the plugin's properties (rubric.skip, rubric.minPassRate, ...) are single segments far from both
            return NAMESPACE_KEYS.stream().anyMatch(n -> distance(first, n) <= 1);
        }
        return NAMESPACES.stream().anyMatch(n -> distance(first, n) <= (n.length() > 5 ? 2 : 1));
    }

    /** The known key closest to a misspelt one (Levenshtein distance). */
    public static String nearest(String key) {
        String best = ALL.get(0);
        int bestDistance = Integer.MAX_VALUE;
        for (String k : ALL) {
            int d = distance(key, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
