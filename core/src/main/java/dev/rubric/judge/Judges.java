package dev.rubric.judge;

import dev.rubric.core.ConfigKeys;
import dev.rubric.core.Judge;
import dev.rubric.core.JudgeException;
import dev.rubric.judge.local.LocalJudge;
import dev.rubric.judge.openai.OpenAiJudge;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/** Builds the configured judge (with the verdict cache in front, unless {@code rubric.cache=off}). */
public final class Judges {

    private Judges() {
    }

    /**
     * The judge that {@code config} describes.
     *
     * @throws JudgeException (MISCONFIGURED or MODEL_FAILED_TO_LOAD) when it cannot be built, with the way out
     */
    public static Judge create(JudgeConfig config) {
        Judge backend = switch (config.backend()) {
            case CUSTOM -> custom(config);
            case OPENAI -> new OpenAiJudge(config);
            case LOCAL -> LocalJudge.open(config);
        };
        return withCache(backend, config);
    }

    /** {@code judge} behind the verdict cache that {@code config} describes, or {@code judge} itself when it is off. */
    public static Judge withCache(Judge judge, JudgeConfig config) {
        if (config.cacheMode() == CacheMode.OFF) {
            return judge;
        }
        VerdictCache cache;
        try {
            cache = VerdictCache.open(config.cacheDir());
        } catch (java.io.UncheckedIOException e) {
            judge.close();
            throw new JudgeException(JudgeException.Reason.MISCONFIGURED, e.getMessage(), e);
        }
        return new CachingJudge(judge, cache, config.cacheMode());
    }

    private static Judge custom(JudgeConfig config) {
        String name = config.judgeClass();
        Class<?> type;
        try {
            type = Class.forName(name, true, contextLoader());
        } catch (ClassNotFoundException e) {
            throw new JudgeException(JudgeException.Reason.MISCONFIGURED, ConfigKeys.JUDGE + " = \"" + name
                    + "\" names no class on the test classpath: use local, openai, or the full name of a class"
                    + " implementing dev.rubric.core.Judge", e);
        }
        if (!Judge.class.isAssignableFrom(type)) {
            throw new JudgeException(JudgeException.Reason.MISCONFIGURED, ConfigKeys.JUDGE + " = \"" + name
                    + "\" names a class that does not implement dev.rubric.core.Judge: make it implement Judge, or use"
                    + " local or openai");
        }
        try {
            try {
                Constructor<?> c = type.getConstructor(JudgeConfig.class);
                return (Judge) c.newInstance(config);
            } catch (NoSuchMethodException e) {
                return (Judge) type.getConstructor().newInstance();
            }
        } catch (NoSuchMethodException e) {
            throw new JudgeException(JudgeException.Reason.MISCONFIGURED, "the judge class " + name
                    + " needs a public constructor taking JudgeConfig, or a public no-argument one", e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof JudgeException je) {
                throw je;
            }
            throw new JudgeException(JudgeException.Reason.MODEL_FAILED_TO_LOAD, "the judge class " + name
                    + " failed in its constructor: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new JudgeException(JudgeException.Reason.MISCONFIGURED, "cannot create the judge class " + name
                    + ": " + e + " (it must be public with a public constructor)", e);
        }
    }

    private static ClassLoader contextLoader() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return cl != null ? cl : Judges.class.getClassLoader();
    }
}
