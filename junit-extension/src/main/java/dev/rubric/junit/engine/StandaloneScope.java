package dev.rubric.junit.engine;

import dev.rubric.junit.internal.GradingScope;
import org.apiguardian.api.API;

/**
 * Hands {@link GradingScope} the scope of checks made outside any test run ({@link StandaloneJudge}'s), as a service:
 * the grading scope sits below the engine and cannot name it.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class StandaloneScope implements GradingScope.Standalone {

    /** For {@link java.util.ServiceLoader}. */
    public StandaloneScope() {
    }

    @Override
    public GradingScope scope() {
        return StandaloneJudge.scope();
    }
}
