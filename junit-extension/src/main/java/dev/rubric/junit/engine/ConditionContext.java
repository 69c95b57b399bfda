package dev.rubric.junit.engine;

import org.junit.jupiter.api.MediaType;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExecutableInvoker;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstances;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The part of Jupiter's {@link ExtensionContext} that Jupiter's execution conditions read ({@code @EnabledOnOs},
 * {@code @EnabledIf}, {@code @DisabledIfSystemProperty}, ...): the element, the test class and method, the test
 * instance (with {@code PER_CLASS}) and the configuration. Conditions are Jupiter's own classes, so a rubric test
 * gets exactly the semantics of the user's Jupiter version. What conditions never need (stores, file publishing,
 * invokers) is refused with a message that says so. Methods whose types are newer than Jupiter 5.10 are never called
 * by a 5.10 condition, so they do not keep this class from loading there.
 */
final class ConditionContext implements ExtensionContext {

    private final TestDescriptor node;
    private final AnnotatedElement element;
    private final List<Class<?>> classes;
    private final Method method;
    private final Object instance;
    private final TestInstance.Lifecycle lifecycle;
    private final ConfigurationParameters configuration;
    private final ConditionContext parent;

    ConditionContext(TestDescriptor node, AnnotatedElement element, List<Class<?>> classes, Method method,
                     Object instance, TestInstance.Lifecycle lifecycle, ConfigurationParameters configuration,
                     ConditionContext parent) {
        this.node = node;
        this.element = element;
        this.classes = classes;
        this.method = method;
        this.instance = instance;
        this.lifecycle = lifecycle;
        this.configuration = configuration;
        this.parent = parent;
    }

    private UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException("the rubric engine evaluates Jupiter's execution conditions only; "
                + what + " is not available to a condition on " + node.getDisplayName()
                + ": use a condition that reads the element, the test class or method, or the configuration");
    }

    @Override
    public Optional<ExtensionContext> getParent() {
        return Optional.ofNullable(parent);
    }

    @Override
    public ExtensionContext getRoot() {
        return parent == null ? this : parent.getRoot();
    }

    @Override
    public String getUniqueId() {
        return node.getUniqueId().toString();
    }

    @Override
    public String getDisplayName() {
        return node.getDisplayName();
    }

    @Override
    public Set<String> getTags() {
        return node.getTags().stream().map(TestTag::getName).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    @Override
    public Optional<AnnotatedElement> getElement() {
        return Optional.ofNullable(element);
    }

    @Override
    public Optional<Class<?>> getTestClass() {
        return classes.isEmpty() ? Optional.empty() : Optional.of(classes.get(classes.size() - 1));
    }

    @Override
    public List<Class<?>> getEnclosingTestClasses() {
        return classes.isEmpty() ? List.of() : List.copyOf(classes.subList(0, classes.size() - 1));
    }

    @Override
    public Optional<TestInstance.Lifecycle> getTestInstanceLifecycle() {
        return Optional.ofNullable(lifecycle);
    }

    @Override
    public Optional<Object> getTestInstance() {
        return Optional.ofNullable(instance);
    }

    @Override
    public Optional<TestInstances> getTestInstances() {
        return Optional.empty();
    }

    @Override
    public Optional<Method> getTestMethod() {
        return Optional.ofNullable(method);
    }

    @Override
    public Optional<Throwable> getExecutionException() {
        return Optional.empty();
    }

    @Override
    public Optional<String> getConfigurationParameter(String key) {
        return configuration.get(key);
    }

    @Override
    public <T> Optional<T> getConfigurationParameter(String key, Function<? super String, ? extends T> transformer) {
        return configuration.get(key).map(transformer);
    }

    @Override
    public void publishReportEntry(Map<String, String> map) {
        throw unsupported("publishing a report entry");
    }

    @Override
    public void publishFile(String name, MediaType mediaType, ThrowingConsumer<Path> action) {
        throw unsupported("publishing a file");
    }

    @Override
    public void publishDirectory(String name, ThrowingConsumer<Path> action) {
        throw unsupported("publishing a directory");
    }

    @Override
    public Store getStore(Namespace namespace) {
        throw unsupported("a store");
    }

    @Override
    public Store getStore(StoreScope scope, Namespace namespace) {
        throw unsupported("a store");
    }

    @Override
    public ExecutionMode getExecutionMode() {
        return ExecutionMode.CONCURRENT;
    }

    @Override
    public ExecutableInvoker getExecutableInvoker() {
        throw unsupported("an executable invoker");
    }
}
