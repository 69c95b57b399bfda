package dev.rubric.junit;

import org.apiguardian.api.API;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Data-driven {@link RubricTest}: one test per case in a file. The value is a classpath resource
 * ({@code "support-questions.jsonl"}, looked up next to the test class first, then from the classpath root) or a file
 * path (relative to the working directory). The format follows the extension: {@code .jsonl}/{@code .ndjson} (one
 * JSON object a line), {@code .json} (an array of objects), {@code .yaml}/{@code .yml} (a list of maps). Each case
 * needs an {@code instruction}; {@code name}, {@code reference} and {@code tags} are optional and every other field is
 * kept in {@link Case#fields()}. The method takes one {@link Case} parameter.
 */
@API(status = API.Status.STABLE, since = "0.1")
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Cases {

    /** The cases file: a classpath resource or a path. */
    String value();
}
