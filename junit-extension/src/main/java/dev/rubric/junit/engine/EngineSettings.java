package dev.rubric.junit.engine;

import dev.rubric.judge.JudgeConfig;
import dev.rubric.junit.Constants;
import org.junit.platform.engine.ConfigurationParameters;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's own settings, read from the JUnit configuration parameters (see {@link Constants}).
 *
 * @param parallelism how many tests run at once
 * @param reportDir   where the results file goes
 * @param progress    whether the progress line is printed
 * @param summary     whether the summary table is printed
 * @param earlyStop   whether a sampled test stops once its outcome is settled (else every sample runs)
 */
public record EngineSettings(int parallelism, Path reportDir, boolean progress, boolean summary, boolean earlyStop) {

    public static EngineSettings from(ConfigurationParameters parameters, Map<String, String> env) {
        int parallelism = parameters.get(Constants.PARALLELISM_PROPERTY_NAME)
                .map(String::strip).filter(s -> !s.isEmpty())
                .map(EngineSettings::parseParallelism)
                .orElseGet(() -> defaultParallelism(judgeConfig(parameters, env)));
        Path reportDir = Path.of(parameters.get(Constants.REPORT_DIR_PROPERTY_NAME)
                .map(String::strip).filter(s -> !s.isEmpty()).orElse(Constants.DEFAULT_REPORT_DIR));
        boolean progress = parameters.getBoolean(Constants.PROGRESS_PROPERTY_NAME).orElse(true);
        boolean summary = parameters.getBoolean(Constants.SUMMARY_PROPERTY_NAME).orElse(true);
        boolean earlyStop = parameters.get(Constants.EARLY_STOP_PROPERTY_NAME).map(String::strip)
                .filter(s -> !s.isEmpty()).map(EngineSettings::parseBoolean).orElse(true);
        return new EngineSettings(parallelism, reportDir, progress, summary, earlyStop);
    }

    /** The judge configuration, or empty when it is invalid (the judge then reports why, once, on first use). */
    static Optional<JudgeConfig> judgeConfig(ConfigurationParameters parameters, Map<String, String> env) {
        try {
            return Optional.of(JudgeConfig.from(parameters::get, env));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The judge's batch size (local) or its concurrency (openai, custom); 1 without a valid configuration. */
    static int defaultParallelism(Optional<JudgeConfig> config) {
        return config.map(c -> switch (c.backend()) {
            case LOCAL -> c.batchSize() != null ? c.batchSize() : Constants.DEFAULT_LOCAL_BATCH_SIZE;
            case OPENAI, CUSTOM -> c.concurrency();
        }).orElse(1);
    }

    private static boolean parseBoolean(String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException(Constants.EARLY_STOP_PROPERTY_NAME + " = \"" + value + "\" is not valid:"
                + " use true (a sampled test stops once its outcome is settled) or false (every sample runs)");
    }

    private static int parseParallelism(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= 1024) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(Constants.PARALLELISM_PROPERTY_NAME + " = \"" + value
                + "\" is not valid: use a whole number from 1 to 1024 (1 runs the tests one at a time)");
    }
}
