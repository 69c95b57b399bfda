package dev.rubric.junit.engine;

import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;

/**
 * Discovery issues through the Platform's {@link DiscoveryIssueReporter} (Platform 1.13+). Only loaded when
 * {@link PlatformFeatures#DISCOVERY_ISSUES} says the Platform has it.
 */
record PlatformDiscoveryIssues(DiscoveryIssueReporter reporter) implements DiscoveryIssues {

    static DiscoveryIssues of(EngineDiscoveryRequestResolver.InitializationContext<?> context) {
        return new PlatformDiscoveryIssues(context.getIssueReporter());
    }

    @Override
    public void report(Severity severity, String message, TestSource source) {
        DiscoveryIssue.Severity s = severity == Severity.ERROR ? DiscoveryIssue.Severity.ERROR
                : DiscoveryIssue.Severity.WARNING;
        reporter.reportIssue(DiscoveryIssue.builder(s, message).source(source));
    }
}
