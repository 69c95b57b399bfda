package dev.rubric.junit.engine;

import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.platform.engine.UniqueId;

/** A node that is (part of) one test method: a method, one of its samples, or one of its cases. */
interface RubricNode {

    Class<?> testClass();

    Method testMethod();

    /** For samples and cases: their method's unique id. */
    Optional<UniqueId> parentTestId();
}
