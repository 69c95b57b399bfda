package dev.rubric.judge;

import dev.rubric.core.ConfigKeys;
import dev.rubric.core.DecodingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JudgeConfigTest {

    private static JudgeConfig config(Map<String, String> parameters, Map<String, String> env) {
        return JudgeConfig.from(k -> Optional.ofNullable(parameters.get(k)), parameters.keySet(), env);
    }

    private static JudgeConfig params(String... keyValues) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return config(m, Map.of());
    }

    @Test
    void defaultsAreLocalGreedyAndCachedUnderXdgCacheHome() {
        JudgeConfig c = config(Map.of(), Map.of("XDG_CACHE_HOME", "/var/cache/ci"));

        assertThat(c.backend()).isEqualTo(JudgeConfig.Backend.LOCAL);
        assertThat(c.model()).isEqualTo("prometheus-eval/prometheus-7b-v2.0");
        assertThat(c.server().url()).isEmpty();
        assertThat(c.server().api()).isEqualTo(ServerSettings.Api.COMPLETIONS);
        assertThat(c.decoding()).isEqualTo(DecodingSettings.GREEDY);
        assertThat(c.decoding().maxTokens()).isEqualTo(1024);
        assertThat(c.decoding().temperature()).isZero();
        assertThat(c.decoding().samples()).isEqualTo(1);
        assertThat(c.server().concurrency()).isEqualTo(8);
        assertThat(c.server().timeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(c.server().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.server().retries()).isEqualTo(4);
        assertThat(c.server().parseAttempts()).isEqualTo(3);
        assertThat(c.local().device()).isEqualTo(LocalModelSettings.Device.AUTO);
        assertThat(c.local().batchSize()).isNull();
        assertThat(c.cache().mode()).isEqualTo(CacheMode.READWRITE);
        assertThat(c.cache().dir()).isEqualTo(Path.of("/var/cache/ci/rubric/verdicts"));
        assertThat(c.server().apiKey()).isEmpty();
    }

    @Test
    void onADevelopersMachineTestJvmsShareAWarmJudgeProcessThatIdlesHalfAnHour() {
        JudgeConfig c = config(Map.of(), Map.of("XDG_CACHE_HOME", "/home/dev/.cache"));

        assertThat(c.local().share()).isEqualTo(LocalModelSettings.Sharing.MACHINE);
        assertThat(c.local().idleTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.local().stateDir()).isEqualTo(Path.of("/home/dev/.cache/rubric"));
        assertThat(c.describe()).containsEntry("rubric.judge.share", "machine")
                .containsEntry("rubric.judge.idle-timeout", "PT30M");
    }

    @ParameterizedTest
    @CsvSource({"CI, true", "CI, 1", "CI, TRUE", "JENKINS_URL, http://jenkins:8080/", "TF_BUILD, True",
            "TEAMCITY_VERSION, 2024.1"})
    void onACiMachineTheModelStaysInTheTestJvmAndAnAskedForProcessExitsWithItsLastClient(String variable, String value) {
        JudgeConfig c = config(Map.of(), Map.of(variable, value));
        assertThat(c.local().share()).isEqualTo(LocalModelSettings.Sharing.JVM);

        JudgeConfig shared = config(Map.of("rubric.judge.share", "machine"), Map.of(variable, value));
        assertThat(shared.local().share()).isEqualTo(LocalModelSettings.Sharing.MACHINE);
        assertThat(shared.local().idleTimeout()).isZero();
        assertThat(config(Map.of("rubric.judge.share", "machine", "rubric.judge.idle-timeout", "5m"),
                Map.of(variable, value)).local().idleTimeout()).as("asked for explicitly").isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void ciFalseIsNoCiMachine() {
        assertThat(config(Map.of(), Map.of("CI", "false")).local().share()).isEqualTo(LocalModelSettings.Sharing.MACHINE);
        assertThat(config(Map.of("rubric.judge.share", "JVM"), Map.of()).local().share())
                .isEqualTo(LocalModelSettings.Sharing.JVM);
    }

    @ParameterizedTest
    @CsvSource({"0, PT0S", "45m, PT45M", "2h, PT2H", "PT10M, PT10M"})
    void theIdleTimeoutReadsDurationsAndZero(String text, String iso) {
        assertThat(params("rubric.judge.idle-timeout", text).local().idleTimeout()).isEqualTo(Duration.parse(iso));
    }

    @Test
    void withoutXdgCacheHomeTheCacheIsUnderTheHomeDirectory() {
        Path expected = Path.of(System.getProperty("user.home"), ".cache", "rubric", "verdicts");
        assertThat(config(Map.of(), Map.of()).cache().dir()).isEqualTo(expected);
        assertThat(config(Map.of(), Map.of("XDG_CACHE_HOME", "  ")).cache().dir()).isEqualTo(expected);
    }

    @Test
    void anExplicitCacheDirectoryWinsOverXdgAndExpandsTheHomeTilde() {
        assertThat(config(Map.of("rubric.cache.dir", "/tmp/verdicts"), Map.of("XDG_CACHE_HOME", "/x")).cache().dir())
                .isEqualTo(Path.of("/tmp/verdicts"));
        assertThat(params("rubric.cache.dir", "~/rubric-cache").cache().dir())
                .isEqualTo(Path.of(System.getProperty("user.home"), "rubric-cache"));
        assertThat(config(Map.of(), Map.of("RUBRIC_CACHE_DIR", "/env/dir")).cache().dir()).isEqualTo(Path.of("/env/dir"));
    }

    @Test
    void parametersWinOverTheEnvironmentWhichWinsOverDefaults() {
        Map<String, String> env = Map.of("RUBRIC_JUDGE_MAX_TOKENS", "512", "RUBRIC_JUDGE_TEMPERATURE", "0.7");

        JudgeConfig both = config(Map.of("rubric.judge.max-tokens", "256"), env);
        assertThat(both.decoding().maxTokens()).isEqualTo(256);
        assertThat(both.decoding().temperature()).isEqualTo(0.7);

        assertThat(config(Map.of(), env).decoding().maxTokens()).isEqualTo(512);
        assertThat(config(Map.of(), Map.of()).decoding().maxTokens()).isEqualTo(1024);
        assertThat(config(Map.of("rubric.judge.max-tokens", "  "), env).decoding().maxTokens())
                .as("a blank parameter does not hide the environment").isEqualTo(512);
    }

    @Test
    void everyKeyIsReadFromItsEnvironmentVariable() {
        Map<String, String> env = new HashMap<>();
        env.put("RUBRIC_JUDGE", "openai");
        env.put("RUBRIC_JUDGE_MODEL", "org/judge");
        env.put("RUBRIC_JUDGE_URL", "http://127.0.0.1:8000/v1");
        env.put("RUBRIC_JUDGE_API", "chat");
        env.put("RUBRIC_JUDGE_MAX_TOKENS", "300");
        env.put("RUBRIC_JUDGE_CONCURRENCY", "3");
        env.put("RUBRIC_JUDGE_TIMEOUT", "45s");
        env.put("RUBRIC_JUDGE_CONNECT_TIMEOUT", "500ms");
        env.put("RUBRIC_JUDGE_RETRIES", "0");
        env.put("RUBRIC_JUDGE_PARSE_ATTEMPTS", "5");
        env.put("RUBRIC_JUDGE_TEMPERATURE", "1.0");
        env.put("RUBRIC_JUDGE_TOP_P", "0.9");
        env.put("RUBRIC_JUDGE_REPETITION_PENALTY", "1.03");
        env.put("RUBRIC_JUDGE_SEED", "7");
        env.put("RUBRIC_JUDGE_SAMPLES", "3");
        env.put("RUBRIC_JUDGE_DEVICE", "gpu");
        env.put("RUBRIC_JUDGE_BATCH_SIZE", "16");
        env.put("RUBRIC_CACHE", "write");

        JudgeConfig c = config(Map.of(), env);

        assertThat(c.backend()).isEqualTo(JudgeConfig.Backend.OPENAI);
        assertThat(c.model()).isEqualTo("org/judge");
        assertThat(c.server().url()).contains(URI.create("http://127.0.0.1:8000/v1"));
        assertThat(c.server().api()).isEqualTo(ServerSettings.Api.CHAT);
        assertThat(c.decoding()).isEqualTo(new DecodingSettings(300, 1.0, 0.9, 1.03, 7, 3));
        assertThat(c.server().concurrency()).isEqualTo(3);
        assertThat(c.server().timeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(c.server().connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.server().retries()).isZero();
        assertThat(c.server().parseAttempts()).isEqualTo(5);
        assertThat(c.local().device()).isEqualTo(LocalModelSettings.Device.GPU);
        assertThat(c.local().batchSize()).isEqualTo(16);
        assertThat(c.cache().mode()).isEqualTo(CacheMode.WRITE);
    }

    @Test
    void environmentNamesAreUpperCaseWithUnderscores() {
        assertThat(ConfigKeys.envName(ConfigKeys.MAX_TOKENS)).isEqualTo("RUBRIC_JUDGE_MAX_TOKENS");
        assertThat(ConfigKeys.envName(ConfigKeys.JUDGE)).isEqualTo("RUBRIC_JUDGE");
        assertThat(ConfigKeys.envName(ConfigKeys.CACHE_DIR)).isEqualTo("RUBRIC_CACHE_DIR");
        assertThat(ConfigKeys.envName(ConfigKeys.REPETITION_PENALTY)).isEqualTo("RUBRIC_JUDGE_REPETITION_PENALTY");
        assertThat(ConfigKeys.ALL).allSatisfy(k -> assertThat(ConfigKeys.envName(k)).matches("RUBRIC(_[A-Z]+)+"));
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "rubric.judge                    | remote  | one of [local, openai, custom]",
            "rubric.judge                    | custom  | name the class itself",
            "rubric.judge.api                | grpc    | one of [completions, chat]",
            "rubric.judge.max-tokens         | lots    | a whole number from 1 to 32768",
            "rubric.judge.max-tokens         | 0       | a whole number from 1 to 32768",
            "rubric.judge.max-tokens         | 99999   | a whole number from 1 to 32768",
            "rubric.judge.max-tokens         | 1.5     | a whole number from 1 to 32768",
            "rubric.judge.concurrency        | 0       | a whole number from 1 to 1024",
            "rubric.judge.retries            | -1      | a whole number from 0 to 100",
            "rubric.judge.parse-attempts     | 0       | a whole number from 1 to 100",
            "rubric.judge.samples            | 0       | a whole number from 1 to 100",
            "rubric.judge.batch-size         | many    | a whole number from 1 to 4096",
            "rubric.judge.seed               | random  | a whole number",
            "rubric.judge.temperature        | hot     | a number from 0 to 10",
            "rubric.judge.temperature        | -0.5    | a number from 0 to 10",
            "rubric.judge.temperature        | NaN     | a number from 0 to 10",
            "rubric.judge.top-p              | 0       | a number from just above 0 to 1",
            "rubric.judge.top-p              | 1.5     | a number from just above 0 to 1",
            "rubric.judge.repetition-penalty | x       | a number from just above 0 to 10",
            "rubric.judge.timeout            | soon    | a duration such as 30s, 2m, 500ms or PT30S",
            "rubric.judge.timeout            | pizza   | a duration such as 30s, 2m, 500ms or PT30S",
            "rubric.judge.timeout            | 0s      | a positive duration",
            "rubric.judge.connect-timeout    | -5s     | a positive duration",
            "rubric.judge.device             | tpu     | one of [auto, cpu, gpu]",
            "rubric.judge.share              | host    | one of [machine, jvm]",
            "rubric.judge.idle-timeout       | later   | a duration such as 30m, 2h or 0 (exit with the last client)",
            "rubric.judge.idle-timeout       | -5m     | a duration such as 30m, 2h or 0 (exit with the last client)",
            "rubric.cache                    | always  | one of [readwrite, read, write, off]",
            "rubric.judge.url                | localhost:8000 | an http:// or https:// URL",
            "rubric.judge.url                | ftp://host/v1  | an http:// or https:// URL",
            "rubric.judge.url                | 'http://'      | an http:// or https:// URL",
    })
    void aBadValueNamesTheKeyTheValueAndWhatIsAllowed(String key, String value, String allowed) {
        assertThatThrownBy(() -> params(key, value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key + " = \"" + value + "\" is not valid")
                .hasMessageContaining(allowed);
    }

    @Test
    void aBadEnvironmentValueIsReportedUnderItsKey() {
        assertThatThrownBy(() -> config(Map.of(), Map.of("RUBRIC_JUDGE_MAX_TOKENS", "lots")))
                .hasMessageContaining("rubric.judge.max-tokens = \"lots\" is not valid: use a whole number from 1 to 32768");
    }

    @ParameterizedTest
    @CsvSource({
            "rubric.judge.maxtokens, rubric.judge.max-tokens",
            "rubric.judge.max_tokens, rubric.judge.max-tokens",
            "rubric.judge.temprature, rubric.judge.temperature",
            "rubric.cach, rubric.cache",
            "rubric.cache.directory, rubric.cache.dir",
            "rubric.judge.topp, rubric.judge.top-p",
            "rubric.judge.modle, rubric.judge.model",
            "rubric.juge.model, rubric.judge.model",
            "rubric.judges, rubric.judge",
            "rubric.report.sumary, rubric.report.summary",
            "rubric.report.title, rubric.report.dir",
            "rubric.execution.paralelism, rubric.execution.parallelism",
            "rubric.exection.parallelism, rubric.execution.parallelism"})
    void anUnknownKeyIsReportedWithTheNearestValidOne(String unknown, String nearest) {
        assertThatThrownBy(() -> params(unknown, "1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown configuration key " + unknown + "; did you mean " + nearest + "?");
        assertThatThrownBy(() -> JudgeConfig.rejectUnknown(Set.of(unknown))).hasMessageContaining(nearest);
    }

    @Test
    void keysOutsideTheJudgesAndEnginesNamespacesPass() {
        // the Maven plugin's properties reach the test JVM with every other -D (Surefire forwards them): they pass,
        // and so does anything outside rubric.judge*, rubric.cache*, rubric.execution.* and rubric.report.*
        JudgeConfig.rejectUnknown(Set.of("junit.jupiter.execution.parallel.enabled", "rubric.report.dir",
                "rubric.report.progress", "rubric.report.summary", "rubric.gate.min-pass-rate", "rubricx",
                "rubric.failIfNoResults", "rubric.minPassRate", "rubric.haltOnFailure", "rubric.resultsDirectory",
                "rubric.reportDirectory", "rubric.reportTitle", "rubric.skip", "rubric.baseline"));
        assertThat(params("junit.jupiter.anything", "x", "rubric.gate.anything", "y", "rubric.failIfNoResults",
                "false").backend()).isEqualTo(JudgeConfig.Backend.LOCAL);
    }

    @Test
    void anUnknownSystemPropertyThatTheParametersSeeIsReported() {
        String key = "rubric.judge.sed";
        System.setProperty(key, "3");
        try {
            assertThatThrownBy(JudgeConfig::fromSystem)
                    .hasMessageStartingWith("unknown configuration key rubric.judge.sed; did you mean rubric.judge.seed?");
            assertThat(JudgeConfig.from(k -> Optional.empty(), Map.of()).backend())
                    .as("a lookup that does not see system properties is not judged by them")
                    .isEqualTo(JudgeConfig.Backend.LOCAL);
        } finally {
            System.clearProperty(key);
        }
    }

    @Test
    void theApiKeyIsNeverAParameter() {
        assertThatThrownBy(() -> params("rubric.judge.api-key", "sk-live-123"))
                .hasMessageContaining("RUBRIC_JUDGE_API_KEY")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sk-live-123"));
    }

    @Test
    void theApiKeyComesFromTheEnvironmentAndNeverShows() {
        String key = "sk-test-4f8a9b2c7d1e";
        JudgeConfig c = config(Map.of("rubric.judge", "openai", "rubric.judge.url", "https://judge.example/v1"),
                Map.of("RUBRIC_JUDGE_API_KEY", key));

        assertThat(c.server().apiKey()).hasValueSatisfying(s -> assertThat(s.reveal()).isEqualTo(key));
        assertThat(c.toString()).doesNotContain(key).contains("****");
        assertThat(c.server().apiKey().get().toString()).isEqualTo("****");
        assertThat(c.describe()).containsEntry("rubric.judge.api-key", "set");
        assertThat(c.describe().values()).noneMatch(v -> v.contains(key));
        assertThat(c.describe().toString()).doesNotContain(key);
    }

    @Test
    void aBlankApiKeyIsNoKey() {
        assertThat(config(Map.of(), Map.of("RUBRIC_JUDGE_API_KEY", "  ")).server().apiKey()).isEmpty();
    }

    @Test
    void openaiNeedsAUrlAndSaysHowToGiveOne() {
        assertThatThrownBy(() -> params("rubric.judge", "openai"))
                .hasMessageContaining("rubric.judge.url is not set but rubric.judge=openai needs it")
                .hasMessageContaining("http://localhost:8000/v1");
    }

    @Test
    void aUrlWithAPasswordIsRefusedWithoutRepeatingThePassword() {
        assertThatThrownBy(() -> params("rubric.judge", "openai", "rubric.judge.url",
                "https://bob:s3cr3t-pw@judge.example/v1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rubric.judge.url for judge.example carries a user name or password")
                .hasMessageContaining("RUBRIC_JUDGE_API_KEY")
                .message().doesNotContain("s3cr3t-pw").doesNotContain("bob");
    }

    @Test
    void aClassNameSelectsACustomJudge() {
        JudgeConfig c = params("rubric.judge", "com.example.MyJudge");
        assertThat(c.backend()).isEqualTo(JudgeConfig.Backend.CUSTOM);
        assertThat(c.judgeClass()).isEqualTo("com.example.MyJudge");
        assertThat(c.describe()).containsEntry("rubric.judge", "com.example.MyJudge");
    }

    @Test
    void enumValuesIgnoreCaseAndSurroundingSpace() {
        JudgeConfig c = params("rubric.judge", " OpenAI ", "rubric.judge.url", "http://h:1/v1", "rubric.cache", "OFF",
                "rubric.judge.api", "Chat");
        assertThat(c.backend()).isEqualTo(JudgeConfig.Backend.OPENAI);
        assertThat(c.cache().mode()).isEqualTo(CacheMode.OFF);
        assertThat(c.server().api()).isEqualTo(ServerSettings.Api.CHAT);
    }

    @Test
    void describeListsTheEffectiveSettingsOfTheBackend() {
        Map<String, String> local = JudgeConfig.defaults().describe();
        assertThat(local).containsEntry("rubric.judge", "local").containsEntry("rubric.judge.batch-size", "auto")
                .containsEntry("rubric.judge.max-tokens", "1024").containsEntry("rubric.cache", "readwrite")
                .doesNotContainKey("rubric.judge.url");
        Map<String, String> openai = params("rubric.judge", "openai", "rubric.judge.url", "http://h:1/v1").describe();
        assertThat(openai).containsEntry("rubric.judge.url", "http://h:1/v1")
                .containsEntry("rubric.judge.api-key", "not set").doesNotContainKey("rubric.judge.device");
    }

    @ParameterizedTest
    @CsvSource({"30s, PT30S", "1.5s, PT1.5S", "500ms, PT0.5S", "2m, PT2M", "1h, PT1H", "45, PT45S", "PT2M30S, PT2M30S",
            "pt10s, PT10S"})
    void durationsReadTheUsualSpellings(String text, String iso) {
        assertThat(JudgeConfigReader.parseDuration(text)).isEqualTo(Duration.parse(iso));
    }

    @Test
    void theSettingsRecordsRefuseValuesTheReaderNeverGives() {
        JudgeConfig d = JudgeConfig.defaults();
        assertThatThrownBy(() -> new JudgeConfig(JudgeConfig.Backend.CUSTOM, null, d.model(), d.decoding(), d.server(),
                d.local(), d.cache())).hasMessageContaining("custom");
        assertThatThrownBy(() -> new LocalModelSettings(LocalModelSettings.Device.AUTO, 0))
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new ServerSettings(Optional.empty(), ServerSettings.Api.CHAT, 0, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 0, 1, Optional.empty())).hasMessageContaining("concurrency 0");
        assertThatThrownBy(() -> new ServerSettings(Optional.empty(), ServerSettings.Api.CHAT, 1, Duration.ZERO,
                Duration.ofSeconds(1), 0, 1, Optional.empty())).hasMessageContaining("positive");
    }
}
