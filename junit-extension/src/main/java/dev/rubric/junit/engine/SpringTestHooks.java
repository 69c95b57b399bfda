package dev.rubric.junit.engine;

import org.springframework.test.context.TestContextManager;

import java.lang.reflect.Method;

/**
 * Spring's test lifecycle for a rubric test class, driven through {@link TestContextManager} (which is test-framework
 * neutral) at the points where Spring's {@code SpringExtension} drives it under Jupiter: dependency injection into
 * each new instance, the context cache across classes, {@code @DirtiesContext}, and the test execution listeners.
 * Loaded only by {@link SpringSupport}, when spring-test is on the classpath.
 */
final class SpringTestHooks implements ClassHooks {

    private final TestContextManager manager;

    SpringTestHooks(Class<?> testClass) {
        this.manager = new TestContextManager(testClass);
    }

    @Override
    public void beforeClass() throws Exception {
        manager.beforeTestClass();
    }

    @Override
    public void prepareInstance(Object instance) throws Exception {
        manager.prepareTestInstance(instance);
    }

    @Override
    public void beforeEach(Object instance, Method method) throws Exception {
        manager.beforeTestMethod(instance, method);
    }

    @Override
    public void beforeExecution(Object instance, Method method) throws Exception {
        manager.beforeTestExecution(instance, method);
    }

    @Override
    public void afterExecution(Object instance, Method method, Throwable failure) throws Exception {
        manager.afterTestExecution(instance, method, failure);
    }

    @Override
    public void afterEach(Object instance, Method method, Throwable failure) throws Exception {
        manager.afterTestMethod(instance, method, failure);
    }

    @Override
    public void afterClass() throws Exception {
        manager.afterTestClass();
    }
}
