package dev.rubric.junit;

import org.apiguardian.api.API;
import org.junit.platform.commons.annotation.Testable;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A quality test run by the {@code rubric} engine. The method is an instance method of a class written as for Jupiter:
 * its lifecycle methods, {@code @Nested}, {@code @Tag}, {@code @DisplayName}, {@code @Disabled} and conditions,
 * {@code @Timeout} and assumptions work as in Jupiter, with a new instance per invocation (each sample, each case)
 * unless the class is {@code @TestInstance(PER_CLASS)}. It takes no parameters, or one {@link Case} with
 * {@link Cases}, and Jupiter's {@code TestInfo} and {@code TestReporter}.
 *
 * <p>Imperative form: the method calls {@link RubricAssertions#assertThat(Response)}. Declarative form:
 * the method returns a {@link Response} (or a String, with {@link #instruction()}) and names
 * {@link #minScore()}; the engine grades it on {@link #rubric()}.
 *
 * <p>Sampled form: with {@link #samples()} = N the method runs up to N times, each run a child test; the test passes
 * when passes / N &gt;= {@link #minPassRate()}. It stops early once the outcome cannot change. Together with
 * {@link Cases}, each case is sampled N times and passes on its own pass rate.
 */
@API(status = API.Status.STABLE, since = "0.1")
@Documented
@Testable
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface RubricTest {

    /** How many times to run the method (the system under test is called afresh each time). */
    int samples() default 1;

    /** The share of samples that must pass, 0..1. */
    double minPassRate() default 1.0;

    /** Declarative form: the predefined rubric graded against ("helpfulness", "harmlessness", ...). */
    String rubric() default "helpfulness";

    /** Declarative form: the lowest passing score, 1..5; 0 (the default) means the method asserts itself. */
    int minScore() default 0;

    /** Declarative form with a String return value: what the system under test was asked. */
    String instruction() default "";

    /** Declarative form: a reference answer worth a 5 (a case's own reference wins). */
    String reference() default "";

    /** Tags for filtering (Surefire {@code groups}, {@code -Dgroups=...}) and the results file, as Jupiter's {@code @Tag}. */
    String[] tags() default {};

    /** The name shown in IDEs and reports instead of the method name, as Jupiter's {@code @DisplayName}. */
    String displayName() default "";
}
