package dev.rubric.junit;

import dev.rubric.core.ConfigKeys;
import org.apiguardian.api.API;

/**
 * The rubric engine's id and its configuration keys. Every key can be given in {@code junit-platform.properties},
 * as a system property ({@code -Drubric.execution.parallelism=1}) or in Surefire's
 * {@code <configurationParameters>}. The judge's own keys are in {@link ConfigKeys}.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Constants {

    /** The engine id ({@code -Djunit.platform.engines... = rubric}, {@code @IncludeEngines("rubric")}). */
    public static final String ENGINE_ID = "rubric";

    /**
     * How many test methods run at once so that their gradings reach the judge together. Default: the judge's
     * batch size (local; 8 when automatic) or its concurrency (openai, custom). 1 runs everything in one thread; use
     * it when the system under test is not thread-safe.
     */
    public static final String PARALLELISM_PROPERTY_NAME = ConfigKeys.PARALLELISM;

    /**
     * {@code false} runs every sample of a sampled test, even once its outcome is settled. Default {@code true}: a
     * sampled test stops as soon as the remaining samples cannot change its outcome, which saves judge time but leaves
     * its sample pass rate a partial one (the samples that ran were chosen by the stop). The Maven plugin's
     * {@code minSamplePassRate} needs every sample: it says so when a sampled test stopped early.
     */
    public static final String EARLY_STOP_PROPERTY_NAME = ConfigKeys.EARLY_STOP;

    /** Where the results files go; default {@value #DEFAULT_REPORT_DIR} (relative to the working directory). */
    public static final String REPORT_DIR_PROPERTY_NAME = ConfigKeys.REPORT_DIR;

    public static final String DEFAULT_REPORT_DIR = "target/rubric";

    /** {@code false} turns the progress line (on standard output while gradings are pending) off. Default true. */
    public static final String PROGRESS_PROPERTY_NAME = ConfigKeys.REPORT_PROGRESS;

    /** {@code false} turns the summary table at the end of a run off. Default true. */
    public static final String SUMMARY_PROPERTY_NAME = ConfigKeys.REPORT_SUMMARY;

    /** The batch size assumed for the local judge when {@code rubric.judge.batch-size} is automatic. */
    public static final int DEFAULT_LOCAL_BATCH_SIZE = 8;

    private Constants() {
    }
}
