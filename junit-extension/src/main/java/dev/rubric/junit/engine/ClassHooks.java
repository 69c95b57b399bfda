package dev.rubric.junit.engine;

import java.lang.reflect.Method;

/**
 * What a test framework integration does around a test class's lifecycle, at the points where Jupiter calls its
 * extensions: once per class, for each new instance, and around each invocation (before and after the
 * {@code @BeforeEach}/{@code @AfterEach} methods, and right around the test method). {@link SpringTestHooks} is the
 * one there is; a class without one gets {@link #NONE}.
 */
interface ClassHooks {

    ClassHooks NONE = new ClassHooks() {
    };

    /** Before the class's {@code @BeforeAll} methods. */
    default void beforeClass() throws Exception {
    }

    /** A new instance of the class, before any method runs on it. */
    default void prepareInstance(Object instance) throws Exception {
    }

    /** Before the {@code @BeforeEach} methods of an invocation. */
    default void beforeEach(Object instance, Method method) throws Exception {
    }

    /** After the {@code @BeforeEach} methods, right before the test method. */
    default void beforeExecution(Object instance, Method method) throws Exception {
    }

    /** Right after the test method, before the {@code @AfterEach} methods; {@code failure} is what it threw, or null. */
    default void afterExecution(Object instance, Method method, Throwable failure) throws Exception {
    }

    /** After the {@code @AfterEach} methods; {@code failure} is the first thing the invocation threw, or null. */
    default void afterEach(Object instance, Method method, Throwable failure) throws Exception {
    }

    /** After the class's {@code @AfterAll} methods. */
    default void afterClass() throws Exception {
    }
}
