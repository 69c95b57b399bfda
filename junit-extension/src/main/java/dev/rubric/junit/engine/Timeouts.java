package dev.rubric.junit.engine;

import dev.rubric.junit.internal.GradingScope;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.ConfigurationParameters;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jupiter's timeouts for rubric tests: {@code @Timeout} on a method (or, for test methods, on the class or an
 * enclosing class) and the {@code junit.jupiter.execution.timeout.*} defaults, read as Jupiter reads them. A timed-out
 * method fails with a {@link TimeoutException}. Unlike in Jupiter, the time a test spends waiting for the judge does
 * not count (see {@link TimeoutClock}); a system under test that hangs still fails.
 */
final class Timeouts {

    private static final Logger LOG = Logger.getLogger(Timeouts.class.getName());
    private static final String PREFIX = "junit.jupiter.execution.timeout.";
    private static final Pattern DURATION = Pattern.compile("([1-9]\\d*) ?((?:[nμm]?s)|m|h|d)?",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** How often a watchdog looks again while the test waits for the judge (its budget then stands still). */
    private static final long PAUSED_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** Which kind of method a timeout is for: each has its own default keys, as in Jupiter. */
    enum Kind {
        TEST("test.method.default", "testable.method.default"),
        BEFORE_ALL("beforeall.method.default", "lifecycle.method.default"),
        BEFORE_EACH("beforeeach.method.default", "lifecycle.method.default"),
        AFTER_EACH("aftereach.method.default", "lifecycle.method.default"),
        AFTER_ALL("afterall.method.default", "lifecycle.method.default");

        private final String key;
        private final String groupKey;

        Kind(String key, String groupKey) {
            this.key = key;
            this.groupKey = groupKey;
        }
    }

    /** One method's timeout. */
    record Limit(Duration duration, boolean separateThread) {

        String describe() {
            long ms = duration.toMillis();
            return ms % 1000 == 0 ? ms / 1000 + (ms == 1000 ? " second" : " seconds") : ms + " ms";
        }
    }

    /** Runs the method body. */
    interface Body {
        Object run() throws Throwable;
    }

    private final ConfigurationParameters parameters;
    private final boolean enabled;
    private final boolean separateThreadByDefault;

    Timeouts(ConfigurationParameters parameters) {
        this.parameters = parameters;
        String mode = parameters.get(PREFIX + "mode").map(s -> s.strip().toLowerCase(Locale.ROOT)).orElse("enabled");
        this.enabled = switch (mode) {
            case "disabled" -> false;
            case "disabled_on_debug" -> !debugging();
            default -> true;
        };
        this.separateThreadByDefault = parameters.get(PREFIX + "thread.mode.default")
                .map(s -> s.strip().equalsIgnoreCase(Timeout.ThreadMode.SEPARATE_THREAD.name())).orElse(false);
    }

    /** A test method's timeout: its own {@code @Timeout}, its class's (or an enclosing class's), else the default. */
    Optional<Limit> forTest(Method method, List<Class<?>> classes) {
        if (!enabled) {
            return Optional.empty();
        }
        Optional<Timeout> annotation = AnnotationSupport.findAnnotation(method, Timeout.class);
        for (int i = classes.size() - 1; i >= 0 && annotation.isEmpty(); i--) {
            annotation = AnnotationSupport.findAnnotation(classes.get(i), Timeout.class);
        }
        return annotation.map(this::limit).or(() -> byDefault(Kind.TEST));
    }

    /** A lifecycle method's timeout: its own {@code @Timeout}, else the default for its kind. */
    Optional<Limit> forLifecycle(Method method, Kind kind) {
        if (!enabled) {
            return Optional.empty();
        }
        return AnnotationSupport.findAnnotation(method, Timeout.class).map(this::limit).or(() -> byDefault(kind));
    }

    private Limit limit(Timeout t) {
        boolean separate = switch (t.threadMode()) {
            case SEPARATE_THREAD -> true;
            case SAME_THREAD -> false;
            default -> separateThreadByDefault;
        };
        return new Limit(Duration.ofNanos(t.unit().toNanos(t.value())), separate);
    }

    private Optional<Limit> byDefault(Kind kind) {
        return parse(PREFIX + kind.key).or(() -> parse(PREFIX + kind.groupKey)).or(() -> parse(PREFIX + "default"))
                .map(d -> new Limit(d, separateThreadByDefault));
    }

    private Optional<Duration> parse(String key) {
        return parameters.get(key).map(String::strip).filter(s -> !s.isEmpty()).flatMap(value -> {
            Optional<Duration> d = parseDuration(value);
            if (d.isEmpty()) {
                LOG.warning(() -> "rubric engine: " + key + " = \"" + value + "\" is not a timeout, so it is ignored:"
                        + " write a positive whole number and a unit (ns, μs, ms, s, m, h or d; seconds without one),"
                        + " such as \"30 s\" or \"500ms\"");
            }
            return d;
        });
    }

    static Optional<Duration> parseDuration(String value) {
        Matcher m = DURATION.matcher(value.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
        TimeUnit u = switch (unit) {
            case "ns" -> TimeUnit.NANOSECONDS;
            case "μs" -> TimeUnit.MICROSECONDS;
            case "ms" -> TimeUnit.MILLISECONDS;
            case "m" -> TimeUnit.MINUTES;
            case "h" -> TimeUnit.HOURS;
            case "d" -> TimeUnit.DAYS;
            default -> TimeUnit.SECONDS;
        };
        return Optional.of(Duration.ofNanos(u.toNanos(amount)));
    }

    private static boolean debugging() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-agentlib:jdwp") || a.startsWith("-Xrunjdwp"));
    }

    /**
     * Runs {@code body} under {@code limit} (none: as it is). The judge's waiting time, told through {@code scope}
     * (null for a method outside a test's grading scope, such as {@code @BeforeAll}), does not count.
     *
     * @param what names the method in the failure: "refunds()"
     */
    static Object call(Optional<Limit> limit, String what, GradingScope scope, Body body) throws Throwable {
        if (limit.isEmpty()) {
            return body.run();
        }
        TimeoutClock clock = new TimeoutClock(limit.get().duration().toNanos());
        if (scope != null) {
            scope.timeoutClock(clock);
        }
        try {
            return limit.get().separateThread() ? inSeparateThread(limit.get(), what, scope, clock, body)
                    : inSameThread(limit.get(), what, clock, body);
        } finally {
            if (scope != null) {
                scope.timeoutClock(null);
            }
        }
    }

    /** Jupiter's SAME_THREAD mode: the test's thread is interrupted when the budget is spent. */
    private static Object inSameThread(Limit limit, String what, TimeoutClock clock, Body body) throws Throwable {
        Watchdog watchdog = new Watchdog(clock, Thread.currentThread());
        Object result = null;
        Throwable failure = null;
        try {
            result = body.run();
        } catch (Throwable t) {
            failure = t;
        } finally {
            watchdog.stop();
        }
        if (watchdog.fired() || clock.remainingNanos() <= 0) {
            if (watchdog.fired()) {
                Thread.interrupted(); // the interrupt was ours
            }
            TimeoutException e = new TimeoutException(what + " timed out after " + limit.describe());
            if (failure != null) {
                e.addSuppressed(failure);
            }
            throw e;
        }
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    /**
     * Jupiter's SEPARATE_THREAD mode: the method runs in a thread of its own, abandoned (and interrupted) when the
     * budget is spent, so that even a method that ignores interrupts fails on time.
     */
    private static Object inSeparateThread(Limit limit, String what, GradingScope scope, TimeoutClock clock, Body body)
            throws Throwable {
        FutureTask<Object> task = new FutureTask<>(() -> {
            try (GradingScope.Binding ignored = scope == null ? () -> { } : scope.bind()) {
                return body.run();
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new ExecutionException(t);
            }
        });
        Thread worker = new Thread(task, "rubric-timeout-" + what);
        worker.setDaemon(true);
        worker.start();
        while (true) {
            long remaining = clock.remainingNanos();
            if (remaining <= 0 && !clock.paused()) {
                worker.interrupt();
                TimeoutException e = new TimeoutException(what + " timed out after " + limit.describe());
                StackTraceElement[] where = worker.getStackTrace();
                if (where.length > 0) {
                    Exception at = new Exception("where " + what + " was when it timed out");
                    at.setStackTrace(where);
                    e.addSuppressed(at);
                }
                throw e;
            }
            try {
                return task.get(Math.max(remaining, PAUSED_POLL_NANOS), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // look again: the budget may have stood still while the method waited for the judge
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw cause instanceof ExecutionException inner && inner.getCause() != null ? inner.getCause() : cause;
            }
        }
    }

    /** Interrupts the test's thread once the clock's budget is spent, unless it was stopped first. */
    private static final class Watchdog implements Runnable {

        private final TimeoutClock clock;
        private final Thread thread;
        private final AtomicBoolean fired = new AtomicBoolean();
        private final Thread timer;
        private boolean stopped;

        Watchdog(TimeoutClock clock, Thread thread) {
            this.clock = clock;
            this.thread = thread;
            this.timer = new Thread(this, "rubric-timeout-watchdog");
            timer.setDaemon(true);
            timer.start();
        }

        @Override
        public void run() {
            try {
                while (true) {
                    long remaining = clock.remainingNanos();
                    if (remaining <= 0 && !clock.paused()) {
                        synchronized (this) {
                            if (!stopped) {
                                fired.set(true);
                                thread.interrupt();
                            }
                        }
                        return;
                    }
                    synchronized (this) {
                        if (stopped) {
                            return;
                        }
                        long wait = Math.max(remaining, PAUSED_POLL_NANOS);
                        TimeUnit.NANOSECONDS.timedWait(this, wait);
                        if (stopped) {
                            return;
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized void stop() {
            stopped = true;
            notifyAll();
        }

        boolean fired() {
            return fired.get();
        }
    }
}
