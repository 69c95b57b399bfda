package dev.rubric.junit.engine;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

/**
 * A test class while it runs: its hooks (Spring's, when it has them) and the instances its invocations run on, as
 * Jupiter makes them. By default each invocation (each sample, each case) gets a new instance, and for a
 * {@code @Nested} class new instances of its enclosing classes too; with {@code @TestInstance(PER_CLASS)} the class
 * has one instance (made before its {@code @BeforeAll} methods) that all its invocations and nested classes share.
 * An instance that is {@link AutoCloseable} is closed when its lifetime ends.
 */
final class ClassScope {

    private final ClassModel model;
    private final ClassScope enclosing;
    private final ClassHooks hooks;
    private final List<Object> sharedOwned = new ArrayList<>();
    private volatile List<Object> shared;

    ClassScope(ClassModel model, ClassScope enclosing, ClassHooks hooks) {
        this.model = model;
        this.enclosing = enclosing;
        this.hooks = hooks;
    }

    ClassModel model() {
        return model;
    }

    ClassHooks hooks() {
        return hooks;
    }

    /** The scopes from the outermost enclosing class's to this one. */
    List<ClassScope> levels() {
        List<ClassScope> levels = enclosing == null ? new ArrayList<>() : new ArrayList<>(enclosing.levels());
        levels.add(this);
        return levels;
    }

    /** With PER_CLASS: makes the class's one instance (and what encloses it). */
    void createShared() throws Exception {
        shared = newChain(sharedOwned);
    }

    /** The PER_CLASS instance, once made; else null. */
    Object sharedInstance() {
        List<Object> s = shared;
        return s == null ? null : s.get(s.size() - 1);
    }

    /**
     * The instances one invocation runs on, outermost first; those made for it are added to {@code owned}, for the
     * caller to {@link #close} after the invocation.
     */
    List<Object> instancesForInvocation(List<Object> owned) throws Exception {
        return model.perClass() ? shared : newChain(owned);
    }

    private List<Object> newChain(List<Object> owned) throws Exception {
        List<Object> outer = enclosing == null ? List.of() : enclosing.instancesForInvocation(owned);
        Object instance = instantiate(outer);
        owned.add(instance);
        hooks.prepareInstance(instance);
        List<Object> chain = new ArrayList<>(outer);
        chain.add(instance);
        return List.copyOf(chain);
    }

    private Object instantiate(List<Object> outer) throws Exception {
        Constructor<?> constructor = ClassModel.constructor(model.classes()).orElseThrow(() ->
                new IllegalStateException("no constructor for " + model.type().getName()));
        constructor.setAccessible(true);
        try {
            return outer.isEmpty() || constructor.getParameterCount() == 0 ? constructor.newInstance()
                    : constructor.newInstance(outer.get(outer.size() - 1));
        } catch (InvocationTargetException e) {
            throw rethrow(e.getCause());
        }
    }

    /** After the class: closes the PER_CLASS instances. */
    void closeShared() throws Exception {
        close(sharedOwned);
    }

    /** Closes each {@link AutoCloseable} instance, innermost first; the first failure is thrown, the rest suppressed. */
    static void close(List<Object> instances) throws Exception {
        Exception failure = null;
        for (int i = instances.size() - 1; i >= 0; i--) {
            if (instances.get(i) instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
        }
        instances.clear();
        if (failure != null) {
            throw failure;
        }
    }

    private static Exception rethrow(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return t instanceof Exception e ? e : new RuntimeException(t);
    }
}
