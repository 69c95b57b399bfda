package dev.rubric.junit.engine;

import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where the engine reports what is wrong with a test class or method while discovering (it never throws): the
 * Platform's discovery issues (shown by IDEs and the launcher; Platform 1.13+), or, on older Platforms, which have
 * none, a log line with the same message.
 */
interface DiscoveryIssues {

    /** How bad an issue is: {@code ERROR} is critical by default on Platform 1.13+ (the engine's run fails). */
    enum Severity { WARNING, ERROR }

    void report(Severity severity, String message, TestSource source);

    /** The issue reporter of this discovery: the Platform's when it has one, else the log. */
    static DiscoveryIssues of(EngineDiscoveryRequestResolver.InitializationContext<?> context) {
        return PlatformFeatures.DISCOVERY_ISSUES ? PlatformDiscoveryIssues.of(context) : Logged.INSTANCE;
    }

    /**
     * Platforms before 1.13: each issue is a log line (WARNING or SEVERE) that names the test and the way out, once
     * per JVM (Surefire discovers twice: to list the tests, then to run them).
     */
    enum Logged implements DiscoveryIssues {
        INSTANCE;

        private static final Logger LOG = Logger.getLogger(RubricTestEngine.class.getName());
        private static final Set<String> SAID = ConcurrentHashMap.newKeySet();

        @Override
        public void report(Severity severity, String message, TestSource source) {
            if (SAID.add(message)) {
                LOG.log(severity == Severity.ERROR ? Level.SEVERE : Level.WARNING, "rubric engine: " + message);
            }
        }
    }
}
