package dev.rubric.junit.engine;

import org.junit.platform.engine.TestEngine;

import java.util.Optional;

/**
 * What the JUnit Platform of this run offers. The engine is compiled against the newest Platform but runs on every
 * Platform from 1.10 (JUnit 5.10) on, because most projects get their JUnit from a BOM (Spring Boot's, Quarkus's):
 * newer API is used only behind these checks, each made once, so that no class of the engine links against API the
 * running Platform lacks. Internal to Rubric (public for its launcher listener).
 */
public final class PlatformFeatures {

    /** The oldest Platform the engine runs on, and the Jupiter release that goes with it. */
    static final String MINIMUM_PLATFORM = "1.10";
    static final String MINIMUM_JUPITER = "5.10";

    /** {@code DiscoveryIssueReporter} and {@code InitializationContext.getIssueReporter()}: Platform 1.13+. */
    static final boolean DISCOVERY_ISSUES = present("org.junit.platform.engine.support.discovery.DiscoveryIssueReporter");

    /** {@code ParallelHierarchicalTestExecutorServiceFactory} and its worker thread pool: Platform 6.1+. */
    static final boolean WORKER_THREAD_POOL = present(
            "org.junit.platform.engine.support.hierarchical.ParallelHierarchicalTestExecutorServiceFactory");

    /** A class new in Platform 1.10: its absence means an older Platform than the engine supports. */
    static final boolean SUPPORTED = present("org.junit.platform.engine.support.store.NamespacedHierarchicalStore");

    private PlatformFeatures() {
    }

    /**
     * Whether Rubric runs on this Platform at all. Where it does not, the engine says so once and runs nothing, and
     * the launcher listener records nothing either: a results file with the Jupiter tests' checks alone would let the
     * gate pass without the rubric tests.
     */
    public static boolean supported() {
        return SUPPORTED;
    }

    /** The running Platform's version, as its jar's manifest says it ("1.12.2"), when it says it. */
    static Optional<String> platformVersion() {
        return Optional.ofNullable(TestEngine.class.getPackage()).map(Package::getImplementationVersion);
    }

    /**
     * Why this Platform cannot run the engine, with the versions it needs and how to get them; empty when it can.
     */
    static Optional<String> unsupportedReason() {
        if (SUPPORTED) {
            return Optional.empty();
        }
        return Optional.of("the rubric engine needs JUnit Platform " + MINIMUM_PLATFORM + " or newer (JUnit Jupiter "
                + MINIMUM_JUPITER + "+), but this run has JUnit Platform " + platformVersion().orElse("older than "
                + MINIMUM_PLATFORM) + ", so no rubric test runs (the other engines' tests still do). Use JUnit "
                + MINIMUM_JUPITER + " or newer: with a BOM that manages JUnit (Spring Boot, Quarkus) set its property"
                + " (Spring Boot: <junit-jupiter.version>5.10.5</junit-jupiter.version>), or import"
                + " org.junit:junit-bom:5.10.5 (or newer) first in <dependencyManagement>");
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, PlatformFeatures.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
