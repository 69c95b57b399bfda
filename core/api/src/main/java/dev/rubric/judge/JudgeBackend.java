package dev.rubric.judge;

import dev.rubric.core.Judge;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A kind of judge that {@code rubric.judge} names ({@code local}, {@code openai}), found on the test classpath with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/dev.rubric.judge.JudgeBackend}). This package builds
 * judges through it and so depends on none of its implementations: the OpenAI-compatible judge comes with
 * rubric-core, the in-JVM judge with rubric-local, and a project that leaves rubric-local out is told which
 * dependency to add.
 *
 * <p>Implementations need a public no-argument constructor. Users plug in their own judge with
 * {@code rubric.judge=com.example.MyJudge} instead (see {@link Judges}).
 */
@API(status = INTERNAL, since = "0.1")
public interface JudgeBackend {

    /** Which value of {@code rubric.judge} this backend serves. */
    JudgeConfig.Backend backend();

    /**
     * The judge that {@code config} describes (without the verdict cache: {@link Judges} puts it in front).
     *
     * @throws dev.rubric.core.JudgeException (MISCONFIGURED or MODEL_FAILED_TO_LOAD) with the way out
     */
    Judge open(JudgeConfig config);
}
