package dev.rubric.junit.engine;

import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.hierarchical.Node;

/** A test class: instantiated once before its tests, closed after them when it is {@link AutoCloseable}. */
public final class ClassDescriptor extends AbstractTestDescriptor implements Node<RubricExecutionContext> {

    static final String SEGMENT_TYPE = "class";

    private final Class<?> testClass;

    ClassDescriptor(UniqueId parentId, Class<?> testClass) {
        super(parentId.append(SEGMENT_TYPE, testClass.getName()), testClass.getSimpleName(), ClassSource.from(testClass));
        this.testClass = testClass;
    }

    public Class<?> testClass() {
        return testClass;
    }

    /** Surefire's XML report and other legacy tools name the class in full, as for Jupiter classes. */
    @Override
    public String getLegacyReportingName() {
        return testClass.getName();
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public RubricExecutionContext before(RubricExecutionContext context) {
        return context.withInstance(ReflectionSupport.newInstance(testClass));
    }

    @Override
    public void nodeFinished(RubricExecutionContext context, TestDescriptor descriptor, TestExecutionResult result) {
        context.run().results().classFailed(this, result);
    }

    @Override
    public void after(RubricExecutionContext context) throws Exception {
        if (context.testInstance() instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
