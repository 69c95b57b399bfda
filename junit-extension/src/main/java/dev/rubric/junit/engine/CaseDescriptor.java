package dev.rubric.junit.engine;

import dev.rubric.junit.Case;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One data-driven case of a {@code @Cases} method: the method runs with this {@link Case}. When the method is sampled
 * too ({@code samples = N}), the case is a container of N samples and passes when enough of them passed.
 */
final class CaseDescriptor extends RubricNode {

    static final String SEGMENT_TYPE = "case";
    private static final int MAX_NAME = 80;

    private final MethodDescriptor method;
    private final Case testCase;
    private final String legacyPrefix;
    private final Set<TestTag> tags;

    /** @param uniqueLabel whether no other case of the method has the same label (else the index tells them apart) */
    CaseDescriptor(MethodDescriptor method, int index, Case testCase, boolean uniqueLabel) {
        super(method.getUniqueId().append(SEGMENT_TYPE, String.valueOf(index)), "[" + index + "] " + label(testCase),
                method.getSource().orElse(null));
        this.method = method;
        this.testCase = testCase;
        this.legacyPrefix = method.testMethod().getName() + "[" + (uniqueLabel ? "" : index + ": ") + label(testCase);
        List<String> names = new ArrayList<>(method.getTags().stream().map(TestTag::getName).toList());
        names.addAll(testCase.tags());
        this.tags = MethodDescriptor.validTags(names);
        if (sampled()) {
            SampleDescriptor.addSamples(this, method, this);
        }
    }

    /** The case's name, or else its instruction, on one line and shortened. */
    static String label(Case c) {
        String label = c.label().strip().replaceAll("\\s+", " ");
        return label.length() <= MAX_NAME ? label : label.substring(0, MAX_NAME - 3) + "...";
    }

    @Override
    MethodDescriptor method() {
        return method;
    }

    @Override
    Case testCase() {
        return testCase;
    }

    @Override
    boolean sampled() {
        return method.annotation().samples() > 1;
    }

    /** "method[refund window": the legacy name without its closing bracket, for this case's samples to extend. */
    String legacyReportingPrefix() {
        return legacyPrefix;
    }

    /** "method[refund window]", for Surefire's XML report (which names tests by their legacy reporting name). */
    @Override
    public String getLegacyReportingName() {
        return legacyPrefix + "]";
    }

    @Override
    public Type getType() {
        return sampled() ? Type.CONTAINER : Type.TEST;
    }

    @Override
    public Set<TestTag> getTags() {
        return tags;
    }

    @Override
    Optional<UniqueId> parentTestId() {
        return Optional.of(method.getUniqueId());
    }
}
