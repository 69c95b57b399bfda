package dev.rubric.junit.engine;

import dev.rubric.junit.Case;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * A node that is (part of) one test method: a method, one of its cases, or one of their samples. What they do alike
 * lives here: a node that is a test invokes the method; a sampled node (a container of samples) tallies its samples
 * and decides its own outcome from them; every test and sampled node records its result.
 */
abstract class RubricNode extends AbstractTestDescriptor implements Node<RubricExecutionContext> {

    RubricNode(UniqueId uniqueId, String displayName, TestSource source) {
        super(uniqueId, displayName, source);
    }

    /** The {@code @RubricTest} method this node runs. */
    abstract MethodDescriptor method();

    /** The case the method is called with, or null when it takes none. */
    abstract Case testCase();

    /** Whether this node is a sampled test: a container whose outcome its samples' pass rate decides. */
    abstract boolean sampled();

    /** For samples and cases: the unique id of the node they belong to. */
    abstract Optional<UniqueId> parentTestId();

    Class<?> testClass() {
        return method().testClass();
    }

    Method testMethod() {
        return method().testMethod();
    }

    @Override
    public RubricExecutionContext before(RubricExecutionContext context) {
        return sampled() ? Sampling.start(context, this, method().annotation().minPassRate()) : context;
    }

    @Override
    public RubricExecutionContext execute(RubricExecutionContext context, DynamicTestExecutor dynamicTestExecutor) {
        if (getType() == Type.TEST) {
            try {
                TestInvoker.invoke(context, this, method(), testCase());
            } catch (Throwable t) { // reported to Surefire's XML and the IDE: no credential this JVM knows in it
                throw Invocations.sneakyThrow(RedactedThrowables.of(t));
            }
        }
        return context;
    }

    /** A sampled node reports its pass rate; a test its verdicts; a container of cases nothing (its cases do). */
    @Override
    public void nodeFinished(RubricExecutionContext context, TestDescriptor descriptor, TestExecutionResult result) {
        if (sampled()) {
            Sampling.finished(context, this, result);
        } else if (getType() == Type.TEST) {
            TestInvoker.publishVerdicts(context.run(), this);
            context.run().results().finished(this, result, null);
        }
    }

    @Override
    public void nodeSkipped(RubricExecutionContext context, TestDescriptor descriptor, SkipResult result) {
        context.run().results().skipped(this, result.getReason().orElse("skipped"));
    }
}
