package dev.rubric.judge;

import dev.rubric.core.ConfigKeys;
import dev.rubric.core.Judge;
import dev.rubric.core.JudgeException;
import org.apiguardian.api.API;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Builds the configured judge (with the verdict cache in front, unless {@code rubric.cache=off}): {@code local} and
 * {@code openai} through the {@link JudgeBackend} found on the classpath, or the user's own class.
 */
@API(status = EXPERIMENTAL, since = "0.1")
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
            case LOCAL, OPENAI -> backend(config.backend()).open(config);
        };
        return withCache(backend, config);
    }

    /** {@code judge} behind the verdict cache that {@code config} describes, or {@code judge} itself when it is off. */
    public static Judge withCache(Judge judge, JudgeConfig config) {
        if (config.cache().mode() == CacheMode.OFF) {
            return judge;
        }
        VerdictCache cache;
        try {
            cache = VerdictCache.open(config.cache().dir(), config.cache().mode(), config.cache().key());
        } catch (java.io.UncheckedIOException e) {
            judge.close();
            throw new JudgeException(JudgeException.Reason.MISCONFIGURED, e.getMessage(), e);
        }
        return new CachingJudge(judge, cache, config.cache().mode());
    }

    /**
     * The backend serving {@code kind}, from the classpath.
     *
     * @throws JudgeException MISCONFIGURED when no jar on the classpath brings it, naming the dependency to add
     */
    static JudgeBackend backend(JudgeConfig.Backend kind) {
        ServiceLoader<JudgeBackend> loader = ServiceLoader.load(JudgeBackend.class, Judges.class.getClassLoader());
        try {
            for (JudgeBackend backend : loader) {
                if (backend.backend() == kind) {
                    return backend;
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new JudgeException(JudgeException.Reason.MISCONFIGURED, "a judge backend on the test classpath"
                    + " cannot be loaded (" + e.getMessage() + "): use rubric-core and rubric-local of the same"
                    + " version as rubric-junit", e);
        }
        String name = kind.name().toLowerCase(Locale.ROOT);
        throw new JudgeException(JudgeException.Reason.MISCONFIGURED, switch (kind) {
            case LOCAL -> ConfigKeys.JUDGE + "=" + name + " runs the judge model in the test JVM, which needs"
                    + " dev.rubric:rubric-local on the test classpath, and it is not there (rubric-junit brings it"
                    + " unless it is excluded): add that dependency (test scope), or judge through a server with -D"
                    + ConfigKeys.JUDGE + "=openai -D" + ConfigKeys.URL + "=http://localhost:8000/v1";
            case OPENAI, CUSTOM -> ConfigKeys.JUDGE + "=" + name + " has no backend on the test classpath: the"
                    + " rubric-core jar there is incomplete or of another version; use the rubric-core that"
                    + " rubric-junit brings";
        });
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
